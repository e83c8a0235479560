// Specific (category-wise) agreement: of the coder pairs in which at least one coder
// chose category c, the share in which both did. For two coders on a binary code this
// is positive agreement 2a/(2a+b+c) (Cicchetti & Feinstein 1990, "High agreement but
// low kappa: II. Resolving the paradoxes", J Clin Epidemiol 43); for r coders per unit
// (Uebersax, "Raw agreement indices"; DESIGN §4):
//   Σ_u n_c(n_c − 1) / Σ_u n_c(r_u − 1)   over units with r_u ≥ 2.

import { type Estimate, estimate, undefinedBecause } from './estimate';
import type { UnitTable } from './unitTable';

export function specificAgreement(table: UnitTable, category: number): Estimate {
  const { categories: k, counts, weights } = table;
  if (!Number.isInteger(category) || category < 0 || category >= k)
    throw new RangeError(`category ${category} is not in 0..${k - 1}`);
  let both = 0;
  let either = 0;
  for (let row = 0; row < weights.length; row++) {
    const w = weights[row]!;
    if (w === 0) continue;
    let r = 0;
    for (let c = row * k; c < row * k + k; c++) r += counts[c]!;
    if (r < 2) continue;
    const n = counts[row * k + category]!;
    both += w * n * (n - 1);
    either += w * n * (r - 1);
  }
  return either === 0
    ? undefinedBecause(`no pairable unit has a rating of ${category}`)
    : estimate(both / either);
}

/** Binary codes: agreement on "applied" (category 1). */
export const positiveAgreement = (table: UnitTable): Estimate => specificAgreement(table, 1);
/** Binary codes: agreement on "not applied" (category 0). */
export const negativeAgreement = (table: UnitTable): Estimate => specificAgreement(table, 0);
