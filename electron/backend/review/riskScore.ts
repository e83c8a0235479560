import { REVIEW_REASONS, type ReviewReason } from '../../../shared/contract/review';

/** What is known about one AI decision when it is queued. */
export interface RiskSignals {
  aiPresent: boolean;
  /** the AI's confidence in its decision (present or absent); with several samples, the share that agreed */
  confidence: number | null;
  /** share of samples that voted present */
  voteShare: number | null;
  votes: number | null;
  samples: number | null;
  /** present decisions only: whether the evidence quote is in the segment */
  evidenceFound: boolean | null;
  /** requests beyond the answers kept: transient retries and schema repairs */
  extraRequests: number;
  /** the code's calibration agreement for this AI coder is below the lead's threshold */
  belowThreshold: boolean;
}

/** Below this confidence a decision is flagged; self-reported confidences cluster high, so 0.7 is already doubtful. */
export const LOW_CONFIDENCE = 0.7;

// Weights of the signals (sum 1, so risk lies in [0, 1]). Evidence that is not in the
// text and codes the AI is known to apply badly are the strongest predictors of a
// wrong label; split votes and low confidence grade the rest; retries/repairs are a
// weak hint that the model struggled with the segment.
const WEIGHTS = { uncertainty: 0.3, split: 0.2, belowThreshold: 0.2, evidence: 0.2, retried: 0.1 } as const;

export const REASON_BITS: Record<ReviewReason, number> = Object.fromEntries(
  REVIEW_REASONS.map((r, i) => [r, 1 << i]),
) as Record<ReviewReason, number>;

export const reasonsOfMask = (mask: number): ReviewReason[] =>
  REVIEW_REASONS.filter((r) => (mask & REASON_BITS[r]) !== 0);

export const maskOfReasons = (reasons: readonly ReviewReason[]): number =>
  reasons.reduce((m, r) => m | REASON_BITS[r], 0);

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Risk of an AI decision being wrong, for ordering the queue (higher first), and the
 * reasons to show. A pure function of the signals: the same item always gets the same
 * score, and rescoring after a calibration change is a replay.
 */
export function scoreRisk(s: RiskSignals): { risk: number; reasons: number } {
  const several = s.samples !== null && s.samples > 1;
  const share = s.voteShare;
  // with several samples vote.ts already reports agreement as the confidence; fall back to it
  const confidence = s.confidence ?? (several && share !== null ? Math.max(share, 1 - share) : null);
  // an unknown confidence sits in the middle: neither trusted nor flagged
  const uncertainty = confidence === null ? 0.5 : clamp01(1 - confidence);
  // 1 at a tie, 0 when the samples agree
  const split = several && share !== null && share > 0 && share < 1 ? 1 - Math.abs(2 * share - 1) : 0;
  const evidenceMissing = s.aiPresent && s.evidenceFound === false;
  const retried = s.extraRequests > 0;
  const risk =
    WEIGHTS.uncertainty * uncertainty +
    WEIGHTS.split * split +
    WEIGHTS.belowThreshold * (s.belowThreshold ? 1 : 0) +
    WEIGHTS.evidence * (evidenceMissing ? 1 : 0) +
    WEIGHTS.retried * Math.min(1, s.extraRequests / 2);
  let reasons = 0;
  if (confidence !== null && confidence < LOW_CONFIDENCE) reasons |= REASON_BITS.low_confidence;
  if (split > 0) reasons |= REASON_BITS.split_vote;
  if (s.belowThreshold) reasons |= REASON_BITS.below_threshold;
  if (evidenceMissing) reasons |= REASON_BITS.evidence_not_found;
  if (retried) reasons |= REASON_BITS.retried;
  // rounded so that equivalent signals summed in another order tie exactly (ties go by item id)
  return { risk: Math.round(risk * 1e9) / 1e9, reasons };
}
