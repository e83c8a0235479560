// Nonparametric bootstrap over units (Efron & Tibshirani 1993, An Introduction to the
// Bootstrap, ch. 6 and 13): each resample draws as many units as were rated, with
// replacement, and recomputes the statistics; the 95% interval is the 2.5th and 97.5th
// percentiles of the resampled values (percentile method, quantiles as R's type 7).
//
// A unit table stores identical units once with a weight, so drawing N units with
// replacement is drawing the weights anew from Multinomial(N, w_row / N), which we do
// exactly by conditional binomials (binomial.ts) — the same distribution as drawing N
// unit indices, at a cost that does not grow with N.
//
// Two adjustments, both so that the output keeps DESIGN §4's promises:
// - resamples in which a statistic is undefined (e.g. κ when a resample happens to hold
//   no 1 at all) are left out of that statistic's percentiles; with none left the
//   interval is null;
// - the interval is widened to contain the estimate. A percentile interval need not
//   contain it when the bootstrap distribution is skewed or lumpy (a rare code, where
//   most resamples lose the few disagreements, piles the resampled κ and α up on one
//   side of the estimate), and the contract says every interval contains its estimate.

import { binomialSample } from './binomial';
import type { Estimate } from './estimate';
import type { Random } from './prng';
import { type UnitTable, withWeights } from './unitTable';

export type Interval = readonly [number, number];

export const DEFAULT_RESAMPLES = 1000;

/** A resample of the rated units (rows with no rating are not units and keep weight 0). */
export function resampleWeights(table: UnitTable, random: Random): Float64Array {
  const { categories: k, counts, weights } = table;
  const out = new Float64Array(weights.length);
  let remainingWeight = 0;
  const rated = new Uint8Array(weights.length);
  for (let row = 0; row < weights.length; row++) {
    const w = weights[row]!;
    if (!Number.isSafeInteger(w) || w < 0)
      throw new RangeError(`bootstrap needs integer unit weights, got ${w}`);
    let r = 0;
    for (let c = row * k; c < row * k + k; c++) r += counts[c]!;
    if (r > 0 && w > 0) {
      rated[row] = 1;
      remainingWeight += w;
    }
  }
  let remainingDraws = remainingWeight;
  for (let row = 0; row < weights.length && remainingDraws > 0; row++) {
    if (!rated[row]) continue;
    const w = weights[row]!;
    // P(row | not one of the rows before) = w / (weight of this and later rows); the ratio
    // of integers is ≤ 1 exactly, so no clamping is needed.
    const drawn =
      w === remainingWeight ? remainingDraws : binomialSample(remainingDraws, w / remainingWeight, random);
    out[row] = drawn;
    remainingDraws -= drawn;
    remainingWeight -= w;
  }
  return out;
}

/** R's quantile type 7 of ascending-sorted values: linear interpolation between order statistics. */
export function quantileSorted(sorted: Float64Array, probability: number): number {
  if (sorted.length === 0) throw new RangeError('no values');
  const h = (sorted.length - 1) * probability;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** 2.5th–97.5th percentiles of the defined resampled values, widened to contain the estimate. */
export function percentileInterval(values: Float64Array, estimate: number): Interval | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return [
    Math.min(estimate, quantileSorted(sorted, 0.025)),
    Math.max(estimate, quantileSorted(sorted, 0.975)),
  ];
}

/**
 * Percentile intervals for each statistic `compute` returns, from `resamples` bootstrap
 * resamples of the table's units. Null where the estimate is null (DESIGN §4).
 */
export function bootstrapIntervals<K extends string>(
  table: UnitTable,
  compute: (table: UnitTable) => Partial<Record<K, Estimate>>,
  estimates: Partial<Record<K, Estimate>>,
  resamples: number,
  random: Random,
): Partial<Record<K, Interval | null>> {
  if (!Number.isSafeInteger(resamples) || resamples < 1)
    throw new RangeError(`resamples must be a positive integer, got ${resamples}`);
  const names = Object.keys(estimates) as K[];
  const values = names.map(() => new Float64Array(resamples));
  const defined = names.map(() => 0);
  for (let b = 0; b < resamples; b++) {
    const replicate = compute(withWeights(table, resampleWeights(table, random)));
    names.forEach((name, i) => {
      const v = replicate[name]?.value ?? null;
      if (v !== null) values[i]![defined[i]!++] = v;
    });
  }
  const out: Partial<Record<K, Interval | null>> = {};
  names.forEach((name, i) => {
    const est = estimates[name]?.value ?? null;
    out[name] = est === null ? null : percentileInterval(values[i]!.subarray(0, defined[i]!), est);
  });
  return out;
}
