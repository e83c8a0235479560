import type { ChangeEntry } from '../../../shared/contract/codebook';
import { changedDefinitionFields, type CodeData } from './codeData';

const parentName = (byKey: Map<string, CodeData>, key: string | null) =>
  key === null ? 'the top level' : `"${byKey.get(key)?.name ?? key}"`;

/**
 * What changed from one list of codes to another, matched by key: added, removed,
 * renamed, moved (new parent), redefined (definition, criteria, examples or short
 * label) and recolored. Merges and splits look like removals here; the caller
 * relabels those from the change log.
 */
export function diffCodes(from: readonly CodeData[], to: readonly CodeData[]): ChangeEntry[] {
  const before = new Map(from.map((c) => [c.key, c]));
  const after = new Map(to.map((c) => [c.key, c]));
  const out: ChangeEntry[] = [];
  for (const c of to) {
    const old = before.get(c.key);
    if (!old) {
      out.push({
        kind: 'added',
        key: c.key,
        name: c.name,
        detail: `added under ${parentName(after, c.parentKey)}`,
      });
      continue;
    }
    if (old.name !== c.name)
      out.push({ kind: 'renamed', key: c.key, name: c.name, detail: `"${old.name}" → "${c.name}"` });
    if (old.parentKey !== c.parentKey) {
      out.push({
        kind: 'moved',
        key: c.key,
        name: c.name,
        detail: `from ${parentName(before, old.parentKey)} to ${parentName(after, c.parentKey)}`,
      });
    }
    const fields = changedDefinitionFields(old, c);
    if (fields.length)
      out.push({ kind: 'redefined', key: c.key, name: c.name, detail: `changed ${fields.join(', ')}` });
    if (old.color.toLowerCase() !== c.color.toLowerCase()) {
      out.push({ kind: 'recolored', key: c.key, name: c.name, detail: `${old.color} → ${c.color}` });
    }
  }
  for (const c of from) {
    if (!after.has(c.key)) out.push({ kind: 'removed', key: c.key, name: c.name, detail: 'removed' });
  }
  return out;
}
