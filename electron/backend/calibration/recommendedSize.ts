import type { RecommendedSize } from '../../../shared/contract/calibration';

// How many segments a calibration sample needs: the larger of two requirements.
//
// 1. Enough positives. κ, α and F1 for a code are driven by the segments that carry it;
//    with a handful of them one disagreement swings κ by 0.1 or more. A code with
//    prevalence p needs about m/p segments to show m positives on average (m = 20 by
//    default, a common floor for estimating a proportion-like statistic).
// 2. A precise κ. Cohen's (1960) large-sample standard error,
//    SE(κ) ≈ √(p_o(1 − p_o) / (n (1 − p_e)²)), with two coders whose marginals both
//    equal p (p_e = p² + (1 − p)²) and the expected κ (p_o = κ(1 − p_e) + p_e), gives
//    the n for which the 95% interval has half-width w: n = 1.96² p_o(1 − p_o) / (w² (1 − p_e)²).
//    This is an approximation for planning (Fleiss, Cohen & Everitt 1969 give the exact
//    variance); the bootstrap intervals of the report show the width actually reached.
//
// Rare codes dominate both: at p = 0.05 and κ = 0.7, ±0.1 needs about 1,200 segments.

const Z95 = 1.959963984540054;

export interface SizeQuestion {
  prevalence: number;
  minPositives: number;
  kappa: number;
  halfWidth: number;
  available?: number;
}

export function recommendedSize(q: SizeQuestion): RecommendedSize {
  const p = q.prevalence;
  const byPositives = Math.ceil(q.minPositives / p - 1e-9);
  const pe = p * p + (1 - p) * (1 - p);
  const po = q.kappa * (1 - pe) + pe;
  const byKappaInterval = Math.ceil(
    (Z95 * Z95 * po * (1 - po)) / (q.halfWidth * q.halfWidth * (1 - pe) * (1 - pe)) - 1e-9,
  );
  const wanted = Math.max(byPositives, byKappaInterval);
  const capped = q.available !== undefined && wanted > q.available;
  const size = capped ? q.available! : wanted;
  const pctText = `${+(100 * p).toFixed(2)}%`;
  const note =
    `${wanted.toLocaleString('en-US')} segments: ${byPositives.toLocaleString('en-US')} give a code with prevalence ${pctText} about ${q.minPositives} positive segments, ` +
    `and ${byKappaInterval.toLocaleString('en-US')} bring the 95% interval of κ = ${q.kappa} to about ±${q.halfWidth} (Cohen's 1960 approximate standard error, two coders with equal marginals).` +
    (capped
      ? ` Only ${q.available!.toLocaleString('en-US')} segments are eligible: expect wider intervals for rare codes.`
      : '') +
    " Rarer codes need more; the report's bootstrap intervals show the precision reached.";
  return { size, byPositives, byKappaInterval, capped, note };
}
