import type { reviewMethods } from '../../../shared/contract/review';
import { codeAudit } from '../audit/codeAudit';
import { exportHistory } from '../audit/exportHistory';
import { labelAudit } from '../audit/labelAudit';
import { UserError } from '../errors';
import type { HandlerMap } from '../rpc/handlers';
import type { Session } from '../session';
import { createAuditSample } from './auditSample';
import { reviewDashboard } from './dashboard';
import { addMissedCode, decideItem, undoItem } from './decide';
import type { VerdictAction } from './decisionRules';
import { effectiveCounts } from './effectiveLabels';
import { itemDetail } from './itemDetail';
import { loadNameBook } from './itemView';
import { queuePage } from './queuePage';
import { refreshReviewQueue } from './syncQueue';

// Every decision runs in its own immediate transaction (decide.ts), so a session that
// is interrupted loses nothing that was answered, and two reviewers' decisions are
// serialised by SQLite's write lock and checked against the revision they were based on.
// Reads first bring the queue up to date with AI answers written since (syncQueue.ts);
// a decision needs no refresh: it can only name an item the reviewer was shown.

/** The open project's database with the review queue up to date. */
function fresh(session: Session) {
  const db = session.requireProject().db;
  refreshReviewQueue(db);
  return db;
}

export const reviewHandlers: HandlerMap<keyof typeof reviewMethods> = {
  'review.queue': (p, { session }) => queuePage(fresh(session), p),

  'review.item': (p, { session }) => itemDetail(fresh(session), p),

  'review.decide': ({ itemId, baseRevision, reviewer, action, codeKey, memo }, { session }) => {
    if (action === 'change_code' && codeKey === undefined)
      throw new UserError('change code: name the code that applies instead (codeKey)');
    if (action !== 'change_code' && codeKey !== undefined)
      throw new UserError(`${action}: codeKey is only for change_code (use review.addCode to add a code)`);
    const verdict: VerdictAction = action === 'change_code' ? { action, codeKey: codeKey! } : { action };
    return decideItem(session.requireProject().db, { itemId, baseRevision, reviewer, memo, action: verdict });
  },

  'review.addCode': (p, { session }) => addMissedCode(fresh(session), p),

  'review.undo': (p, { session }) => undoItem(session.requireProject().db, p),

  'review.auditSample.create': (p, { session }) => createAuditSample(fresh(session), p, session.user),

  'review.dashboard': (p, { session }) => reviewDashboard(fresh(session), p),

  'review.audit.label': (p, { session }) => labelAudit(fresh(session), p),

  'review.audit.code': (p, { session }) => codeAudit(fresh(session), p),

  'review.exportHistory': (p, { session }) => exportHistory(fresh(session), p),

  'review.effectiveCounts': ({ sourcePriority }, { session }) => {
    const db = fresh(session);
    const names = loadNameBook(db);
    return effectiveCounts(db, { sourcePriority }).map((c) => ({
      ...c,
      codeName: names.code(c.codeKey)?.name ?? null,
    }));
  },
};
