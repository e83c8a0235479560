// Exact binomial variates, so that the bootstrap can redraw "how many of the N resampled
// units are of this kind" in O(√(Np)) steps instead of drawing N unit indices
// (10,000 units × 41 entries × 1,000 resamples would be 4·10^8 draws).
//
// Method: inversion by chop-down search from the mode (Kemp 1986, "A modal method for
// generating binomial variables", Commun. Statist. Theory Meth. 15; Devroye 1986,
// Non-Uniform Random Variate Generation, §X.4). Visiting the support in the fixed order
// m, m−1, m+1, m−2, … and returning the first point whose running sum of probabilities
// exceeds u is an exact inversion of that ordering; the expected number of steps is
// about 1.6·√(Np(1−p)) + 1. The pmf at the mode comes from log-factorials and the others
// from the ratio f(x+1)/f(x) = (n−x)/(x+1) · p/(1−p).

import type { Random } from './prng';

const TABLE_SIZE = 256;
const LOG_FACTORIALS = (() => {
  const t = new Float64Array(TABLE_SIZE);
  for (let i = 2; i < TABLE_SIZE; i++) t[i] = t[i - 1]! + Math.log(i);
  return t;
})();

/** ln(n!) for integers n ≥ 0: a table below 256, then Stirling's series, whose first
 * omitted term (1/(1680 n^7) < 2·10^-20) is far below double precision. */
export function logFactorial(n: number): number {
  if (n < TABLE_SIZE) return LOG_FACTORIALS[n]!;
  const inv = 1 / n;
  const inv2 = inv * inv;
  return (
    n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260))
  );
}

// Below this probability the remaining tails cannot hold a u that is still positive
// except through rounding, so the search stops at the mode.
const NEGLIGIBLE = 1e-300;

export function binomialSample(n: number, p: number, random: Random): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - binomialSample(n, 1 - p, random);
  const q = 1 - p;
  const odds = p / q;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const atMode = Math.exp(
    logFactorial(n) -
      logFactorial(mode) -
      logFactorial(n - mode) +
      mode * Math.log(p) +
      (n - mode) * Math.log1p(-p),
  );
  let u = random() - atMode;
  if (u < 0) return mode;
  let down = mode - 1;
  let up = mode + 1;
  let fDown = down >= 0 ? (atMode * mode) / ((n - mode + 1) * odds) : 0;
  let fUp = up <= n ? ((atMode * (n - mode)) / (mode + 1)) * odds : 0;
  for (;;) {
    if (down >= 0) {
      u -= fDown;
      if (u < 0) return down;
      fDown *= down / ((n - down + 1) * odds);
      down--;
    }
    if (up <= n) {
      u -= fUp;
      if (u < 0) return up;
      fUp *= ((n - up) / (up + 1)) * odds;
      up++;
    }
    if ((down < 0 || fDown < NEGLIGIBLE) && (up > n || fUp < NEGLIGIBLE)) return mode;
  }
}
