// Expected cell counts of a 2×2 table under independence, E_ij = row_i · col_j / N, and
// the classic small-cell rule: the χ² approximation (and Wald-type intervals) are
// unreliable when any expected count is below 5 (Cochran 1954, Biometrics 10:417–451).

import type { TwoByTwoTable } from './fisher';

export type ExpectedCounts = [[number, number], [number, number]];

/** Expected counts under independence; null when the table is empty (N = 0). */
export function expectedCounts(table: TwoByTwoTable): ExpectedCounts | null {
  const [[a, b], [c, d]] = table;
  const n = a + b + c + d;
  if (n === 0) return null;
  const rows = [a + b, c + d] as const;
  const cols = [a + c, b + d] as const;
  return [
    [(rows[0] * cols[0]) / n, (rows[0] * cols[1]) / n],
    [(rows[1] * cols[0]) / n, (rows[1] * cols[1]) / n],
  ];
}

/** True when some expected count is below `minimum` (default 5), or the table is empty. */
export function hasSmallExpectedCount(table: TwoByTwoTable, minimum = 5): boolean {
  const expected = expectedCounts(table);
  return expected === null || expected.some((row) => row.some((e) => e < minimum));
}
