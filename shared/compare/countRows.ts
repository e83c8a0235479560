// The input of a group comparison: one row per (code, group) with `count` units carrying
// the code out of `total` units in that group (the `stats compare` CSV, or aggregated
// labels). Exactly two groups; every code needs a row in both.

export interface CodeCountRow {
  code: string;
  group: string;
  count: number;
  total: number;
}

export interface CountRowProblem {
  /** index into the rows of the offending row; null for a problem of the whole input */
  index: number | null;
  message: string;
  /** index of an earlier row the problem refers to (the first of a duplicate) */
  firstIndex?: number;
}

/** The two group names, in order of first appearance (possibly fewer when invalid). */
export function groupsInOrder(rows: readonly CodeCountRow[]): string[] {
  return [...new Set(rows.map((row) => row.group))];
}

/** The first problem that makes the rows unusable for a two-group comparison, or null. */
export function findCountRowProblem(rows: readonly CodeCountRow[]): CountRowProblem | null {
  if (rows.length === 0) return { index: null, message: 'no data rows' };
  const groups: string[] = [];
  const seen = new Map<string, number>();
  for (const [index, { code, group, count, total }] of rows.entries()) {
    if (code.trim() === '') return { index, message: 'empty code' };
    if (group.trim() === '') return { index, message: 'empty group' };
    for (const [name, value] of [
      ['count', count],
      ['total', total],
    ] as const)
      if (!Number.isSafeInteger(value) || value < 0)
        return { index, message: `${name} ${value} is not a non-negative integer` };
    if (count > total) return { index, message: `count ${count} is greater than total ${total}` };
    if (!groups.includes(group)) {
      if (groups.length === 2)
        return {
          index,
          message: `a third group "${group}" (exactly two groups are compared: "${groups[0]}", "${groups[1]}")`,
        };
      groups.push(group);
    }
    const key = JSON.stringify([code, group]);
    const first = seen.get(key);
    if (first !== undefined)
      return { index, message: `duplicate row for code "${code}" in group "${group}"`, firstIndex: first };
    seen.set(key, index);
  }
  if (groups.length < 2)
    return { index: null, message: `only one group ("${groups[0]}"); exactly two groups are compared` };
  for (const [index, { code, group }] of rows.entries()) {
    const other = group === groups[0] ? groups[1] : groups[0];
    if (!seen.has(JSON.stringify([code, other])))
      return {
        index,
        message: `code "${code}" has a row for group "${group}" but none for group "${other}"`,
      };
  }
  return null;
}
