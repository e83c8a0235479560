import { describe, expect, it } from 'vitest';
import { agreementMetrics } from '../../shared/agreement/agreementMetrics';
import { logFactorial, binomialSample } from '../../shared/agreement/binomial';
import {
  bootstrapIntervals,
  percentileInterval,
  quantileSorted,
  resampleWeights,
} from '../../shared/agreement/bootstrap';
import { mulberry32, streamSeed } from '../../shared/agreement/prng';
import { unitTableFromRatings, withWeights } from '../../shared/agreement/unitTable';

describe('mulberry32 and stream seeds', () => {
  it('is reproducible and uniform in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 10_000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01); // sd of the mean ≈ 0.0029
  });

  it('gives each name and seed its own stream', () => {
    const seeds = new Set([
      streamSeed(1, 'a'),
      streamSeed(1, 'b'),
      streamSeed(2, 'a'),
      streamSeed(2 ** 40 + 1, 'a'),
    ]);
    expect(seeds.size).toBe(4);
    expect(streamSeed(7, 'outreach')).toBe(streamSeed(7, 'outreach'));
    expect(() => streamSeed(-1, 'a')).toThrow(RangeError);
  });
});

describe('binomial sampler', () => {
  it('log-factorials are exact in the table and accurate in the Stirling range', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 12);
    let sum = 0;
    for (let i = 2; i <= 1000; i++) sum += Math.log(i);
    expect(logFactorial(1000) / sum).toBeCloseTo(1, 13);
  });

  it('matches the binomial pmf (chi-square test, n = 12, p = 0.3; fixed seed, so not flaky)', () => {
    const random = mulberry32(99);
    const draws = 200_000;
    const counts = new Array<number>(13).fill(0);
    for (let i = 0; i < draws; i++) counts[binomialSample(12, 0.3, random)]!++;
    let chi2 = 0;
    for (let x = 0; x <= 12; x++) {
      const expected =
        draws *
        Math.exp(
          logFactorial(12) -
            logFactorial(x) -
            logFactorial(12 - x) +
            x * Math.log(0.3) +
            (12 - x) * Math.log(0.7),
        );
      chi2 += (counts[x]! - expected) ** 2 / expected;
    }
    expect(chi2).toBeLessThan(32.9); // 99.9th percentile of χ² with 12 df
  });

  it('has the binomial mean and variance at large n and on both sides of p = 1/2', () => {
    const random = mulberry32(5);
    for (const [n, p] of [
      [400_000, 0.17],
      [10_000, 0.93],
      [50, 0.5],
      [1_000_000, 1e-5],
    ] as const) {
      const k = 20_000;
      const xs = Array.from({ length: k }, () => binomialSample(n, p, random));
      const mean = xs.reduce((s, x) => s + x, 0) / k;
      const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (k - 1);
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(k));
      expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.95);
      expect(variance / (n * p * (1 - p))).toBeLessThan(1.05);
      expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
    }
    expect(binomialSample(10, 0, random)).toBe(0);
    expect(binomialSample(10, 1, random)).toBe(10);
    expect(() => binomialSample(-1, 0.5, random)).toThrow(RangeError);
  });
});

describe('percentiles', () => {
  it("quantiles follow R's type 7: quantile(1:10, c(.025, .975)) = 1.225, 9.775", () => {
    const xs = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    expect(quantileSorted(xs, 0.025)).toBeCloseTo(1.225, 12);
    expect(quantileSorted(xs, 0.975)).toBeCloseTo(9.775, 12);
  });

  it('widens the interval to contain the estimate; null without values', () => {
    const above = Float64Array.from([0.5, 0.6, 0.7, 0.8]);
    const [lo, hi] = percentileInterval(above, 0.2)!;
    expect(lo).toBe(0.2);
    expect(hi).toBeCloseTo(0.7925, 12);
    expect(percentileInterval(new Float64Array(0), 0.2)).toBeNull();
  });
});

