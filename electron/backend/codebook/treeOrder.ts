import { UserError } from '../errors';
import type { CodeData } from './codeData';

/** key → keys of its children, in array order; roots under `null`. Orphans count as roots. */
export function childrenByParent(codes: readonly CodeData[]): Map<string | null, string[]> {
  const keys = new Set(codes.map((c) => c.key));
  const out = new Map<string | null, string[]>();
  for (const c of codes) {
    const parent = c.parentKey !== null && keys.has(c.parentKey) ? c.parentKey : null;
    const list = out.get(parent);
    if (list) list.push(c.key);
    else out.set(parent, [c.key]);
  }
  return out;
}

/** Every key below `key` (not including it). */
export function descendantsOf(codes: readonly CodeData[], key: string): Set<string> {
  const children = childrenByParent(codes);
  const out = new Set<string>();
  const stack = [...(children.get(key) ?? [])];
  while (stack.length) {
    const k = stack.pop()!;
    if (out.has(k)) continue;
    out.add(k);
    stack.push(...(children.get(k) ?? []));
  }
  return out;
}

/** Ancestors of `key`, nearest first. Stops at a cycle. */
export function ancestorsOf(codes: readonly CodeData[], key: string): string[] {
  const parent = new Map(codes.map((c) => [c.key, c.parentKey]));
  const out: string[] = [];
  let p = parent.get(key) ?? null;
  while (p !== null && parent.has(p) && !out.includes(p) && p !== key) {
    out.push(p);
    p = parent.get(p) ?? null;
  }
  return out;
}

/**
 * The codes in tree order (each parent followed by its subtree), siblings keeping
 * their relative order. Edits renumber `sort_order` from this, so a code moved to a
 * new parent lands where the tree says it is.
 */
export function inTreeOrder(codes: readonly CodeData[]): CodeData[] {
  const byKey = new Map(codes.map((c) => [c.key, c]));
  const children = childrenByParent(codes);
  const out: CodeData[] = [];
  const seen = new Set<string>();
  const stack = [...(children.get(null) ?? [])].reverse();
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(byKey.get(k)!);
    stack.push(...[...(children.get(k) ?? [])].reverse());
  }
  // codes caught in a parent cycle are unreachable from the roots; keep them anyway
  for (const c of codes) if (!seen.has(c.key)) out.push(c);
  return out;
}

/** Refuses a name already used by a sibling (two "Barriers" under one parent cannot be told apart). */
export function assertUniqueAmongSiblings(codes: readonly CodeData[], key: string): void {
  const code = codes.find((c) => c.key === key);
  if (!code) return;
  const name = code.name.trim().toLowerCase();
  const clash = codes.find(
    (c) => c.key !== key && c.parentKey === code.parentKey && c.name.trim().toLowerCase() === name,
  );
  if (clash) {
    const where = code.parentKey
      ? `under "${codes.find((c) => c.key === code.parentKey)?.name ?? code.parentKey}"`
      : 'at the top level';
    throw new UserError(`a code named "${clash.name}" already exists ${where}`);
  }
}

export function requireCode(codes: readonly CodeData[], key: string, version: number): CodeData {
  const c = codes.find((x) => x.key === key);
  if (!c) throw new UserError(`codebook version ${version} has no code "${key}"`, 'not_found');
  return c;
}
