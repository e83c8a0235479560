import type { ChangeEntry, CodeInputParsed } from '../../../shared/contract/codebook';
import { UserError } from '../errors';
import type { CodeData } from './codeData';
import { claimKey } from './codeKeys';
import { diffCodes } from './diffCodes';
import { assertParentAllowed, codeFromInput, type EditPlan, type PlanContext } from './planCodeEdits';
import { ancestorsOf, assertUniqueAmongSiblings, inTreeOrder, requireCode } from './treeOrder';

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(', ');

/**
 * Merges codes into a target: the sources disappear, their sub-codes move under the
 * target (or, for the target's own ancestors, up past the removed codes so no cycle
 * forms). The log records each source with `into: [target]`, which is how labels made
 * on a source under an older version are later resolved to the target.
 */
export function planMergeCodes(
  codes: readonly CodeData[],
  sourceKeys: string[],
  targetKey: string,
  ctx: PlanContext,
): EditPlan {
  const target = requireCode(codes, targetKey, ctx.version);
  const sources = [...new Set(sourceKeys)].map((k) => requireCode(codes, k, ctx.version));
  if (sources.some((s) => s.key === targetKey))
    throw new UserError(`cannot merge "${target.name}" into itself`);
  const removed = new Set(sources.map((s) => s.key));
  const parentOf = new Map(codes.map((c) => [c.key, c.parentKey]));
  const nearestKept = (key: string): string | null => {
    let p = parentOf.get(key) ?? null;
    while (p !== null && removed.has(p)) p = parentOf.get(p) ?? null;
    return p;
  };
  const targetAncestors = new Set(ancestorsOf(codes, targetKey));
  const next = codes
    .filter((c) => !removed.has(c.key))
    .map((c) => {
      if (c.parentKey === null || !removed.has(c.parentKey)) return c;
      const parentKey = c.key === targetKey || targetAncestors.has(c.key) ? nearestKept(c.key) : targetKey;
      return { ...c, parentKey };
    });
  const changes = diffCodes(codes, next).filter(
    (e) => !(e.kind === 'removed' && e.key !== null && removed.has(e.key)),
  );
  const merged: ChangeEntry[] = sources.map((s) => ({
    kind: 'merged',
    key: s.key,
    name: s.name,
    detail: `merged into "${target.name}"`,
    into: [targetKey],
  }));
  return { codes: inTreeOrder(next), changes: [...merged, ...changes], key: targetKey };
}

/**
 * Splits one code into two or more. An entry of `into` that carries the code's own
 * key continues it (narrowed); the others are new codes placed where the code was.
 * Sub-codes of a code that does not continue move under the first new code. Old
 * labels stay on the old version's row; the log's `into` lists every resulting key.
 */
export function planSplitCode(
  codes: readonly CodeData[],
  key: string,
  into: CodeInputParsed[],
  ctx: PlanContext,
): EditPlan {
  const original = requireCode(codes, key, ctx.version);
  if (into.length < 2) throw new UserError('a split needs at least two resulting codes');
  const continues = into.filter((i) => i.key === key);
  if (continues.length > 1) throw new UserError(`only one resulting code can keep the key "${key}"`);
  const parts = into.map((input) => {
    if (input.key === key) return codeFromInput(input, key, original.guid);
    if (input.key !== undefined && (codes.some((c) => c.key === input.key) || ctx.takenKeys.has(input.key))) {
      throw new UserError(`the key "${input.key}" is already used; leave it out to get a new one`);
    }
    const newKey = input.key ?? claimKey(input.name, ctx.takenKeys);
    ctx.takenKeys.add(newKey);
    return codeFromInput(input, newKey, ctx.newGuid());
  });
  const partKeys = parts.map((p) => p.key);
  const kept = continues.length === 1;
  const firstNew = parts.find((p) => p.key !== key)!;
  const heir = kept ? key : parts[0]!.key;
  const at = codes.findIndex((c) => c.key === key);
  const rest = codes.filter((c) => c.key !== key);
  const withParts = [...rest.slice(0, at), ...parts, ...rest.slice(at)].map((c) =>
    c.parentKey === key && !partKeys.includes(c.key) ? { ...c, parentKey: heir } : c,
  );
  for (const p of parts) {
    if (!kept && p.parentKey === key)
      throw new UserError(`"${p.name}" cannot be placed under "${original.name}", which the split removes`);
    assertParentAllowed(withParts, p.key, p.parentKey, ctx.version);
  }
  const next = inTreeOrder(withParts);
  for (const p of parts) assertUniqueAmongSiblings(next, p.key);
  const names = parts.map((p) => p.name);
  const split: ChangeEntry = {
    kind: 'split',
    key,
    name: original.name,
    detail: kept
      ? `split: "${original.name}" narrowed, ${quoted(names.filter((_, i) => parts[i]!.key !== key))} added`
      : `split into ${quoted(names)}`,
    into: partKeys,
  };
  const changes = diffCodes(codes, next)
    .filter((e) => !(e.kind === 'removed' && e.key === key))
    .map((e) =>
      e.kind === 'added' && e.key !== null && partKeys.includes(e.key)
        ? { ...e, detail: `${e.detail} (split from "${original.name}")` }
        : e,
    );
  return { codes: next, changes: [split, ...changes], key: firstNew.key };
}