// A binary code, two coders, 60 units, some disagreement and a few missing ratings.
function sampleRatings(seed: number, units = 60): (0 | 1 | null)[][] {
  const random = mulberry32(seed);
  return Array.from({ length: units }, () => {
    const truth = random() < 0.3 ? 1 : 0;
    return [0, 1].map(() => (random() < 0.05 ? null : random() < 0.85 ? truth : 1 - truth)) as (
      0 | 1 | null
    )[];
  });
}

describe('bootstrap over units', () => {
  const table = unitTableFromRatings(sampleRatings(3), [0, 1]);
  const compute = (t: typeof table) => agreementMetrics(t, 2);

  it('a resample redraws as many rated units as there are, row weights only', () => {
    const random = mulberry32(1);
    const withEmpty = unitTableFromRatings(
      [
        [1, 1],
        [null, null],
        [0, 1],
        [0, 0],
      ],
      [0, 1],
    );
    for (let i = 0; i < 50; i++) {
      const w = resampleWeights(withEmpty, random);
      expect(w[1]).toBe(0);
      expect(w.reduce((s, x) => s + x, 0)).toBe(3);
    }
    expect(() => resampleWeights(withWeights(withEmpty, Float64Array.from([0.5, 1, 1, 1])), random)).toThrow(
      RangeError,
    );
  });

  it('is reproducible with a seed, and the seed matters', () => {
    const estimates = compute(table);
    const first = bootstrapIntervals(table, compute, estimates, 300, mulberry32(11));
    const again = bootstrapIntervals(table, compute, estimates, 300, mulberry32(11));
    const other = bootstrapIntervals(table, compute, estimates, 300, mulberry32(12));
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('intervals contain their estimate and stay in range, across many random tables', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const t = unitTableFromRatings(sampleRatings(seed, 8 + seed), [0, 1]);
      const estimates = compute(t);
      const ci = bootstrapIntervals(t, compute, estimates, 200, mulberry32(seed));
      for (const [name, est] of Object.entries(estimates)) {
        const iv = ci[name as keyof typeof ci];
        if (est.value === null) {
          expect(iv).toBeNull();
          continue;
        }
        if (!iv) continue;
        expect(iv[0]).toBeLessThanOrEqual(est.value);
        expect(iv[1]).toBeGreaterThanOrEqual(est.value);
        expect(iv[0]).toBeGreaterThanOrEqual(-1);
        expect(iv[1]).toBeLessThanOrEqual(1);
      }
    }
  });

  it('matches resampling unit indices directly (same distribution, different draws)', () => {
    // The multinomial shortcut must give the same sampling distribution as drawing N unit
    // indices with replacement: compare the mean and sd of the resampled κ.
    const rows = sampleRatings(8, 80);
    const t = unitTableFromRatings(rows, [0, 1]);
    const random = mulberry32(21);
    const viaWeights: number[] = [];
    const viaIndices: number[] = [];
    for (let b = 0; b < 3000; b++) {
      viaWeights.push(compute(withWeights(t, resampleWeights(t, random))).cohen_kappa!.value ?? NaN);
      const picked = Array.from({ length: rows.length }, () => rows[Math.floor(random() * rows.length)]!);
      viaIndices.push(compute(unitTableFromRatings(picked, [0, 1])).cohen_kappa!.value ?? NaN);
    }
    const stats = (xs: number[]) => {
      const ok = xs.filter((x) => !Number.isNaN(x));
      const m = ok.reduce((s, x) => s + x, 0) / ok.length;
      return [m, Math.sqrt(ok.reduce((s, x) => s + (x - m) ** 2, 0) / (ok.length - 1))] as const;
    };
    const [m1, s1] = stats(viaWeights);
    const [m2, s2] = stats(viaIndices);
    expect(Math.abs(m1 - m2)).toBeLessThan(0.01);
    expect(Math.abs(s1 / s2 - 1)).toBeLessThan(0.08);
  });
});
