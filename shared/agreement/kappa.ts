// Cohen's κ (two coders) and Fleiss' κ (any number, missing ratings allowed).

import { type Estimate, chanceCorrected, estimate, undefinedBecause } from './estimate';
import { categoryShares, percentAgreement } from './percentAgreement';
import type { UnitTable } from './unitTable';

export const CHANCE_AGREEMENT_IS_ONE = 'chance agreement is 1 (every rating falls in one category)';
export const NOT_TWO_CODERS = "Cohen's κ needs exactly two coders";
export const NO_UNIT_CODED_BY_BOTH = 'no unit was rated by both coders';

/**
 * Cohen (1960): κ = (p_o − p_e)/(1 − p_e) over the units both coders rated, with
 * p_e = Σ_k p_A(k)·p_B(k) from each coder's own marginals. Computed as
 * (n·Σ n_kk − Σ n_k.·n_.k) / (n² − Σ n_k.·n_.k) on counts, so that a coder who is constant
 * while the other is not gives exactly 0 (DESIGN §4), not a rounding residue.
 */
export function cohenKappa(table: UnitTable): Estimate {
  const { categories: k, weights, pairs } = table;
  if (!pairs) return undefinedBecause(NOT_TWO_CODERS);
  const first = new Float64Array(k);
  const second = new Float64Array(k);
  let n = 0;
  let diagonal = 0;
  for (let row = 0; row < weights.length; row++) {
    const a = pairs[row * 2]!;
    const b = pairs[row * 2 + 1]!;
    const w = weights[row]!;
    if (a < 0 || b < 0 || w === 0) continue;
    first[a]! += w;
    second[b]! += w;
    n += w;
    if (a === b) diagonal += w;
  }
  if (n === 0) return undefinedBecause(NO_UNIT_CODED_BY_BOTH);
  let chance = 0;
  for (let c = 0; c < k; c++) chance += first[c]! * second[c]!;
  const room = n * n - chance;
  if (room === 0) return undefinedBecause(CHANCE_AGREEMENT_IS_ONE);
  return estimate((n * diagonal - chance) / room);
}

/**
 * Fleiss (1971) generalised to missing ratings as in irrCAC `fleiss.kappa.raw` (Gwet
 * 2014 §2.4; DESIGN §4): p_a = percent agreement over units with ≥ 2 ratings,
 * p_e = Σ_k π_k² with π_k from every unit with ≥ 1 rating.
 */
export function fleissKappa(table: UnitTable): Estimate {
  const pa = percentAgreement(table);
  if (pa.value === null) return pa;
  const shares = categoryShares(table);
  if (!shares) return undefinedBecause('no unit was rated');
  let chance = 0;
  for (const p of shares) chance += p * p;
  return chanceCorrected(pa, chance, CHANCE_AGREEMENT_IS_ONE);
}
