import type { CodebookJson } from '../../../shared/contract/codebookJson';

export interface CodebookProblems {
  errors: string[];
  warnings: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "N codes have no definition (e.g. …)" rather than thousands of lines for a large codebook. */
function summarise(what: string, names: string[], limit = 5): string[] {
  if (names.length === 0) return [];
  if (names.length <= limit) return names.map((n) => `code "${n}" ${what}`);
  const sample = names
    .slice(0, 3)
    .map((n) => `"${n}"`)
    .join(', ');
  return [`${names.length} codes ${what.replace(/^has /, 'have ')} (e.g. ${sample})`];
}

/** Finds parent cycles in one pass (each code is settled once), so 5,000 codes stay fast. */
function findCycles(parent: Map<string, string | null>): string[] {
  const state = new Map<string, 'open' | 'done'>();
  const out: string[] = [];
  for (const start of parent.keys()) {
    const path: string[] = [];
    let k: string | null = start;
    while (k !== null && parent.has(k) && state.get(k) !== 'done') {
      if (state.get(k) === 'open') {
        const loop = path.slice(path.indexOf(k));
        out.push(`codes ${loop.map((x) => `"${x}"`).join(' → ')} → "${k}" form a cycle of parents`);
        break;
      }
      state.set(k, 'open');
      path.push(k);
      k = parent.get(k) ?? null;
    }
    for (const p of path) state.set(p, 'done');
  }
  return out;
}

/**
 * Structural checks a codebook must pass before anything is stored: unique ids and
 * guids, parents that exist, no cycles; duplicate names and empty definitions warn.
 */
export function validateCodebook(cb: CodebookJson): CodebookProblems {
  const errors: string[] = [];
  const warnings: string[] = [];
  const ids = new Map<string, number>();
  const guids = new Map<string, string>();
  cb.codes.forEach((c, i) => {
    if (!c.name.trim()) errors.push(`code ${i + 1} ("${c.id}") has an empty name`);
    if (ids.has(c.id))
      errors.push(`code id "${c.id}" appears twice (codes ${ids.get(c.id)! + 1} and ${i + 1})`);
    ids.set(c.id, i);
    if (c.guid) {
      const g = c.guid.toLowerCase();
      if (!GUID.test(g)) errors.push(`code "${c.name}" has a malformed guid "${c.guid}"`);
      const other = guids.get(g);
      if (other !== undefined)
        errors.push(`guid ${c.guid} is used by two codes ("${other}" and "${c.name}")`);
      guids.set(g, c.name);
    }
  });
  for (const c of cb.codes) {
    if (c.parent_id != null && !ids.has(c.parent_id))
      errors.push(`code "${c.name}" refers to an unknown parent "${c.parent_id}"`);
  }
  errors.push(...findCycles(new Map(cb.codes.map((c) => [c.id, c.parent_id ?? null]))));
  const bySiblingName = new Set<string>();
  const duplicates: string[] = [];
  for (const c of cb.codes) {
    const key = `${c.parent_id ?? ''}\u0000${c.name.trim().toLowerCase()}`;
    if (bySiblingName.has(key)) duplicates.push(c.name);
    bySiblingName.add(key);
  }
  warnings.push(...duplicates.map((n) => `two codes under the same parent are named "${n}"`).slice(0, 10));
  if (duplicates.length > 10)
    warnings.push(`${duplicates.length - 10} more duplicate names under the same parent`);
  warnings.push(
    ...summarise(
      'has no definition',
      cb.codes.filter((c) => !c.definition.trim()).map((c) => c.name),
    ),
  );
  return { errors: [...new Set(errors)], warnings };
}
