// Every statistic against published worked examples (source named in each test), and
// against an exact value derived by hand in the comment next to it.

import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../shared/agreement/alpha';
import { brennanPrediger } from '../../shared/agreement/brennanPrediger';
import { gwetAc1 } from '../../shared/agreement/gwet';
import { cohenKappa, fleissKappa } from '../../shared/agreement/kappa';
import { percentAgreement } from '../../shared/agreement/percentAgreement';
import { negativeAgreement, positiveAgreement } from '../../shared/agreement/specificAgreement';
import {
  type UnitTable,
  unitTableFromContingency,
  unitTableFromDistribution,
  unitTableFromRatings,
} from '../../shared/agreement/unitTable';
import type { Estimate } from '../../shared/agreement/estimate';

const value = (e: Estimate): number => {
  if (e.value === null) throw new Error(`undefined: ${e.reason}`);
  return e.value;
};

/** |got − want| ≤ 5·10^(−digits−1): agreement to the digits a source prints. */
const printed = (got: Estimate, want: number, digits: number) =>
  expect(Math.abs(value(got) - want)).toBeLessThanOrEqual(0.5 * 10 ** -digits + 1e-12);
const exactly = (got: Estimate, want: number) => expect(value(got)).toBeCloseTo(want, 12);

// A two-coder 2×2 table [[a, b], [c, d]]: rows the first coder (1, 0), columns the second.
const twoByTwo = (a: number, b: number, c: number, d: number): UnitTable =>
  // category 0 = "not applied", 1 = "applied": reorder so that index 1 is the positive class
  unitTableFromContingency([
    [d, c],
    [b, a],
  ]);

const N = null;

describe('Krippendorff (2011), "Computing Krippendorff\'s Alpha-Reliability": nominal data, 4 observers, 12 units, missing values', () => {
  // The same data ship with Gwet's irrCAC R package as `cac.raw4raters`; its README and
  // vignette ("Calculating Chance-corrected Agreement Coefficients") print the outputs
  // used below (https://cran.r-project.org/web/packages/irrCAC/vignettes/overview.html).
  const data = unitTableFromRatings([
    [1, 1, N, 1],
    [2, 2, 3, 2],
    [3, 3, 3, 3],
    [3, 3, 3, 3],
    [2, 2, 2, 2],
    [1, 2, 3, 4],
    [4, 4, 4, 4],
    [1, 1, 2, 1],
    [2, 2, 2, 2],
    [N, 5, 5, 5],
    [N, N, 1, 1],
    [N, N, 3, N],
  ]);

  it('α = 0.743 (Krippendorff 2011), 0.74342 (irrCAC krippen.alpha.raw)', () => {
    printed(krippendorffAlpha(data), 0.743, 3);
    printed(krippendorffAlpha(data), 0.74342, 5);
    // By hand: unit 12 has one value and is not pairable, leaving n = 40 values with
    // n_1..n_5 = 9, 13, 10, 5, 3 (Σ n_c² = 384). Disagreeing coincidences
    // Σ_u (m_u² − Σ n_uc²)/(m_u − 1): unit 2 (3×2, 1×3): (16 − 10)/3 = 2; unit 6 (all
    // different): (16 − 4)/3 = 4; unit 8: 2; others 0 → 8.
    // α = 1 − (40 − 1)·8 / (40² − 384) = 1 − 312/1216 = 113/152.
    exactly(krippendorffAlpha(data), 113 / 152);
  });

  it('percent agreement 0.8181818 (irrCAC pa.coeff.raw)', () => {
    printed(percentAgreement(data), 0.8181818, 7);
    // By hand: 11 pairable units; agreeing pair shares 1, 1/2 (unit 2: 3·2/(4·3)), 1, 1, 1,
    // 0 (unit 6), 1, 1/2 (unit 8), 1, 1, 1 → 9/11.
    exactly(percentAgreement(data), 9 / 11);
  });

  it("Gwet's AC1 0.77544 (irrCAC gwet.ac1.raw, p_e = 0.1903212)", () => {
    printed(gwetAc1(data), 0.77544, 5);
    // By hand: π_k = mean over the 12 rated units (unit 12 counts here) of n_uk/r_u; the
    // sums of n_uk/r_u per category are
    //   1: 1 + 1/4 + 3/4 + 1 = 3;  2: 3/4 + 1 + 1/4 + 1/4 + 1 = 13/4;
    //   3: 1/4 + 1 + 1 + 1/4 + 1 = 7/2;  4: 1/4 + 1 = 5/4;  5: 1.
    const pi = [3, 13 / 4, 7 / 2, 5 / 4, 1].map((x) => x / 12);
    const pe = pi.reduce((s, p) => s + p * (1 - p), 0) / 4;
    expect(pe).toBeCloseTo(0.1903212, 7);
    exactly(gwetAc1(data), (9 / 11 - pe) / (1 - pe));
  });

  it("Fleiss' κ 0.76117 (irrCAC fleiss.kappa.raw, p_e = 0.2387153)", () => {
    printed(fleissKappa(data), 0.76117, 5);
    const pi = [3, 13 / 4, 7 / 2, 5 / 4, 1].map((x) => x / 12);
    const pe = pi.reduce((s, p) => s + p * p, 0);
    expect(pe).toBeCloseTo(0.2387153, 7);
    exactly(fleissKappa(data), (9 / 11 - pe) / (1 - pe));
  });

  it('Brennan–Prediger 0.77273 (irrCAC bp.coeff.raw, 5 categories, p_e = 0.2)', () => {
    printed(brennanPrediger(data), 0.77273, 5);
    exactly(brennanPrediger(data), (9 / 11 - 1 / 5) / (1 - 1 / 5));
  });
});

