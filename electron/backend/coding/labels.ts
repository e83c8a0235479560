import type Database from 'better-sqlite3';
import { recordHistory } from '../history/record';

export interface NewLabel {
  segmentId: number;
  codeId: number;
  coderId: number;
  source: 'human' | 'ai';
  span?: { start: number; end: number } | null;
  memo?: string;
  confidence?: number | null;
  rationale?: string | null;
  evidence?: string | null;
  jobId?: number | null;
  demo?: boolean;
}

export interface LabelRow {
  id: number;
  segment_id: number;
  code_id: number;
  coder_id: number;
  source: 'human' | 'ai';
  span_start: number | null;
  span_end: number | null;
  memo: string;
  confidence: number | null;
  rationale: string | null;
  evidence: string | null;
  job_id: number | null;
  demo: number;
  created_at: string;
  updated_at: string;
}

/**
 * Adds a label (idempotent for a whole-segment label) and writes history. The caller
 * holds the transaction. Returns the label's id.
 */
export function addLabel(db: Database.Database, l: NewLabel, actor: string): number {
  const existing = (
    l.span
      ? db
          .prepare(
            'SELECT id FROM labels WHERE segment_id = ? AND code_id = ? AND coder_id = ? AND span_start = ? AND span_end = ?',
          )
          .get(l.segmentId, l.codeId, l.coderId, l.span.start, l.span.end)
      : db
          .prepare(
            'SELECT id FROM labels WHERE segment_id = ? AND code_id = ? AND coder_id = ? AND span_start IS NULL',
          )
          .get(l.segmentId, l.codeId, l.coderId)
  ) as { id: number } | undefined;
  if (existing) return existing.id;
  const now = new Date().toISOString();
  const id = Number(
    db
      .prepare(
        `INSERT INTO labels (segment_id, code_id, coder_id, source, span_start, span_end, memo, confidence, rationale, evidence,
           job_id, demo, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        l.segmentId,
        l.codeId,
        l.coderId,
        l.source,
        l.span?.start ?? null,
        l.span?.end ?? null,
        l.memo ?? '',
        l.confidence ?? null,
        l.rationale ?? null,
        l.evidence ?? null,
        l.jobId ?? null,
        l.demo ? 1 : 0,
        now,
        now,
      ).lastInsertRowid,
  );
  recordHistory(db, { actor, action: 'label.add', entity: 'label', entityId: id, after: l });
  return id;
}

export function removeLabel(db: Database.Database, id: number, actor: string): boolean {
  const before = db.prepare('SELECT * FROM labels WHERE id = ?').get(id) as LabelRow | undefined;
  if (!before) return false;
  db.prepare('DELETE FROM labels WHERE id = ?').run(id);
  recordHistory(db, { actor, action: 'label.remove', entity: 'label', entityId: id, before });
  return true;
}

/** Records that a coder has decided every code for a segment (absent codes are real zeros). */
export function markSegmentCoded(
  db: Database.Database,
  coderId: number,
  segmentId: number,
  codebookVersionId: number,
): void {
  db.prepare(
    `INSERT INTO coded_segments (coder_id, segment_id, codebook_version_id, completed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (coder_id, segment_id) DO UPDATE SET codebook_version_id = excluded.codebook_version_id, completed_at = excluded.completed_at`,
  ).run(coderId, segmentId, codebookVersionId, new Date().toISOString());
}
