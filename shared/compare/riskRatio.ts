// Risk ratio RR = (count_a/total_a) / (count_b/total_b) with a 95% CI by the Katz log
// method (Katz, Baptista, Azen & Pike 1978, Biometrics 34:469–474):
//   SE(ln RR) = √(1/x_a − 1/n_a + 1/x_b − 1/n_b),  CI = RR · exp(∓ z·SE).
//
// Zero cells (DESIGN §4):
// - no occurrence in a (x_a = 0, x_b > 0): RR = 0. ln RR is −∞, so the lower limit is 0
//   and the upper limit comes from the Haldane–Anscombe correction (add ½ to each of the
//   four cells: x → x + ½, n → n + 1; Haldane 1956, Anscombe 1956). The interval [0, hi]
//   contains the estimate.
// - no occurrence in b (x_b = 0), with or without occurrences in a: RR is undefined
//   (division by zero): estimate and interval are null.
// - an empty group (n = 0): the proportion is undefined, so RR and its CI are null.

import type { Interval, TwoGroupCounts } from './twoGroupCounts';
import { assertTwoGroupCounts } from './twoGroupCounts';
import { Z_95 } from './normalDistribution';

export interface RiskRatio {
  estimate: number | null;
  ci95: Interval | null;
}

export function riskRatio(counts: TwoGroupCounts): RiskRatio {
  assertTwoGroupCounts(counts);
  const { countA, totalA, countB, totalB } = counts;
  if (totalA === 0 || totalB === 0 || countB === 0) return { estimate: null, ci95: null };
  if (countA === 0) {
    const corrected = 0.5 / (totalA + 1) / ((countB + 0.5) / (totalB + 1));
    const se = Math.sqrt(1 / 0.5 - 1 / (totalA + 1) + 1 / (countB + 0.5) - 1 / (totalB + 1));
    return { estimate: 0, ci95: [0, corrected * Math.exp(Z_95 * se)] };
  }
  const estimate = countA / totalA / (countB / totalB);
  const se = Math.sqrt(Math.max(0, 1 / countA - 1 / totalA + 1 / countB - 1 / totalB));
  return { estimate, ci95: [estimate * Math.exp(-Z_95 * se), estimate * Math.exp(Z_95 * se)] };
}
