// Percent agreement for any number of coders with missing ratings (DESIGN §4; irrCAC
// `pa.coeff.raw`, Gwet 2014 §2.4): for each unit rated by r ≥ 2 coders, the share of its
// r(r−1) ordered coder pairs that agree, Σ_k n_k(n_k−1) / (r(r−1)); then the mean over
// those units, each unit weighing the same. Units with a single rating have no pair.

import { type Estimate, estimate, undefinedBecause } from './estimate';
import type { UnitTable } from './unitTable';

export const NO_PAIRABLE_UNIT = 'no unit was rated by two or more coders';

export function percentAgreement(table: UnitTable): Estimate {
  const { categories: k, counts, weights } = table;
  let sum = 0;
  let units = 0;
  for (let row = 0; row < weights.length; row++) {
    const w = weights[row]!;
    if (w === 0) continue;
    let r = 0;
    let agreeing = 0;
    for (let c = row * k; c < row * k + k; c++) {
      const n = counts[c]!;
      r += n;
      agreeing += n * (n - 1);
    }
    if (r < 2) continue;
    sum += (w * agreeing) / (r * (r - 1));
    units += w;
  }
  return units === 0 ? undefinedBecause(NO_PAIRABLE_UNIT) : estimate(sum / units);
}

/**
 * π_k, the share of category k in the ratings, with irrCAC's convention for missing
 * data (Gwet 2014 §2.4, `fleiss.kappa.raw` / `gwet.ac1.raw`): the mean over units with at
 * least one rating of (ratings in k ÷ ratings of the unit). Null when no unit is rated.
 */
export function categoryShares(table: UnitTable): Float64Array | null {
  const { categories: k, counts, weights } = table;
  const shares = new Float64Array(k);
  let units = 0;
  for (let row = 0; row < weights.length; row++) {
    const w = weights[row]!;
    if (w === 0) continue;
    let r = 0;
    for (let c = row * k; c < row * k + k; c++) r += counts[c]!;
    if (r === 0) continue;
    for (let c = 0; c < k; c++) shares[c]! += (w * counts[row * k + c]!) / r;
    units += w;
  }
  if (units === 0) return null;
  for (let c = 0; c < k; c++) shares[c]! /= units;
  return shares;
}
