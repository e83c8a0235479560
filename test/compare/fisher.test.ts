import { describe, expect, it } from 'vitest';
import type { TwoByTwoTable } from '../../shared/compare/fisher';
import { fisherExactTwoSided } from '../../shared/compare/fisher';
import { hypergeometricLogDensity } from '../../shared/compare/hypergeometricLogDensity';

// Independent reference: exact hypergeometric weights C(r1, i)·C(r2, c1 − i) in BigInt, and
// R's rule (tables with probability ≤ observed × (1 + 1e-7)) decided in exact arithmetic.
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let result = 1n;
  for (let i = 1; i <= k; i++) result = (result * BigInt(n - k + i)) / BigInt(i);
  return result;
}

function bruteForceFisher([[a, b], [c, d]]: TwoByTwoTable): number {
  const r1 = a + b;
  const r2 = c + d;
  const c1 = a + c;
  const weights: bigint[] = [];
  for (let i = 0; i <= c1; i++) weights.push(choose(r1, i) * choose(r2, c1 - i));
  const observed = weights[a] ?? 0n;
  let total = 0n;
  let extreme = 0n;
  for (const w of weights) {
    total += w;
    if (w * 10_000_000n <= observed * 10_000_001n) extreme += w;
  }
  const scale = 10n ** 18n;
  return Number((extreme * scale) / total) / 1e18;
}

describe('fisherExactTwoSided: R reference values', () => {
  it('tea tasting (R ?fisher.test, Agresti 1990): matrix(c(3, 1, 1, 3), 2) → 0.4857142857', () => {
    // 34/70: the tables 0..4 have weights 1, 16, 36, 16, 1; all but the middle one count.
    expect(
      fisherExactTwoSided([
        [3, 1],
        [1, 3],
      ]),
    ).toBeCloseTo(0.4857142857, 10);
    expect(
      fisherExactTwoSided([
        [3, 1],
        [1, 3],
      ]),
    ).toBeCloseTo(34 / 70, 14);
  });

  it('convictions of like-sex twins (R ?fisher.test, Fisher 1962): matrix(c(2, 10, 15, 3), 2) → 0.000537', () => {
    // R 4.0.2 prints p-value = 0.0005367 (tidystats test data: 0.000537).
    const p = fisherExactTwoSided([
      [2, 15],
      [10, 3],
    ]);
    expect(p).toBeCloseTo(0.0005367, 7);
    expect(p).toBeCloseTo(
      bruteForceFisher([
        [2, 15],
        [10, 3],
      ]),
      15,
    );
  });

  it('R console outputs quoted on matstat.org: handedness 0.2392, matrix(c(2,10,20,13)) 0.01655', () => {
    expect(
      fisherExactTwoSided([
        [43, 9],
        [44, 4],
      ]),
    ).toBeCloseTo(0.2392, 4);
    expect(
      fisherExactTwoSided([
        [2, 10],
        [20, 13],
      ]),
    ).toBeCloseTo(0.01655, 5);
  });

  it('is symmetric in rows, columns and transposition', () => {
    const p = fisherExactTwoSided([
      [7, 33],
      [19, 21],
    ]);
    expect(
      fisherExactTwoSided([
        [19, 21],
        [7, 33],
      ]),
    ).toBeCloseTo(p, 14);
    expect(
      fisherExactTwoSided([
        [33, 7],
        [21, 19],
      ]),
    ).toBeCloseTo(p, 14);
    expect(
      fisherExactTwoSided([
        [7, 19],
        [33, 21],
      ]),
    ).toBeCloseTo(p, 14);
  });
});

describe('fisherExactTwoSided: brute-force enumeration', () => {
  it('matches exact enumeration for every table with row totals up to 12', () => {
    let checked = 0;
    for (let r1 = 0; r1 <= 12; r1++)
      for (let r2 = 0; r2 <= 12; r2++)
        for (let a = 0; a <= r1; a++)
          for (let c = 0; c <= r2; c++) {
            const table: TwoByTwoTable = [
              [a, r1 - a],
              [c, r2 - c],
            ];
            const p = fisherExactTwoSided(table);
            const want = bruteForceFisher(table);
            if (Math.abs(p - want) > 1e-13) expect({ table, p }).toEqual({ table, p: want });
            checked++;
          }
    expect(checked).toBe(8281);
  });

  it('matches exact enumeration on pseudo-random tables with totals up to 600', () => {
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * (n + 1));
    };
    for (let k = 0; k < 60; k++) {
      const r1 = next(300);
      const r2 = next(300);
      const table: TwoByTwoTable = [
        [next(r1), 0],
        [next(r2), 0],
      ];
      const full: TwoByTwoTable = [
        [table[0][0], r1 - table[0][0]],
        [table[1][0], r2 - table[1][0]],
      ];
      expect(fisherExactTwoSided(full)).toBeCloseTo(bruteForceFisher(full), 12);
    }
  });
});

