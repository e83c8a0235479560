// Krippendorff's α for nominal data, via the coincidence matrix of Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability" (§ "nominal data, any number of observers,
// missing values"). Only units with m_u ≥ 2 values are pairable; each contributes
// o_ck = Σ_u n_uc (n_uk − [c = k]) / (m_u − 1). With n_c = Σ_k o_ck and n = Σ_c n_c:
//   α = 1 − D_o/D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c n_k,
// where Σ_{c≠k} o_ck = Σ_u (m_u² − Σ_c n_uc²)/(m_u − 1) and Σ_{c≠k} n_c n_k = n² − Σ_c n_c².

import { type Estimate, estimate, undefinedBecause } from './estimate';
import { NO_PAIRABLE_UNIT } from './percentAgreement';
import type { UnitTable } from './unitTable';

export const ONE_VALUE_ONLY = 'only one value occurs in the pairable units';

export function krippendorffAlpha(table: UnitTable): Estimate {
  const { categories: k, counts, weights } = table;
  const marginals = new Float64Array(k);
  let n = 0;
  let disagreeing = 0;
  for (let row = 0; row < weights.length; row++) {
    const w = weights[row]!;
    if (w === 0) continue;
    let m = 0;
    let squares = 0;
    for (let c = row * k; c < row * k + k; c++) {
      m += counts[c]!;
      squares += counts[c]! * counts[c]!;
    }
    if (m < 2) continue;
    for (let c = 0; c < k; c++) marginals[c]! += w * counts[row * k + c]!;
    n += w * m;
    disagreeing += (w * (m * m - squares)) / (m - 1);
  }
  if (n === 0) return undefinedBecause(NO_PAIRABLE_UNIT);
  let expected = n * n;
  for (const nc of marginals) expected -= nc * nc;
  if (expected === 0) return undefinedBecause(ONE_VALUE_ONLY);
  return estimate(1 - ((n - 1) * disagreeing) / expected);
}
