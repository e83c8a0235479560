import type { ReviewState } from '../../../shared/contract/review';
import { UserError } from '../errors';

/** The review state of an item as a decision leaves it. */
export interface ReviewOutcome {
  state: ReviewState;
  verdict: boolean | null;
  replacementKey: string | null;
  memo: string;
}

export const UNREVIEWED: ReviewOutcome = { state: 'pending', verdict: null, replacementKey: null, memo: '' };

export type VerdictAction =
  | { action: 'accept' }
  | { action: 'reject' }
  | { action: 'change_code'; codeKey: string }
  | { action: 'add_code' }
  | { action: 'memo' };

/**
 * What a reviewer's action makes of an item. The verdict is stored as "is the item's
 * code present", not as agree/disagree, so it stays right whatever the AI later says
 * about the same segment. A memo given with a verdict replaces the memo; without one
 * the memo in force is kept.
 */
export function outcomeOf(
  item: { aiPresent: boolean; codeKey: string; current: ReviewOutcome },
  a: VerdictAction,
  memo: string | undefined,
): ReviewOutcome {
  const keepMemo = memo ?? item.current.memo;
  switch (a.action) {
    case 'accept':
      return { state: 'accepted', verdict: item.aiPresent, replacementKey: null, memo: keepMemo };
    case 'reject':
      return {
        state: item.aiPresent ? 'rejected' : 'added',
        verdict: !item.aiPresent,
        replacementKey: null,
        memo: keepMemo,
      };
    case 'add_code':
      return {
        state: item.aiPresent ? 'accepted' : 'added',
        verdict: true,
        replacementKey: null,
        memo: keepMemo,
      };
    case 'change_code':
      if (!item.aiPresent) {
        throw new UserError(
          `the AI did not apply "${item.codeKey}" here, so there is nothing to change; add the missing code instead`,
        );
      }
      if (a.codeKey === item.codeKey)
        throw new UserError(`changing "${item.codeKey}" to itself: accept it instead`);
      return { state: 'changed', verdict: false, replacementKey: a.codeKey, memo: keepMemo };
    case 'memo':
      if (memo === undefined) throw new UserError('a memo decision needs a memo');
      return { ...item.current, memo };
  }
}

export const sameOutcome = (a: ReviewOutcome, b: ReviewOutcome): boolean =>
  a.state === b.state &&
  a.verdict === b.verdict &&
  a.replacementKey === b.replacementKey &&
  a.memo === b.memo;
