import { describe, expect, it } from 'vitest';
import { riskRatio } from '../../shared/compare/riskRatio';

describe('riskRatio (Katz log CI)', () => {
  it('matches a hand computation: 12/40 vs 25/38', () => {
    // RR = 0.3 / (25/38) = 0.456; SE² = 1/12 − 1/40 + 1/25 − 1/38 = 0.0720175…,
    // SE = 0.268361…; CI = 0.456 · exp(∓1.959964 · SE) = [0.269486, 0.771603].
    const { estimate, ci95 } = riskRatio({ countA: 12, totalA: 40, countB: 25, totalB: 38 });
    expect(estimate).toBeCloseTo(0.456, 12);
    expect(ci95?.[0]).toBeCloseTo(0.2694856698362425, 12);
    expect(ci95?.[1]).toBeCloseTo(0.771603180704769, 12);
  });

  it('is 1 with a degenerate CI when both groups always have the code', () => {
    expect(riskRatio({ countA: 5, totalA: 5, countB: 9, totalB: 9 })).toEqual({ estimate: 1, ci95: [1, 1] });
  });

  it('is 0 when group a has no occurrence, with [0, upper] from the ½ correction', () => {
    // corrected: (0.5/41) / (6.5/39) = 0.073171…; SE² = 2 − 1/41 + 1/6.5 − 1/39;
    // upper = 0.073171 · exp(1.959964 · SE) = 1.25593…
    const { estimate, ci95 } = riskRatio({ countA: 0, totalA: 40, countB: 6, totalB: 38 });
    expect(estimate).toBe(0);
    expect(ci95?.[0]).toBe(0);
    expect(ci95?.[1]).toBeCloseTo(1.2559302395516434, 12);
  });

  it('is null (with a null CI) when group b has none, or neither group has any', () => {
    expect(riskRatio({ countA: 5, totalA: 40, countB: 0, totalB: 38 })).toEqual({
      estimate: null,
      ci95: null,
    });
    expect(riskRatio({ countA: 0, totalA: 40, countB: 0, totalB: 38 })).toEqual({
      estimate: null,
      ci95: null,
    });
  });

  it('is null when a group has no units', () => {
    expect(riskRatio({ countA: 0, totalA: 0, countB: 3, totalB: 38 })).toEqual({
      estimate: null,
      ci95: null,
    });
    expect(riskRatio({ countA: 3, totalA: 10, countB: 0, totalB: 0 })).toEqual({
      estimate: null,
      ci95: null,
    });
  });

  it('stays finite and contains the estimate at totals of 10^6', () => {
    const { estimate, ci95 } = riskRatio({
      countA: 298528,
      totalA: 1_000_000,
      countB: 296131,
      totalB: 1_000_000,
    });
    expect(estimate).toBeCloseTo(298528 / 296131, 12);
    expect(ci95?.[0]).toBeLessThan(estimate ?? NaN);
    expect(ci95?.[1]).toBeGreaterThan(estimate ?? NaN);
    expect((ci95?.[1] ?? 0) - (ci95?.[0] ?? 0)).toBeLessThan(0.01);
  });

  it('rejects impossible counts', () => {
    expect(() => riskRatio({ countA: 5, totalA: 4, countB: 1, totalB: 4 })).toThrow(RangeError);
    expect(() => riskRatio({ countA: -1, totalA: 4, countB: 1, totalB: 4 })).toThrow(RangeError);
    expect(() => riskRatio({ countA: 1.5, totalA: 4, countB: 1, totalB: 4 })).toThrow(RangeError);
  });
});
