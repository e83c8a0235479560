// Pearson's χ² test of independence for a 2×2 table (Pearson 1900), optionally with
// Yates' continuity correction (Yates 1934), computed as R's chisq.test(x, correct):
//   E <- outer(rowSums, colSums) / n; YATES <- min(0.5, abs(x - E))
//   X2 <- sum((abs(x - E) - YATES)^2 / E); p <- pchisq(X2, 1, lower.tail = FALSE)
// An extra for large tables: `stats compare` always reports Fisher's exact p.

import { expectedCounts } from './expectedCounts';
import type { TwoByTwoTable } from './fisher';
import { assertTwoByTwo } from './fisher';
import { chiSquare1UpperTail } from './normalDistribution';

export interface ChiSquareResult {
  statistic: number;
  df: 1;
  p_value: number;
}

/** null when a margin is zero (some expected count is 0, so X² is undefined). */
export function pearsonChiSquare(
  table: TwoByTwoTable,
  options: { yates?: boolean } = {},
): ChiSquareResult | null {
  assertTwoByTwo(table);
  const expected = expectedCounts(table);
  if (expected === null || expected.some((row) => row.some((e) => e === 0))) return null;
  const cells = table.flatMap((row, i) => row.map((x, j) => ({ x, e: expected[i]?.[j] ?? 0 })));
  const correction = options.yates ? Math.min(0.5, ...cells.map(({ x, e }) => Math.abs(x - e))) : 0;
  const statistic = cells.reduce((sum, { x, e }) => sum + (Math.abs(x - e) - correction) ** 2 / e, 0);
  return { statistic, df: 1, p_value: chiSquare1UpperTail(statistic) };
}
