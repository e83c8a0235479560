// Log densities of the binomial and hypergeometric distributions, accurate to about
// 1e-14 in absolute log terms at any size (no lgamma differences, whose rounding grows
// with n: ln(10^6 !) ≈ 1.3e7, so plain log-factorials lose about 9 digits).
//
// Source: C. Loader (2000), "Fast and Accurate Computation of Binomial Probabilities"
// (the saddle-point form used by R's dbinom/dhyper):
//   log b(x; n, p) = δ(n) − δ(x) − δ(n−x) − D(x, np) − D(n−x, nq) − ½ ln(2π x (n−x)/n)
// with δ the Stirling remainder and D the deviance term below.

const LN_2PI = 1.8378770664093456; // ln(2π)

// δ(n) = ln n! − [(n + ½) ln n − n + ½ ln 2π] for n = 0..15, computed with mpmath at
// 40 digits and rounded to double (δ(0) is a placeholder: x = 0 never reaches the general formula).
const STIRLING_REMAINDER_SMALL = [
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
  0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287,
  0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475,
  0.005554733551962801,
];

// Stirling series δ(n) ≈ 1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) + 1/(1188n⁹)
// (Abramowitz & Stegun 6.1.41); fewer terms suffice as n grows.
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** δ(n) = ln n! − ln(√(2πn) (n/e)ⁿ) for integer n ≥ 0. */
export function stirlingRemainder(n: number): number {
  if (n <= 15) return STIRLING_REMAINDER_SMALL[n] ?? 0;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/**
 * D(x, M) = x ln(x/M) + M − x, without cancellation when x ≈ M (Loader 2000): with
 * v = (x − M)/(x + M), D = (x − M) v + 2x (v³/3 + v⁵/5 + …).
 */
export function binomialDeviance(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const next = s + ej / (2 * j + 1);
      if (next === s) return next;
      s = next;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** ln P(X = x) for X ~ Binomial(n, p), q = 1 − p passed separately to keep its precision. */
export function binomialLogDensity(x: number, n: number, p: number, q: number): number {
  if (x < 0 || x > n) return -Infinity;
  if (p === 0) return x === 0 ? 0 : -Infinity;
  if (q === 0) return x === n ? 0 : -Infinity;
  if (x === 0) return n === 0 ? 0 : p < 0.1 ? -binomialDeviance(n, n * q) - n * p : n * Math.log(q);
  if (x === n) return q < 0.1 ? -binomialDeviance(n, n * p) - n * q : n * Math.log(p);
  const lc =
    stirlingRemainder(n) -
    stirlingRemainder(x) -
    stirlingRemainder(n - x) -
    binomialDeviance(x, n * p) -
    binomialDeviance(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return lc - 0.5 * lf;
}

/**
 * ln P(X = x) for X ~ Hypergeometric: `draws` items taken without replacement from
 * `white` + `black`, x of them white. Written as a ratio of binomial densities with the
 * same p = draws / (white + black), whose normalising powers of p and q cancel:
 * C(w,x) C(b,d−x) / C(w+b,d) = b(x; w, p) · b(d−x; b, p) / b(d; w+b, p).
 */
export function hypergeometricLogDensity(x: number, white: number, black: number, draws: number): number {
  if (x < Math.max(0, draws - black) || x > Math.min(draws, white)) return -Infinity;
  const total = white + black;
  if (draws === 0 || draws === total) return 0;
  const p = draws / total;
  const q = (total - draws) / total;
  return (
    binomialLogDensity(x, white, p, q) +
    binomialLogDensity(draws - x, black, p, q) -
    binomialLogDensity(draws, total, p, q)
  );
}
