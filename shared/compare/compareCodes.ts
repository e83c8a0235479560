// Code frequencies in two groups (DESIGN §1.8, §4 `stats compare`): per code the two
// proportions, risk ratio a/b with its Katz 95% CI, difference a − b with its Newcombe
// 95% CI, the two-sided Fisher exact p (always, at every size), and Benjamini–Hochberg
// q-values across all listed codes, including codes never applied (p = 1).

import { benjaminiHochberg } from './benjaminiHochberg';
import type { CodeCountRow } from './countRows';
import { findCountRowProblem, groupsInOrder } from './countRows';
import { hasSmallExpectedCount } from './expectedCounts';
import { fisherExactTwoSided } from './fisher';
import { proportionDifference } from './proportionDifference';
import { riskRatio } from './riskRatio';
import type { Interval, TwoGroupCounts } from './twoGroupCounts';
import { toTwoByTwo } from './twoGroupCounts';

/** Why a row's numbers need care; the descriptions are for tables and tooltips. */
export const COMPARE_WARNINGS = {
  expected_count_below_5: 'an expected count is below 5: the CIs are rough (the p-value is exact)',
  zero_count_a: 'no occurrence in group a: risk ratio 0, CI upper limit with the ½ correction',
  zero_count_b: 'no occurrence in group b: risk ratio undefined',
  not_applied: 'applied in neither group: p = 1, risk ratio undefined',
  empty_group: 'a group has no units: proportions undefined',
} as const;
export type CompareWarning = keyof typeof COMPARE_WARNINGS;

export interface CodeComparison {
  code: string;
  a: string;
  b: string;
  count_a: number;
  total_a: number;
  count_b: number;
  total_b: number;
  prop_a: number | null;
  prop_b: number | null;
  risk_ratio: number | null;
  risk_ratio_ci95: Interval | null;
  difference: number | null;
  difference_ci95: Interval | null;
  p_value: number;
  q_value: number;
  warnings: CompareWarning[];
}

export interface CodeComparisonReport {
  codes: CodeComparison[];
}

/** Per-code comparison of groups a and b (a = the group that appears first). */
export function compareCodes(rows: readonly CodeCountRow[]): CodeComparisonReport {
  const problem = findCountRowProblem(rows);
  if (problem)
    throw new RangeError(
      problem.index === null ? problem.message : `row ${problem.index + 1}: ${problem.message}`,
    );
  const [a = '', b = ''] = groupsInOrder(rows);
  const byCode = new Map<string, TwoGroupCounts>();
  for (const { code, group, count, total } of rows) {
    const counts = byCode.get(code) ?? { countA: 0, totalA: 0, countB: 0, totalB: 0 };
    if (group === a) Object.assign(counts, { countA: count, totalA: total });
    else Object.assign(counts, { countB: count, totalB: total });
    byCode.set(code, counts);
  }
  const partial = [...byCode].map(([code, counts]) => compareOne(code, a, b, counts));
  const q = benjaminiHochberg(partial.map((row) => row.p_value));
  return {
    codes: partial.map(({ warnings, ...row }, i) => ({ ...row, q_value: q[i] ?? 1, warnings })),
  };
}

function compareOne(
  code: string,
  a: string,
  b: string,
  counts: TwoGroupCounts,
): Omit<CodeComparison, 'q_value'> {
  const { countA, totalA, countB, totalB } = counts;
  const table = toTwoByTwo(counts);
  const rr = riskRatio(counts);
  const diff = proportionDifference(counts);
  const warnings: CompareWarning[] = [];
  if (totalA === 0 || totalB === 0) warnings.push('empty_group');
  if (hasSmallExpectedCount(table)) warnings.push('expected_count_below_5');
  if (totalA > 0 && totalB > 0 && countA === 0 && countB === 0) warnings.push('not_applied');
  else if (totalA > 0 && countA === 0 && countB > 0) warnings.push('zero_count_a');
  else if (totalB > 0 && countB === 0) warnings.push('zero_count_b');
  return {
    code,
    a,
    b,
    count_a: countA,
    total_a: totalA,
    count_b: countB,
    total_b: totalB,
    prop_a: totalA === 0 ? null : countA / totalA,
    prop_b: totalB === 0 ? null : countB / totalB,
    risk_ratio: rr.estimate,
    risk_ratio_ci95: rr.ci95,
    difference: diff.estimate,
    difference_ci95: diff.ci95,
    p_value: fisherExactTwoSided(table),
    warnings,
  };
}
