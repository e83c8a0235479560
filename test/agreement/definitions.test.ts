// DESIGN §4's precise definitions on tiny tables worked by hand: missing ratings with
// irrCAC's conventions, the null rules, the degenerate cases, and the kappa paradox on a
// rare code.

import { describe, expect, it } from 'vitest';
import { agreementMetrics } from '../../shared/agreement/agreementMetrics';
import { krippendorffAlpha } from '../../shared/agreement/alpha';
import { brennanPrediger } from '../../shared/agreement/brennanPrediger';
import type { Estimate } from '../../shared/agreement/estimate';
import { gwetAc1 } from '../../shared/agreement/gwet';
import { cohenKappa, fleissKappa } from '../../shared/agreement/kappa';
import { percentAgreement } from '../../shared/agreement/percentAgreement';
import { prevalenceByCoder } from '../../shared/agreement/prevalence';
import { negativeAgreement, positiveAgreement } from '../../shared/agreement/specificAgreement';
import { unitTableFromRatings } from '../../shared/agreement/unitTable';

const N = null;
// Binary codes always have two categories (DESIGN §4), even when one is never used.
const binary = (rows: (number | null)[][]) => unitTableFromRatings(rows, [0, 1]);
const exactly = (got: Estimate, want: number) => {
  expect(got.reason).toBeNull();
  expect(got.value).toBeCloseTo(want, 12);
};
const isNull = (got: Estimate, reason: RegExp) => {
  expect(got.value).toBeNull();
  expect(got.reason).toMatch(reason);
};

describe('three coders with missing ratings (irrCAC conventions, DESIGN §4)', () => {
  // u1: 1 1 1 · u2: 1 0 0 · u3: 0 0 – · u4: 1 – – (one rating: counts for π, not for p_a)
  const data = binary([
    [1, 1, 1],
    [1, 0, 0],
    [0, 0, N],
    [1, N, N],
  ]);
  // p_a over u1..u3: 1, (0 + 2·1)/(3·2) = 1/3, 1 → 7/9.
  // π_1 over u1..u4 = (1 + 1/3 + 0 + 1)/4 = 7/12, π_0 = 5/12.

  it('percent agreement = mean over units with ≥ 2 ratings of the agreeing pair share = 7/9', () =>
    exactly(percentAgreement(data), 7 / 9));

  it("Fleiss' κ: p_e = π_0² + π_1² = 74/144 → κ = (7/9 − 37/72)/(1 − 37/72) = 19/35", () =>
    exactly(fleissKappa(data), 19 / 35));

  it('AC1: p_e = 2·π_0·π_1 = 35/72 → (7/9 − 35/72)/(1 − 35/72) = 21/37', () =>
    exactly(gwetAc1(data), 21 / 37));

  it('Brennan–Prediger: (7/9 − 1/2)/(1/2) = 5/9', () => exactly(brennanPrediger(data), 5 / 9));

  it("Krippendorff's α pairs only u1..u3: n = 8 (four 1s, four 0s), disagreement u2: (9 − 1 − 4)/2 = 2 → 1 − 7·2/(64 − 32) = 9/16", () =>
    exactly(krippendorffAlpha(data), 9 / 16));

  it('positive agreement Σ n₁(n₁−1)/Σ n₁(r−1) = 6/8; negative 4/6', () => {
    exactly(positiveAgreement(data), 6 / 8);
    exactly(negativeAgreement(data), 4 / 6);
  });

  it('prevalence per coder: A 3/4, B 1/3, C 1/2', () => {
    const rows = [
      [1, 1, 1],
      [1, 0, 0],
      [0, 0, N],
      [1, N, N],
    ] as const;
    expect(prevalenceByCoder(rows.map((r) => [...r])).map((e) => e.value)).toEqual([3 / 4, 1 / 3, 1 / 2]);
  });

  it("reports Fleiss' κ and no Cohen's κ for more than two coders", () => {
    const m = agreementMetrics(data, 3);
    expect(m.cohen_kappa?.value).toBeNull();
    expect(m.cohen_kappa?.reason).toMatch(/fleiss_kappa/);
    exactly(m.fleiss_kappa!, 19 / 35);
  });
});