describe('fisherExactTwoSided: large tables', () => {
  // References: the same sum with log-gamma at 40 significant digits (mpmath), over every
  // table within e^-80 of the mode or of the observed table.
  const cases: [TwoByTwoTable, number][] = [
    [
      [
        [100000, 900000],
        [101000, 899000],
      ],
      0.018800806207505252,
    ],
    [
      [
        [10, 999990],
        [40, 999960],
      ],
      2.3856040437309984e-5,
    ],
    [
      [
        [500000, 500000],
        [499000, 501000],
      ],
      0.15771450478811258,
    ],
    [
      [
        [0, 1000000],
        [1000, 999000],
      ],
      1.4538347584093264e-301,
    ],
    [
      [
        [1234, 2000000],
        [1300, 1500000],
      ],
      1.426859195293622e-17,
    ],
    [
      [
        [3000000, 1000000],
        [3001000, 999000],
      ],
      0.414605327916325,
    ],
  ];
  it.each(cases)('%j → %d (relative error < 1e-11)', (table, want) => {
    const p = fisherExactTwoSided(table);
    expect(Math.abs(p - want) / want).toBeLessThan(1e-11);
  });

  it('stays in [0, 1] and symmetric at totals of 10^7', () => {
    const t: TwoByTwoTable = [
      [5_000_123, 4_999_877],
      [4_998_000, 5_002_000],
    ];
    const p = fisherExactTwoSided(t);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThanOrEqual(1);
    expect(
      fisherExactTwoSided([
        [4_998_000, 5_002_000],
        [5_000_123, 4_999_877],
      ]),
    ).toBeCloseTo(p, 12);
    expect(
      fisherExactTwoSided([
        [5_000_000, 5_000_000],
        [5_000_000, 5_000_000],
      ]),
    ).toBe(1);
  });
});

describe('fisherExactTwoSided: edge cases', () => {
  it('is 1 when the table has a single possible configuration', () => {
    expect(
      fisherExactTwoSided([
        [0, 40],
        [0, 38],
      ]),
    ).toBe(1); // code never applied
    expect(
      fisherExactTwoSided([
        [0, 0],
        [0, 0],
      ]),
    ).toBe(1);
    expect(
      fisherExactTwoSided([
        [0, 0],
        [5, 3],
      ]),
    ).toBe(1); // empty group
    expect(
      fisherExactTwoSided([
        [40, 0],
        [38, 0],
      ]),
    ).toBe(1); // applied everywhere
  });

  it('handles zero cells and perfect separation', () => {
    expect(
      fisherExactTwoSided([
        [0, 5],
        [5, 0],
      ]),
    ).toBeCloseTo(2 / 252, 15);
    expect(
      fisherExactTwoSided([
        [0, 40],
        [6, 32],
      ]),
    ).toBeCloseTo(
      bruteForceFisher([
        [0, 40],
        [6, 32],
      ]),
      15,
    );
  });

  it('rejects cells that are not non-negative integers', () => {
    expect(() =>
      fisherExactTwoSided([
        [-1, 2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      fisherExactTwoSided([
        [1.5, 2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      fisherExactTwoSided([
        [Number.NaN, 2],
        [3, 4],
      ]),
    ).toThrow(RangeError);
  });
});

describe('hypergeometricLogDensity', () => {
  it('agrees with exact binomial coefficients', () => {
    for (const [x, w, b, d] of [
      [3, 4, 4, 4],
      [2, 17, 13, 12],
      [0, 50, 60, 20],
      [20, 50, 60, 20],
      [25, 70, 80, 48],
    ] as const) {
      const exact = Number((choose(w, x) * choose(b, d - x) * 10n ** 18n) / choose(w + b, d)) / 1e18;
      expect(Math.exp(hypergeometricLogDensity(x, w, b, d))).toBeCloseTo(exact, 15);
    }
  });
  it('is −∞ outside the support', () => {
    expect(hypergeometricLogDensity(5, 4, 4, 4)).toBe(-Infinity);
    expect(hypergeometricLogDensity(-1, 4, 4, 4)).toBe(-Infinity);
  });
});
