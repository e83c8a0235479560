// Two-sided Fisher exact test for a 2×2 table, with R's convention (stats::fisher.test,
// 2×2 case): conditional on all margins the top-left cell is hypergeometric, and the
// p-value sums the probabilities of every table whose probability is ≤ the observed
// one × (1 + 1e-7); the relative tolerance keeps ties that differ only by rounding.
//
// Scale: totals in the millions, well under a millisecond. The hypergeometric law is
// log-concave, so the tables counted form two tails [lo, L] ∪ [U, hi] around the mode;
// L and U are found by bisection on accurate log densities (Loader 2000); the tails and
// the middle (L, U) are summed outward with the ratio recurrence
//   P(i+1)/P(i) = (w−i)(d−i) / ((i+1)(b−d+i+1))
// until the geometric bound on what is left is below 1e-17 of the sum.

import { hypergeometricLogDensity } from './hypergeometricLogDensity';

/** [[a, b], [c, d]]: rows are the groups, columns occurrence / no occurrence (or any 2×2). */
export type TwoByTwoTable = readonly [readonly [number, number], readonly [number, number]];

/** R: `relErr <- 1 + 10^(-7)` in fisher.test. */
const RELATIVE_TOLERANCE = 1e-7;
const NEGLIGIBLE = 1e-17;

export function assertTwoByTwo(table: TwoByTwoTable): void {
  for (const row of table)
    for (const cell of row)
      if (!Number.isSafeInteger(cell) || cell < 0)
        throw new RangeError(`2×2 table cells must be non-negative integers, got ${cell}`);
}

/** Two-sided Fisher exact p-value of a 2×2 table of counts, as R's `fisher.test(x)$p.value`. */
export function fisherExactTwoSided(table: TwoByTwoTable): number {
  assertTwoByTwo(table);
  const [[a, b], [c, d]] = table;
  // Top-left cell x ~ Hypergeometric(white = a + b, black = c + d, draws = a + c).
  const white = a + b;
  const black = c + d;
  const draws = a + c;
  const lo = Math.max(0, draws - black);
  const hi = Math.min(draws, white);
  if (lo === hi) return 1;

  const logDensity = (i: number): number => hypergeometricLogDensity(i, white, black, draws);

  const mode = findMode(lo, hi, white, black, draws, logDensity);
  const threshold = logDensity(a) + Math.log1p(RELATIVE_TOLERANCE);

  // Smallest i ≥ mode whose density is within the threshold (densities fall after the mode).
  let left = mode;
  let right = hi + 1;
  while (left < right) {
    const mid = Math.floor((left + right) / 2);
    if (logDensity(mid) <= threshold) right = mid;
    else left = mid + 1;
  }
  const upper = left;

  // Largest i < mode within the threshold (densities rise up to the mode).
  left = lo - 1;
  right = mode - 1;
  while (left < right) {
    const mid = Math.ceil((left + right) / 2);
    if (logDensity(mid) <= threshold) left = mid;
    else right = mid - 1;
  }
  const lower = left;

  // Everything relative to P(mode) and normalised by the sum, as R does (d / sum(d)), so
  // that an observed table at the mode gives exactly 1.
  const logMode = logDensity(mode);
  const margins = { white, black, draws };
  let tails = 0;
  if (upper <= hi) tails += Math.exp(logDensity(upper) - logMode) * sumUpward(upper, hi, margins);
  if (lower >= lo) tails += Math.exp(logDensity(lower) - logMode) * sumDownward(lower, lo, margins);
  let middle = 0;
  if (upper > mode) {
    middle += sumUpward(mode, upper - 1, margins);
    if (lower + 1 <= mode - 1) {
      const stepDown = (mode * (black - draws + mode)) / ((white - mode + 1) * (draws - mode + 1));
      middle += stepDown * sumDownward(mode - 1, lower + 1, margins);
    }
  }
  const p = tails / (tails + middle);
  return Math.min(1, Math.max(0, p));
}

function findMode(
  lo: number,
  hi: number,
  white: number,
  black: number,
  draws: number,
  logDensity: (i: number) => number,
): number {
  // Mode of the hypergeometric: ⌊(d+1)(w+1)/(N+2)⌋; nudged in case rounding moved it.
  let mode = Math.min(hi, Math.max(lo, Math.floor(((draws + 1) * (white + 1)) / (white + black + 2))));
  while (mode < hi && logDensity(mode + 1) > logDensity(mode)) mode++;
  while (mode > lo && logDensity(mode - 1) > logDensity(mode)) mode--;
  return mode;
}

interface Margins {
  white: number;
  black: number;
  draws: number;
}

// Σ P(i)/P(start) for i = start..end (upward) or start..end (downward, end ≤ start), away
// from the mode. Log-concavity makes the step ratio r non-increasing along the way, so
// once r < 1 what is left is at most term · r/(1 − r). The loops are written out (no
// ratio callback) because they carry almost all the work at large totals.

function sumUpward(start: number, end: number, { white, black, draws }: Margins): number {
  let term = 1;
  let sum = 1;
  for (let i = start; i < end; i++) {
    // P(i+1)/P(i)
    const r = ((white - i) * (draws - i)) / ((i + 1) * (black - draws + i + 1));
    term *= r;
    sum += term;
    if (r < 1 && (term * r) / (1 - r) < NEGLIGIBLE * sum) break;
  }
  return sum;
}

function sumDownward(start: number, end: number, { white, black, draws }: Margins): number {
  let term = 1;
  let sum = 1;
  for (let i = start; i > end; i--) {
    // P(i−1)/P(i)
    const r = (i * (black - draws + i)) / ((white - i + 1) * (draws - i + 1));
    term *= r;
    sum += term;
    if (r < 1 && (term * r) / (1 - r) < NEGLIGIBLE * sum) break;
  }
  return sum;
}
