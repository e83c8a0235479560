import { describe, expect, it } from 'vitest';
import { proportionDifference, wilsonInterval } from '../../shared/compare/proportionDifference';

describe('proportionDifference (Newcombe hybrid score)', () => {
  // Newcombe (1998), Stat Med 17:873–890, Table II, method 10 (4 decimals). Example (c)'s
  // lower limit, 0.0582, was checked by an independent computation from Wilson intervals.
  const published: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ];
  it.each(published)('%i/%i − %i/%i → [%d, %d]', (countA, totalA, countB, totalB, lo, hi) => {
    const { estimate, ci95 } = proportionDifference({ countA, totalA, countB, totalB });
    expect(estimate).toBeCloseTo(countA / totalA - countB / totalB, 14);
    expect(ci95?.[0]).toBeCloseTo(lo, 4);
    expect(ci95?.[1]).toBeCloseTo(hi, 4);
  });

  it('is null when a group has no units', () => {
    expect(proportionDifference({ countA: 0, totalA: 0, countB: 1, totalB: 3 })).toEqual({
      estimate: null,
      ci95: null,
    });
  });
});

describe('wilsonInterval', () => {
  it('matches Newcombe (1998a) examples: 81/263 → [0.2553, 0.3662], 0/20 → [0, 0.1611]', () => {
    const a = wilsonInterval(81, 263);
    expect(a?.[0]).toBeCloseTo(0.2553, 4);
    expect(a?.[1]).toBeCloseTo(0.3662, 4);
    expect(wilsonInterval(0, 20)?.[0]).toBe(0);
    expect(wilsonInterval(0, 20)?.[1]).toBeCloseTo(0.1611, 4);
    expect(wilsonInterval(20, 20)?.[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