describe('Krippendorff (2011): binary data, two observers, no missing values', () => {
  // Observer A: 0 1 0 0 0 0 0 0 1 0; observer B: 1 1 1 0 0 1 0 0 0 0 → α = 0.095.
  const A = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
  const B = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
  const data = unitTableFromRatings(A.map((a, i) => [a, B[i]!]));

  it('α = 0.095', () => {
    printed(krippendorffAlpha(data), 0.095, 3);
    // By hand: coincidences o_00 = 10, o_01 = o_10 = 4, o_11 = 2; n_0 = 14, n_1 = 6, n = 20.
    // α = 1 − (n − 1)·o_01/(n_0·n_1) = 1 − 19·4/84 = 2/21.
    exactly(krippendorffAlpha(data), 2 / 21);
  });
});

describe('irrCAC `distrib.6raters`: 15 psychiatric patients of Fleiss (1971, Table 1), 6 raters, 5 diagnoses', () => {
  // irrCAC README, "Computing agreement coefficients from the distribution of raters".
  const data = unitTableFromDistribution([
    [0, 0, 0, 6, 0],
    [0, 3, 0, 0, 3],
    [0, 1, 4, 0, 1],
    [0, 0, 0, 0, 6],
    [0, 3, 0, 3, 0],
    [2, 0, 4, 0, 0],
    [0, 0, 4, 0, 2],
    [2, 0, 3, 1, 0],
    [2, 0, 0, 4, 0],
    [0, 0, 0, 0, 6],
    [1, 0, 0, 5, 0],
    [1, 1, 0, 4, 0],
    [0, 3, 3, 0, 0],
    [1, 0, 0, 5, 0],
    [0, 2, 0, 3, 1],
  ]);

  it('p_a 0.5511111, AC1 0.4448007, Fleiss κ 0.4139265, α 0.4204384, BP 0.4388889', () => {
    printed(percentAgreement(data), 0.5511111, 7);
    printed(gwetAc1(data), 0.4448007, 7);
    printed(fleissKappa(data), 0.4139265, 7);
    printed(krippendorffAlpha(data), 0.4204384, 7);
    printed(brennanPrediger(data), 0.4388889, 7);
    // By hand for p_a: Σ_k n(n−1) per row, each out of 6·5 = 30 ordered pairs:
    // 30,12,12,30,12,14,14,8,14,30,20,12,12,20,8 = 248 → 248/(15·30).
    exactly(percentAgreement(data), 248 / 450);
  });
});

describe('Wikipedia, "Fleiss\' kappa", worked example: 10 subjects, 14 raters, 5 categories', () => {
  // Also the example of Cardillo's MATLAB `fleiss.m` (File Exchange 15426), which prints
  // "Fleiss'es (overall) kappa = 0.2099".
  const data = unitTableFromDistribution([
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ]);

  it('P̄ = 0.378, κ = 0.210 (0.2099)', () => {
    printed(percentAgreement(data), 0.378, 3);
    printed(fleissKappa(data), 0.21, 3);
    printed(fleissKappa(data), 0.2099, 4);
    // By hand: column totals 20, 28, 39, 21, 32 of 140 → P̄e = Σ p_j² = 4170/19600 (0.213);
    // Σ_i Σ_j n_ij(n_ij − 1) = 688 over 10·14·13 = 1820 pairs → P̄ = 688/1820.
    const pe = 4170 / 19600;
    exactly(percentAgreement(data), 688 / 1820);
    exactly(fleissKappa(data), (688 / 1820 - pe) / (1 - pe));
  });
});

