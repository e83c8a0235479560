import type Database from 'better-sqlite3';
import type { DecideResult } from '../../../shared/contract/review';
import { activeCodebookVersion } from '../codebook/store';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { requireActiveCode } from './codeStatus';
import {
  decisionAtRevision,
  decisionById,
  decisionView,
  outcomeOfRow,
  type DecisionRow,
} from './decisionLog';
import { outcomeOf, sameOutcome, UNREVIEWED, type ReviewOutcome, type VerdictAction } from './decisionRules';
import { loadItem, loadNameBook, toQueueItem, type ItemRow } from './itemView';

export interface DecisionRequest {
  itemId: number;
  baseRevision: number;
  reviewer: string;
  memo?: string;
}

const currentOutcome = (i: ItemRow): ReviewOutcome => ({
  state: i.state,
  verdict: i.verdict === null ? null : i.verdict === 1,
  replacementKey: i.replacement_key,
  memo: i.memo,
});

function refuseGone(item: ItemRow): void {
  if (item.orphaned === 1) {
    throw new UserError(
      `review item ${item.id} can no longer be decided: its segment or its AI coder has been deleted since (its decisions stay in the audit trail)`,
      'gone',
    );
  }
}

const applied = (
  db: Database.Database,
  itemId: number,
  decision: DecisionRow,
  repeated: boolean,
): DecideResult => ({
  status: 'applied',
  item: toQueueItem(loadItem(db, itemId), loadNameBook(db)),
  decision: decisionView(decision),
  repeated,
});

/**
 * The answer to a decision based on an old revision: the same reviewer sending the
 * same decision again (a double key press, a retried request) gets it back as done;
 * anything else is refused with the decision that moved the item on, never merged
 * or overwritten.
 */
function staleAnswer(
  db: Database.Database,
  item: ItemRow,
  req: DecisionRequest,
  wanted: (latest: DecisionRow) => boolean,
): DecideResult {
  // a base revision from the future (a client bug) is not anyone's decision to show
  const latest =
    req.baseRevision < item.revision ? decisionAtRevision(db, item.id, item.revision) : undefined;
  if (
    latest &&
    latest.revision === req.baseRevision + 1 &&
    latest.reviewer === req.reviewer &&
    wanted(latest)
  ) {
    return applied(db, item.id, latest, true);
  }
  const names = loadNameBook(db);
  return {
    status: 'conflict',
    item: toQueueItem(item, names),
    theirs: latest ? decisionView(latest) : null,
    message: latest
      ? `${latest.reviewer === req.reviewer ? 'you' : latest.reviewer} decided this item (${latest.action.replace('_', ' ')} → ${latest.state}) at ${latest.decided_at}, after the version you decided on; nothing was saved: look at it again and decide`
      : `the item is at revision ${item.revision}, not ${req.baseRevision}; reload it and decide again`,
  };
}

