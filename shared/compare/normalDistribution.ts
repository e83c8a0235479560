// Standard normal tail and the χ²(1) survival function, to double precision, without a
// distribution package. erfc from Abramowitz & Stegun (1964): the Maclaurin series of erf
// (7.1.5) near 0, the all-positive series 7.1.6 up to 2 (no alternating cancellation),
// and the continued fraction 7.1.14 beyond, evaluated with the modified Lentz method
// (Press et al., Numerical Recipes, §5.2).

/** qnorm(0.975): the two-sided 95% normal quantile. */
export const Z_95 = 1.959963984540054;

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;
const TINY = 1e-300;

/** Complementary error function erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 0.5) return 1 - erfSeries(x);
  if (x < 2) return 1 - erfPositiveSeries(x);
  return erfcContinuedFraction(x);
}

function erfSeries(x: number): number {
  // erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1))
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= -x2 / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return TWO_OVER_SQRT_PI * sum;
}

function erfPositiveSeries(x: number): number {
  // erf x = 2/√π e^(−x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1))
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

function erfcContinuedFraction(x: number): number {
  // erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  let f = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = Math.abs(d) < TINY ? TINY : d;
    c = x + a / c;
    c = Math.abs(c) < TINY ? TINY : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(X > x) for X ~ χ² with 1 degree of freedom: χ²₁ = Z², so it is erfc(√(x/2)). */
export function chiSquare1UpperTail(x: number): number {
  if (!(x >= 0)) throw new RangeError(`a χ² statistic must be a number ≥ 0, got ${x}`);
  return erfc(Math.sqrt(x / 2));
}
