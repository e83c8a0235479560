// Brennan & Prediger (1981), "Coefficient kappa: some uses, misuses, and alternatives",
// Educational and Psychological Measurement 41: chance agreement is 1/q for q categories
// (q = 2 for a code applied or not, DESIGN §4), so BP = (p_a − 1/q)/(1 − 1/q) with p_a the
// multi-rater percent agreement (irrCAC `bp.coeff.raw`).

import { type Estimate, chanceCorrected, undefinedBecause } from './estimate';
import { FEWER_THAN_TWO_CATEGORIES } from './gwet';
import { percentAgreement } from './percentAgreement';
import type { UnitTable } from './unitTable';

export function brennanPrediger(table: UnitTable): Estimate {
  const q = table.categories;
  if (q < 2) return undefinedBecause(FEWER_THAN_TWO_CATEGORIES);
  return chanceCorrected(percentAgreement(table), 1 / q, 'chance agreement is 1');
}
