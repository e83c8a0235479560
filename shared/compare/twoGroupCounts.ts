// One code's counts in the two compared groups: `count` units with the code out of
// `total` units, for group a and group b.

import type { TwoByTwoTable } from './fisher';

export interface TwoGroupCounts {
  countA: number;
  totalA: number;
  countB: number;
  totalB: number;
}

export type Interval = [number, number];

/** Rows = groups a, b; columns = with the code, without it. */
export function toTwoByTwo({ countA, totalA, countB, totalB }: TwoGroupCounts): TwoByTwoTable {
  return [
    [countA, totalA - countA],
    [countB, totalB - countB],
  ];
}

export function assertTwoGroupCounts({ countA, totalA, countB, totalB }: TwoGroupCounts): void {
  for (const [count, total] of [
    [countA, totalA],
    [countB, totalB],
  ] as const) {
    if (!Number.isSafeInteger(count) || !Number.isSafeInteger(total) || count < 0 || count > total)
      throw new RangeError(`counts must be integers with 0 ≤ count ≤ total, got ${count}/${total}`);
  }
}
