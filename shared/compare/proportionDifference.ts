// Difference of two independent proportions p_a − p_b with the Newcombe hybrid score
// 95% CI (Newcombe 1998, Stat Med 17:873–890, method 10), built from each group's Wilson
// score interval (Wilson 1927, JASA 22:209–212):
//   lower = D − √((p_a − l_a)² + (u_b − p_b)²),  upper = D + √((u_a − p_a)² + (p_b − l_b)²).
// Both intervals stay inside [0, 1] and [−1, 1] and need no correction for zero cells.

import type { Interval, TwoGroupCounts } from './twoGroupCounts';
import { assertTwoGroupCounts } from './twoGroupCounts';
import { Z_95 } from './normalDistribution';

export interface ProportionDifference {
  estimate: number | null;
  ci95: Interval | null;
}

/** Wilson score interval for count/total; null when total = 0. */
export function wilsonInterval(count: number, total: number, z = Z_95): Interval | null {
  if (total === 0) return null;
  const p = count / total;
  const z2 = z * z;
  const centre = p + z2 / (2 * total);
  const half = z * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  const scale = 1 + z2 / total;
  // Clamp the rounding at the ends: the limits are exactly 0 when count = 0, 1 when count = total.
  const lower = count === 0 ? 0 : Math.max(0, (centre - half) / scale);
  const upper = count === total ? 1 : Math.min(1, (centre + half) / scale);
  return [lower, upper];
}

export function proportionDifference(counts: TwoGroupCounts): ProportionDifference {
  assertTwoGroupCounts(counts);
  const { countA, totalA, countB, totalB } = counts;
  const wa = wilsonInterval(countA, totalA);
  const wb = wilsonInterval(countB, totalB);
  if (wa === null || wb === null) return { estimate: null, ci95: null };
  const pa = countA / totalA;
  const pb = countB / totalB;
  const estimate = pa - pb;
  const lower = estimate - Math.sqrt((pa - wa[0]) ** 2 + (wb[1] - pb) ** 2);
  const upper = estimate + Math.sqrt((wa[1] - pa) ** 2 + (pb - wb[0]) ** 2);
  return { estimate, ci95: [lower, upper] };
}
