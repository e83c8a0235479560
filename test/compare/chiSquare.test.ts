import { describe, expect, it } from 'vitest';
import { pearsonChiSquare } from '../../shared/compare/chiSquare';
import { expectedCounts, hasSmallExpectedCount } from '../../shared/compare/expectedCounts';
import { chiSquare1UpperTail, erfc, normalUpperTail } from '../../shared/compare/normalDistribution';

describe('erfc and the normal / χ²₁ tails', () => {
  // Reference values of erfc at 30 digits (mpmath), rounded to double.
  const table: [number, number][] = [
    [0, 1],
    [0.1, 0.887537083981715],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [1.5, 0.033894853524689274],
    [2, 0.004677734981047266],
    [3, 2.209049699858544e-5],
    [5, 1.537459794428035e-12],
    [10, 2.088487583762545e-45],
    [26, 5.663192408856143e-296],
  ];
  it.each(table)('erfc(%d) = %d to 1e-13 relative', (x, want) => {
    expect(Math.abs(erfc(x) - want) / want).toBeLessThan(1e-13);
    expect(erfc(-x)).toBeCloseTo(2 - want, 15);
  });

  it('gives the familiar normal and χ² tails', () => {
    expect(normalUpperTail(1.959963984540054)).toBeCloseTo(0.025, 15);
    expect(chiSquare1UpperTail(3.841458820694124)).toBeCloseTo(0.05, 14); // qchisq(0.95, 1)
    expect(chiSquare1UpperTail(0)).toBe(1);
    expect(() => chiSquare1UpperTail(Number.NaN)).toThrow(RangeError);
  });
});

describe('pearsonChiSquare (R chisq.test)', () => {
  it('R with Yates: chisq.test(matrix(c(12, 5, 7, 7), ncol = 2)) → X² = 0.64112, p = 0.423305', () => {
    // tidystats test data generated with R 4.0.2
    const r = pearsonChiSquare(
      [
        [12, 7],
        [5, 7],
      ],
      { yates: true },
    );
    expect(r?.statistic).toBeCloseTo(0.64112, 5);
    expect(r?.p_value).toBeCloseTo(0.423305, 6);
  });

  it('tea tasting by hand: E = 2 in every cell, X² = 4·1²/2 = 2, Yates 4·0.5²/2 = 0.5', () => {
    const plain = pearsonChiSquare([
      [3, 1],
      [1, 3],
    ]);
    expect(plain?.statistic).toBeCloseTo(2, 14);
    expect(plain?.p_value).toBeCloseTo(0.15729920705028513, 14); // erfc(1)
    const yates = pearsonChiSquare(
      [
        [3, 1],
        [1, 3],
      ],
      { yates: true },
    );
    expect(yates?.statistic).toBeCloseTo(0.5, 14);
    expect(yates?.p_value).toBeCloseTo(0.4795001221869535, 14); // erfc(0.5)
  });

  it('caps the Yates correction at |x − E| as R does', () => {
    // E = 2.5 everywhere, |x − E| = 0.5: the corrected statistic is 0
    expect(
      pearsonChiSquare(
        [
          [3, 2],
          [2, 3],
        ],
        { yates: true },
      )?.statistic,
    ).toBe(0);
    expect(
      pearsonChiSquare(
        [
          [5, 5],
          [5, 5],
        ],
        { yates: true },
      ),
    ).toEqual({ statistic: 0, df: 1, p_value: 1 });
  });

  it('is null when a margin is zero', () => {
    expect(
      pearsonChiSquare([
        [0, 40],
        [0, 38],
      ]),
    ).toBeNull();
    expect(
      pearsonChiSquare([
        [0, 0],
        [0, 0],
      ]),
    ).toBeNull();
  });

  it('is stable at totals of 10^6', () => {
    const r = pearsonChiSquare([
      [100000, 900000],
      [101000, 899000],
    ]);
    // X² = N (ad − bc)² / (r1 r2 c1 c2)
    const want = (2e6 * (100000 * 899000 - 900000 * 101000) ** 2) / (1e6 * 1e6 * 201000 * 1799000);
    expect(r?.statistic).toBeCloseTo(want, 9);
    expect(r?.p_value).toBeGreaterThan(0.01);
    expect(r?.p_value).toBeLessThan(0.03);
  });
});

describe('expectedCounts', () => {
  it('computes row·column/N and flags counts below 5', () => {
    expect(
      expectedCounts([
        [12, 28],
        [25, 13],
      ]),
    ).toEqual([
      [(40 * 37) / 78, (40 * 41) / 78],
      [(38 * 37) / 78, (38 * 41) / 78],
    ]);
    expect(
      hasSmallExpectedCount([
        [12, 28],
        [25, 13],
      ]),
    ).toBe(false);
    expect(
      hasSmallExpectedCount([
        [0, 40],
        [6, 32],
      ]),
    ).toBe(true);
    expect(
      hasSmallExpectedCount([
        [0, 0],
        [0, 0],
      ]),
    ).toBe(true);
    expect(
      expectedCounts([
        [0, 0],
        [0, 0],
      ]),
    ).toBeNull();
  });
});