describe("Cohen's κ uses only the units both coders rated", () => {
  it('a unit rated by one coder changes AC1 (π) but not κ', () => {
    const both = [
      [1, 1],
      [0, 1],
      [0, 0],
      [1, 1],
    ] as (0 | 1 | null)[][];
    const withSingle = [...both, [1, null]];
    // κ by hand on the 4 shared units: a=2, b=0, c=1, d=1 → (4·3 − (2·3 + 2·1))/(16 − 8) = 1/2
    exactly(cohenKappa(binary(both)), 1 / 2);
    exactly(cohenKappa(binary(withSingle)), 1 / 2);
    expect(gwetAc1(binary(withSingle)).value).not.toBeCloseTo(gwetAc1(binary(both)).value!, 6);
  });
});

describe('degenerate cases (DESIGN §4)', () => {
  it('everyone agrees on one value: percent agreement, AC1, BP = 1; κ, α, positive agreement null', () => {
    const silence = binary(Array.from({ length: 10 }, () => [0, 0]));
    exactly(percentAgreement(silence), 1);
    exactly(gwetAc1(silence), 1);
    exactly(brennanPrediger(silence), 1);
    exactly(negativeAgreement(silence), 1);
    isNull(cohenKappa(silence), /chance agreement is 1/);
    isNull(krippendorffAlpha(silence), /only one value/);
    isNull(positiveAgreement(silence), /no pairable unit/);
    const three = binary(Array.from({ length: 5 }, () => [1, 1, 1]));
    isNull(fleissKappa(three), /chance agreement is 1/);
    exactly(gwetAc1(three), 1);
  });

  it('everyone agrees, both values used: every coefficient is 1', () => {
    const agree = binary([
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
    for (const f of [
      percentAgreement,
      cohenKappa,
      krippendorffAlpha,
      gwetAc1,
      brennanPrediger,
      positiveAgreement,
      negativeAgreement,
    ])
      exactly(f(agree), 1);
  });

  it('κ = 0 exactly when one coder is constant and the other is not', () => {
    const A = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const B = [0, 1, 0, 0, 1, 0, 0, 0, 0, 0];
    const steady = binary(A.map((a, i) => [a, B[i]!]));
    expect(cohenKappa(steady)).toEqual({ value: 0, reason: null });
  });

  it('no unit rated by two coders: everything but prevalence is null', () => {
    const singles = binary([
      [1, N],
      [N, 0],
    ]);
    for (const f of [percentAgreement, fleissKappa, krippendorffAlpha, gwetAc1, brennanPrediger])
      isNull(f(singles), /two or more coders/);
    isNull(cohenKappa(singles), /both coders/);
    isNull(positiveAgreement(singles), /no pairable unit/);
  });

  it('fewer than two coders: Cohen null with a reason', () => {
    const m = agreementMetrics(binary([[1], [0]]), 1);
    expect(m.cohen_kappa?.value).toBeNull();
    expect(m.cohen_kappa?.reason).toMatch(/fewer than two coders/);
    expect('fleiss_kappa' in m).toBe(false);
  });
});

describe('the kappa paradox on a rare code', () => {
  it('two coders, 100 units, each applies the code to 2 units, never the same: agreement 96%, κ ≈ −0.02, AC1 ≈ 0.96', () => {
    const rows: (0 | 1)[][] = [
      ...Array.from({ length: 96 }, () => [0, 0] as (0 | 1)[]),
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
    ];
    const data = binary(rows);
    exactly(percentAgreement(data), 0.96);
    // By hand: p_e(κ) = .98·.98 + .02·.02 = .9608 → κ = (.96 − .9608)/.0392 = −1/49.
    exactly(cohenKappa(data), -1 / 49);
    // π_1 = .02 → p_e(AC1) = 2·.02·.98 = .0392 → AC1 = (.96 − .0392)/.9608 = .9208/.9608.
    exactly(gwetAc1(data), 0.9208 / 0.9608);
    exactly(brennanPrediger(data), 0.92);
    // positive agreement exposes it: no pair agrees on the code.
    exactly(positiveAgreement(data), 0);
  });
});

describe('k categories from raw values', () => {
  it('uses the listed categories, including unused ones, for AC1 and Brennan–Prediger', () => {
    const rows = [
      ['a', 'a'],
      ['b', 'b'],
      ['a', 'b'],
    ];
    // q = 3 with an unused "c": BP = (2/3 − 1/3)/(2/3) = 1/2; with q = 2: (2/3 − 1/2)/(1/2) = 1/3.
    exactly(brennanPrediger(unitTableFromRatings(rows, ['a', 'b', 'c'])), 1 / 2);
    exactly(brennanPrediger(unitTableFromRatings(rows)), 1 / 3);
    expect(() => unitTableFromRatings([['a', 'z']], ['a', 'b'])).toThrow(RangeError);
  });
});
