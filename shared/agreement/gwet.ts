// Gwet's AC1 for any number of coders with missing ratings: Gwet (2008), "Computing
// inter-rater reliability and its variance in the presence of high agreement", BJMSP 61,
// eq. for the multiple-rater AC1, with the missing-data conventions of irrCAC
// `gwet.ac1.raw` (Gwet 2014 §2.4; DESIGN §4):
//   p_a = percent agreement over units with ≥ 2 ratings
//   p_e = Σ_k π_k (1 − π_k) / (q − 1), π_k from every unit with ≥ 1 rating.
// p_e ≤ 1/q < 1, so AC1 is defined whenever p_a is, and is 1 when everyone agrees.

import { type Estimate, chanceCorrected, undefinedBecause } from './estimate';
import { categoryShares, percentAgreement } from './percentAgreement';
import type { UnitTable } from './unitTable';

export const FEWER_THAN_TWO_CATEGORIES = 'needs at least two categories';

export function gwetAc1(table: UnitTable): Estimate {
  const q = table.categories;
  if (q < 2) return undefinedBecause(FEWER_THAN_TWO_CATEGORIES);
  const pa = percentAgreement(table);
  if (pa.value === null) return pa;
  const shares = categoryShares(table);
  if (!shares) return undefinedBecause('no unit was rated');
  let spread = 0;
  for (const p of shares) spread += p * (1 - p);
  return chanceCorrected(pa, spread / (q - 1), 'chance agreement is 1');
}