describe('irrCAC `cont3x3abstractors`: 2 abstractors, 100 pregnancies, 3 categories (contingency table)', () => {
  // irrCAC README: kappa2.table 0.7964094, gwet.ac1.table 0.8493305, bp2.table 0.835,
  // krippen2.table 0.7972585, pa2.table 0.89.
  const data = unitTableFromContingency([
    [13, 0, 0],
    [0, 20, 7],
    [0, 4, 56],
  ]);

  it("Cohen's κ 0.7964094", () => {
    printed(cohenKappa(data), 0.7964094, 7);
    // By hand: diagonal 89, row totals 13, 27, 60, column totals 13, 24, 63;
    // κ = (100·89 − (13·13 + 27·24 + 60·63)) / (100² − 4597) = 4303/5403.
    exactly(cohenKappa(data), 4303 / 5403);
  });

  it('AC1 0.8493305, BP 0.835, α 0.7972585, percent agreement 0.89', () => {
    printed(gwetAc1(data), 0.8493305, 7);
    printed(brennanPrediger(data), 0.835, 3);
    printed(krippendorffAlpha(data), 0.7972585, 7);
    exactly(percentAgreement(data), 0.89);
    // AC1 by hand: π = ((13+13)/200, (27+24)/200, (60+63)/200); p_e = Σ π(1−π)/2.
    const pi = [26 / 200, 51 / 200, 123 / 200];
    const pe = pi.reduce((s, p) => s + p * (1 - p), 0) / 2;
    exactly(gwetAc1(data), (0.89 - pe) / (1 - pe));
    exactly(brennanPrediger(data), (0.89 - 1 / 3) / (2 / 3));
  });
});

describe("Cohen's κ, textbook 2×2 tables", () => {
  it('Wikipedia, "Cohen\'s kappa": 50 grant proposals, a=20 b=5 c=10 d=15 → p_o 0.7, p_e 0.5, κ 0.4', () => {
    const data = twoByTwo(20, 5, 10, 15);
    exactly(percentAgreement(data), 0.7);
    exactly(cohenKappa(data), 0.4);
  });

  it('Gerstman, Epidemiology Kept Simple (3rd ed.), Illustrative Example 10.1: X-ray readings, κ = 0.524', () => {
    // a = 1467, d = 16232, N = 19790, first reader's positives 2249, second's 2776.
    const data = twoByTwo(1467, 2249 - 1467, 2776 - 1467, 16232);
    printed(percentAgreement(data), 0.8943, 4);
    printed(cohenKappa(data), 0.524, 3);
    exactly(
      cohenKappa(data),
      (19790 * (1467 + 16232) - (2249 * 2776 + 17541 * 17014)) / (19790 ** 2 - (2249 * 2776 + 17541 * 17014)),
    );
  });
});

describe('The kappa paradox: Feinstein & Cicchetti (1990), "High agreement but low kappa: I", both tables p_o = 0.85', () => {
  // κ, p_e as reprinted in Gerstman, Epidemiology Kept Simple, Table 10.6; AC1 and
  // PABAK (= Brennan–Prediger with two categories) for the same two tables in Shankar &
  // Bangdiwala (2014), "Observer agreement paradoxes in 2x2 tables", BMC Med Res Methodol
  // 14:100, Table 3, scenarios 1 and 2.
  const balanced = twoByTwo(40, 9, 6, 45);
  const imbalanced = twoByTwo(80, 10, 5, 5);

  it('balanced margins: κ 0.70 (p_e 0.50), AC1 0.70, PABAK 0.70', () => {
    printed(cohenKappa(balanced), 0.7, 2);
    printed(gwetAc1(balanced), 0.7, 2);
    printed(brennanPrediger(balanced), 0.7, 2);
  });

  it('imbalanced margins: κ 0.32 (p_e 0.78) while AC1 0.81 and PABAK 0.70', () => {
    printed(cohenKappa(imbalanced), 0.32, 2);
    printed(gwetAc1(imbalanced), 0.81, 2);
    printed(brennanPrediger(imbalanced), 0.7, 2);
    // By hand: p_e = .90·.85 + .10·.15 = .78 → κ = .07/.22 = 7/22;
    // π_1 = (.90 + .85)/2 = .875, AC1 p_e = 2·.875·.125 = .21875 → AC1 = .63125/.78125.
    exactly(cohenKappa(imbalanced), 7 / 22);
    exactly(gwetAc1(imbalanced), 0.63125 / 0.78125);
  });

  it('positive and negative agreement separate the two (Cicchetti & Feinstein 1990, "II. Resolving the paradoxes")', () => {
    // p_pos = 2a/(2a+b+c), p_neg = 2d/(2d+b+c); by hand:
    exactly(positiveAgreement(imbalanced), 160 / 175);
    exactly(negativeAgreement(imbalanced), 10 / 25);
    exactly(positiveAgreement(balanced), 80 / 95);
    exactly(negativeAgreement(balanced), 90 / 105);
  });
});
