import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../shared/compare/benjaminiHochberg';

const close = (got: number[], want: number[]) => {
  expect(got).toHaveLength(want.length);
  got.forEach((q, i) => expect(q).toBeCloseTo(want[i] ?? NaN, 12));
};

describe('benjaminiHochberg (R p.adjust(method = "BH"))', () => {
  it('reproduces the published p.adjust examples (stdlib padjust docs, which mirror R)', () => {
    close(benjaminiHochberg([0.008, 0.03, 0.123, 0.6, 0.2]), [0.04, 0.075, 0.205, 0.6, 0.25]);
    close(benjaminiHochberg([0.319, 0.201, 0.4, 0.374, 0.113]), [0.4, 0.4, 0.4, 0.4, 0.4]);
  });

  it('reproduces a hand computation on the 15 p-values of Benjamini & Hochberg (1995, §4)', () => {
    const p = [
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
      0.759, 1,
    ];
    // n·p(i)/i, then the running minimum from the largest p down: rank 6 (0.0278·15/6 =
    // 0.0695) takes rank 7's 0.0298·15/7 = 0.063857…
    const want = [
      0.0015,
      0.003,
      0.0095,
      0.035625,
      0.0603,
      (0.0298 * 15) / 7,
      (0.0298 * 15) / 7,
      0.0645,
      0.0765,
      0.486,
      (0.4262 * 15) / 11,
      (0.5719 * 15) / 12,
      (0.6528 * 15) / 13,
      (0.759 * 15) / 14,
      1,
    ];
    close(benjaminiHochberg(p), want);
    // the input order does not matter
    const shuffled = [7, 0, 14, 3, 11, 5, 9, 1, 13, 2, 8, 12, 4, 10, 6];
    close(
      benjaminiHochberg(shuffled.map((i) => p[i] ?? NaN)),
      shuffled.map((i) => want[i] ?? NaN),
    );
  });

  it('gives ties equal q-values and caps at 1', () => {
    close(benjaminiHochberg([0.01, 0.01, 0.5]), [0.015, 0.015, 0.5]);
    close(benjaminiHochberg([0.9, 0.95, 1, 1]), [1, 1, 1, 1]);
    close(benjaminiHochberg([0.6, 0.6]), [0.6, 0.6]);
  });

  it('handles the trivial cases', () => {
    expect(benjaminiHochberg([])).toEqual([]);
    expect(benjaminiHochberg([0.03])).toEqual([0.03]);
    expect(benjaminiHochberg([0, 1])).toEqual([0, 1]);
  });

  it('never lowers a p-value and keeps the order of the p-values', () => {
    const p = [0.2, 0.0001, 0.049, 0.5, 0.001, 0.03, 0.04, 0.9];
    const q = benjaminiHochberg(p);
    p.forEach((pi, i) => {
      expect(q[i]).toBeGreaterThanOrEqual(pi);
      p.forEach((pj, j) => {
        if (pi < pj) expect(q[i]).toBeLessThanOrEqual(q[j] ?? NaN);
      });
    });
  });

  it('rejects values that are not p-values', () => {
    expect(() => benjaminiHochberg([0.5, Number.NaN])).toThrow(RangeError);
    expect(() => benjaminiHochberg([1.5])).toThrow(RangeError);
    expect(() => benjaminiHochberg([-0.1])).toThrow(RangeError);
  });
});
