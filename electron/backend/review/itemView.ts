import type Database from 'better-sqlite3';
import type { QueueItem, ReviewState } from '../../../shared/contract/review';
import { activeCodebookVersion } from '../codebook/store';
import { UserError } from '../errors';
import { reasonsOfMask } from './riskScore';

/** Columns of a review item as every view reads them (alias i, with its segment s and document d). */
export const ITEM_SELECT = `SELECT i.id, i.revision, i.segment_id, i.document_id, i.code_key, i.coder_id, i.source, i.output_id, i.label_id,
    i.ai_present, i.confidence, i.vote_share, i.votes, i.samples, i.evidence_found, i.risk, i.reasons, i.state, i.verdict,
    i.replacement_key, i.memo, i.top_decision_id, i.last_reviewer, i.decided_at, i.audit_rank, i.orphaned,
    s.idx AS segment_index, s.speaker, substr(s.text, 1, 240) AS snippet, d.name AS document_name
  FROM review_items i LEFT JOIN segments s ON s.id = i.segment_id LEFT JOIN documents d ON d.id = i.document_id`;

export interface ItemRow {
  id: number;
  revision: number;
  segment_id: number;
  document_id: number;
  code_key: string;
  coder_id: number;
  source: 'ai_output' | 'ai_label' | 'review';
  output_id: number | null;
  label_id: number | null;
  ai_present: number;
  confidence: number | null;
  vote_share: number | null;
  votes: number | null;
  samples: number | null;
  evidence_found: number | null;
  risk: number | null;
  reasons: number;
  state: ReviewState;
  verdict: number | null;
  replacement_key: string | null;
  memo: string;
  top_decision_id: number | null;
  last_reviewer: string | null;
  decided_at: string | null;
  audit_rank: number | null;
  orphaned: number;
  segment_index: number | null;
  speaker: string | null;
  snippet: string | null;
  document_name: string | null;
}

export function loadItem(db: Database.Database, id: number): ItemRow {
  const row = db.prepare(`${ITEM_SELECT} WHERE i.id = ?`).get(id) as ItemRow | undefined;
  if (!row) throw new UserError(`review item ${id} does not exist`, 'not_found');
  return row;
}

/**
 * Names and colours of codes by key (as the active codebook version has them, else the
 * newest version that does) and of coders by id: few rows, read once per request
 * instead of once per item.
 */
export interface NameBook {
  code(key: string): { name: string; color: string } | null;
  coder(id: number): string | null;
}

export function loadNameBook(db: Database.Database): NameBook {
  const active = activeCodebookVersion(db);
  const rows = db
    .prepare(
      `SELECT c.code_key AS key, c.name, c.color FROM codes c JOIN codebook_versions v ON v.id = c.codebook_version_id
       ORDER BY (c.codebook_version_id = ?), v.version`,
    )
    .all(active?.id ?? -1) as { key: string; name: string; color: string }[];
  // later rows win: the newest version, then the active one
  const codes = new Map(rows.map((r) => [r.key, { name: r.name, color: r.color }]));
  const coders = new Map(
    (db.prepare('SELECT id, name FROM coders').all() as { id: number; name: string }[]).map((r) => [
      r.id,
      r.name,
    ]),
  );
  return { code: (key) => codes.get(key) ?? null, coder: (id) => coders.get(id) ?? null };
}

const bool = (v: number | null): boolean | null => (v === null ? null : v === 1);

export function toQueueItem(r: ItemRow, names: NameBook): QueueItem {
  const code = names.code(r.code_key);
  return {
    itemId: r.id,
    revision: r.revision,
    segmentId: r.segment_id,
    documentId: r.document_id,
    documentName: r.document_name,
    segmentIndex: r.segment_index,
    speaker: r.speaker,
    snippet: r.snippet ?? '',
    codeKey: r.code_key,
    codeName: code?.name ?? null,
    color: code?.color ?? null,
    coderId: r.coder_id,
    coderName: names.coder(r.coder_id),
    aiPresent: r.ai_present === 1,
    confidence: r.confidence,
    voteShare: r.vote_share,
    votes: r.votes,
    samples: r.samples,
    evidenceFound: bool(r.evidence_found),
    risk: r.risk,
    reasons: reasonsOfMask(r.reasons),
    state: r.state,
    verdict: bool(r.verdict),
    replacementKey: r.replacement_key,
    memo: r.memo,
    lastReviewer: r.last_reviewer,
    decidedAt: r.decided_at,
    auditRank: r.audit_rank,
    orphaned: r.orphaned === 1,
  };
}
