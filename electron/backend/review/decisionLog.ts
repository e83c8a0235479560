import type Database from 'better-sqlite3';
import type { DecisionView, ReviewAction, ReviewState } from '../../../shared/contract/review';
import type { ReviewOutcome } from './decisionRules';
import { UNREVIEWED } from './decisionRules';

export interface DecisionRow {
  id: number;
  item_id: number;
  revision: number;
  reviewer: string;
  action: ReviewAction;
  state: ReviewState;
  verdict: number | null;
  replacement_key: string | null;
  memo: string;
  parent_id: number | null;
  reverts_id: number | null;
  codebook_version_id: number | null;
  codebook_version: number | null;
  risk: number | null;
  reasons: number;
  decided_at: string;
}

export const DECISION_SELECT = `SELECT rd.*, v.version AS codebook_version FROM review_decisions rd
  LEFT JOIN codebook_versions v ON v.id = rd.codebook_version_id`;

export const decisionView = (r: DecisionRow): DecisionView => ({
  id: r.id,
  itemId: r.item_id,
  revision: r.revision,
  reviewer: r.reviewer,
  action: r.action,
  state: r.state,
  verdict: r.verdict === null ? null : r.verdict === 1,
  replacementKey: r.replacement_key,
  memo: r.memo,
  revertsId: r.reverts_id,
  codebookVersion: r.codebook_version,
  decidedAt: r.decided_at,
});

export const outcomeOfRow = (r: DecisionRow | undefined): ReviewOutcome =>
  r
    ? {
        state: r.state,
        verdict: r.verdict === null ? null : r.verdict === 1,
        replacementKey: r.replacement_key,
        memo: r.memo,
      }
    : UNREVIEWED;

export const decisionById = (db: Database.Database, id: number): DecisionRow | undefined =>
  db.prepare(`${DECISION_SELECT} WHERE rd.id = ?`).get(id) as DecisionRow | undefined;

export const decisionAtRevision = (
  db: Database.Database,
  itemId: number,
  revision: number,
): DecisionRow | undefined =>
  db.prepare(`${DECISION_SELECT} WHERE rd.item_id = ? AND rd.revision = ?`).get(itemId, revision) as
    DecisionRow | undefined;

/** An item's decisions, oldest first. */
export const decisionsOfItem = (db: Database.Database, itemId: number): DecisionRow[] =>
  db.prepare(`${DECISION_SELECT} WHERE rd.item_id = ? ORDER BY rd.revision`).all(itemId) as DecisionRow[];
