import type { ReviewReason, ReviewState } from '../../../../shared/contract/review';

export const REASON_LABEL: Record<ReviewReason, string> = {
  low_confidence: 'low confidence',
  split_vote: 'split votes',
  below_threshold: 'code below agreement threshold',
  evidence_not_found: 'evidence not found',
  retried: 'answer repaired',
};

export const STATE_LABEL: Record<ReviewState, string> = {
  pending: 'Pending',
  accepted: 'Accepted',
  rejected: 'Rejected',
  changed: 'Changed',
  added: 'Added',
};