function writeDecision(
  db: Database.Database,
  item: ItemRow,
  req: DecisionRequest,
  action: DecisionRow['action'],
  outcome: ReviewOutcome,
  links: { parentId: number | null; revertsId: number | null; topAfter: number | 'self' | null },
): DecisionRow {
  const now = new Date().toISOString();
  const version = activeCodebookVersion(db);
  const revision = item.revision + 1;
  const id = Number(
    db
      .prepare(
        `INSERT INTO review_decisions (item_id, revision, reviewer, action, state, verdict, replacement_key, memo, parent_id, reverts_id,
           codebook_version_id, risk, reasons, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        item.id,
        revision,
        req.reviewer,
        action,
        outcome.state,
        outcome.verdict === null ? null : outcome.verdict ? 1 : 0,
        outcome.replacementKey,
        outcome.memo,
        links.parentId,
        links.revertsId,
        version?.id ?? null,
        item.risk,
        item.reasons,
        now,
      ).lastInsertRowid,
  );
  const top = links.topAfter === 'self' ? id : links.topAfter;
  // compare-and-set on the revision: the check above and this write are one immediate transaction
  const moved = db
    .prepare(
      `UPDATE review_items SET state = ?, verdict = ?, replacement_key = ?, memo = ?, revision = ?, top_decision_id = ?,
         last_reviewer = ?, decided_at = ? WHERE id = ? AND revision = ?`,
    )
    .run(
      outcome.state,
      outcome.verdict === null ? null : outcome.verdict ? 1 : 0,
      outcome.replacementKey,
      outcome.memo,
      revision,
      top,
      req.reviewer,
      now,
      item.id,
      item.revision,
    ).changes;
  if (moved !== 1) throw new Error(`review item ${item.id} changed during its own decision`);
  const before = currentOutcome(item);
  recordHistory(db, {
    actor: req.reviewer,
    action: `review.${action}`,
    entity: 'review_item',
    entityId: item.id,
    before: { revision: item.revision, ...before },
    after: { revision, ...outcome, decisionId: id },
  });
  return decisionById(db, id)!;
}

/** A verdict or memo on an item, if it is still at `baseRevision`. Runs in its own immediate transaction. */
export function decideItem(
  db: Database.Database,
  req: DecisionRequest & { action: VerdictAction },
): DecideResult {
  return db
    .transaction((): DecideResult => {
      const item = loadItem(db, req.itemId);
      refuseGone(item);
      const outcome = outcomeOf(
        { aiPresent: item.ai_present === 1, codeKey: item.code_key, current: currentOutcome(item) },
        req.action,
        req.memo,
      );
      if (item.revision !== req.baseRevision) {
        return staleAnswer(
          db,
          item,
          req,
          (latest) => latest.action === req.action.action && sameOutcome(outcomeOfRow(latest), outcome),
        );
      }
      // a verdict that makes a code present needs it in the active codebook (saying "absent" is always possible)
      if (outcome.verdict === true && req.action.action !== 'memo') requireActiveCode(db, item.code_key);
      if (req.action.action === 'change_code') requireActiveCode(db, req.action.codeKey);
      const row = writeDecision(db, item, req, req.action.action, outcome, {
        parentId: item.top_decision_id,
        revertsId: null,
        topAfter: 'self',
      });
      return applied(db, item.id, row, false);
    })
    .immediate();
}

/** Reverts the decision in force (one step) by a new 'undo' decision. */
export function undoItem(db: Database.Database, req: DecisionRequest): DecideResult {
  return db
    .transaction((): DecideResult => {
      const item = loadItem(db, req.itemId);
      refuseGone(item);
      if (item.revision !== req.baseRevision)
        return staleAnswer(db, item, req, (latest) => latest.action === 'undo');
      if (item.top_decision_id === null)
        throw new UserError(`review item ${item.id} has no decision in force to undo`, 'nothing_to_undo');
      const undone = decisionById(db, item.top_decision_id)!;
      const restored = undone.parent_id === null ? undefined : decisionById(db, undone.parent_id);
      const outcome = restored ? outcomeOfRow(restored) : UNREVIEWED;
      const row = writeDecision(db, item, req, 'undo', outcome, {
        parentId: undone.parent_id,
        revertsId: undone.id,
        topAfter: undone.parent_id,
      });
      return applied(db, item.id, row, false);
    })
    .immediate();
}

/**
 * A code the AI missed: decides the item of (segment, code, AI coder) as present. When
 * the AI never decided that code there (a code added to the codebook later, say) the
 * item is created, at revision 0, and takes no part in the AI's precision and recall.
 */
export function addMissedCode(
  db: Database.Database,
  req: {
    segmentId: number;
    coderId: number;
    codeKey: string;
    reviewer: string;
    baseRevision: number;
    memo?: string;
  },
): DecideResult {
  return db
    .transaction((): DecideResult => {
      const found = db
        .prepare('SELECT id FROM review_items WHERE segment_id = ? AND code_key = ? AND coder_id = ?')
        .pluck()
        .get(req.segmentId, req.codeKey, req.coderId) as number | undefined;
      const itemId = found ?? createReviewItem(db, req);
      return decideItem(db, {
        itemId,
        baseRevision: req.baseRevision,
        reviewer: req.reviewer,
        memo: req.memo,
        action: { action: 'add_code' },
      });
    })
    .immediate();
}

function createReviewItem(
  db: Database.Database,
  req: { segmentId: number; coderId: number; codeKey: string },
): number {
  const segment = db.prepare('SELECT document_id FROM segments WHERE id = ?').get(req.segmentId) as
    { document_id: number } | undefined;
  if (!segment) throw new UserError(`segment ${req.segmentId} does not exist (deleted since?)`, 'gone');
  const coder = db.prepare('SELECT kind FROM coders WHERE id = ?').pluck().get(req.coderId) as
    string | undefined;
  if (coder !== 'ai')
    throw new UserError(
      `coder ${req.coderId} is not an AI coder: review decisions are about AI labels`,
      'not_found',
    );
  requireActiveCode(db, req.codeKey);
  return Number(
    db
      .prepare(
        `INSERT INTO review_items (segment_id, document_id, code_key, coder_id, source, ai_present, risk, reasons, created_at)
           VALUES (?, ?, ?, ?, 'review', 0, 0, 0, ?)`,
      )
      .run(req.segmentId, segment.document_id, req.codeKey, req.coderId, new Date().toISOString())
      .lastInsertRowid,
  );
}
