import type { CodeView } from '../../../../shared/contract/codebook';

// Pure helpers over a codebook version's flat code list (parentKey links, `order`):
// tree order, visible rows of the editor's tree, ranking for the code picker.

export interface TreeRow {
  code: CodeView;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  /** the row matches the search itself (not only one of its descendants) */
  match: boolean;
}

/** parentKey → children in `order`; codes whose parent is missing count as top level. */
export function childrenMap(codes: readonly CodeView[]): Map<string | null, CodeView[]> {
  const keys = new Set(codes.map((c) => c.key));
  const out = new Map<string | null, CodeView[]>();
  for (const c of [...codes].sort((a, b) => a.order - b.order)) {
    const parent = c.parentKey !== null && keys.has(c.parentKey) ? c.parentKey : null;
    const list = out.get(parent);
    if (list) list.push(c);
    else out.set(parent, [c]);
  }
  return out;
}

export function childrenOf(codes: readonly CodeView[], parentKey: string | null): CodeView[] {
  return childrenMap(codes).get(parentKey) ?? [];
}

/** Every code with its depth, parents before their sub-codes. */
export function inTreeOrder(codes: readonly CodeView[]): { code: CodeView; depth: number }[] {
  const children = childrenMap(codes);
  const out: { code: CodeView; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.key)) continue; // a parent cycle must not loop forever
      seen.add(c.key);
      out.push({ code: c, depth });
      walk(c.key, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export function descendantKeys(codes: readonly CodeView[], key: string): Set<string> {
  const children = childrenMap(codes);
  const out = new Set<string>();
  const stack = (children.get(key) ?? []).map((c) => c.key);
  while (stack.length) {
    const k = stack.pop()!;
    if (out.has(k)) continue;
    out.add(k);
    stack.push(...(children.get(k) ?? []).map((c) => c.key));
  }
  return out;
}

/** Ancestors of a code, nearest first. */
export function ancestorKeys(codes: readonly CodeView[], key: string): string[] {
  const parent = new Map(codes.map((c) => [c.key, c.parentKey]));
  const out: string[] = [];
  let p = parent.get(key) ?? null;
  while (p !== null && parent.has(p) && !out.includes(p) && p !== key) {
    out.push(p);
    p = parent.get(p) ?? null;
  }
  return out;
}

const norm = (s: string) => s.toLocaleLowerCase().trim();

/** The editor's search: name, short label, key or definition contains the text. */
export function codeMatches(code: CodeView, query: string): boolean {
  const q = norm(query);
  if (!q) return true;
  return [code.name, code.shortLabel, code.key, code.definition].some((f) => norm(f).includes(q));
}

/**
 * The rows the editor's tree shows: collapsed codes hide their sub-codes; while
 * searching, every match shows with the path to it, expanded.
 */
export function visibleRows(
  codes: readonly CodeView[],
  collapsed: Readonly<Record<string, boolean>>,
  query: string,
): TreeRow[] {
  const children = childrenMap(codes);
  const searching = norm(query) !== '';
  const keep = new Set<string>();
  if (searching) {
    for (const c of codes) {
      if (!codeMatches(c, query)) continue;
      keep.add(c.key);
      for (const a of ancestorKeys(codes, c.key)) keep.add(a);
    }
  }
  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const c of children.get(parent) ?? []) {
      if (seen.has(c.key) || (searching && !keep.has(c.key))) continue;
      seen.add(c.key);
      const hasChildren = (children.get(c.key)?.length ?? 0) > 0;
      const expanded = hasChildren && (searching || !collapsed[c.key]);
      rows.push({ code: c, depth, hasChildren, expanded, match: searching && codeMatches(c, query) });
      if (expanded) walk(c.key, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

/**
 * The code picker's search, best first: whole name or short label, name prefix, word
 * prefix, anywhere in the name, then short label / key / definition. Ties keep tree order.
 */
export function rankCodes(codes: readonly CodeView[], query: string): CodeView[] {
  const q = norm(query);
  const ordered = inTreeOrder(codes).map((r) => r.code);
  if (!q) return ordered;
  const score = (c: CodeView): number => {
    const name = norm(c.name);
    const label = norm(c.shortLabel);
    if (name === q || (label !== '' && label === q)) return 0;
    if (name.startsWith(q)) return 1;
    if (name.split(/[\s\-/(),:]+/).some((w) => w.startsWith(q))) return 2;
    if (name.includes(q)) return 3;
    if (label.includes(q) || norm(c.key).includes(q)) return 4;
    if (norm(c.definition).includes(q)) return 5;
    return -1;
  };
  return ordered
    .map((c, i) => ({ c, s: score(c), i }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.c);
}

/** The codes number keys 1–9 apply: the pinned ones if any, else the first nine leaf codes. */
export function numberedCodes(codes: readonly CodeView[], pins: readonly string[]): CodeView[] {
  const byKey = new Map(codes.map((c) => [c.key, c]));
  const pinned = pins.map((k) => byKey.get(k)).filter((c): c is CodeView => c !== undefined);
  if (pinned.length > 0) return pinned.slice(0, 9);
  const parents = new Set(codes.map((c) => c.parentKey).filter((k) => k !== null));
  return inTreeOrder(codes)
    .map((r) => r.code)
    .filter((c) => !parents.has(c.key))
    .slice(0, 9);
}
