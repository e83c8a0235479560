/** A pause longer than this between two decisions is a break, not time spent on the next item. */
export const BREAK_MS = 5 * 60_000;

/**
 * Items per hour of one reviewer from the times of their decisions (ms, any order).
 * Each gap between consecutive decisions is the time the later one took, unless it
 * is a break; the item after a break took an unknown time and is left out, so
 * coffee breaks and overnight pauses neither slow nor speed the rate.
 */
export function reviewRate(times: readonly number[]): { activeHours: number; itemsPerHour: number | null } {
  const sorted = [...times].sort((a, b) => a - b);
  let activeMs = 0;
  let timed = 0;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i]! - sorted[i - 1]!;
    if (gap > BREAK_MS) continue;
    activeMs += gap;
    timed++;
  }
  const activeHours = activeMs / 3_600_000;
  return { activeHours, itemsPerHour: timed > 0 && activeMs > 0 ? timed / activeHours : null };
}
