import type Database from 'better-sqlite3';
import type { LabelView } from '../../../shared/contract/coding';
import { UserError } from '../errors';

interface LabelViewRow {
  id: number;
  segment_id: number;
  code_id: number;
  code_key: string;
  code_name: string;
  color: string;
  coder_id: number;
  coder_name: string;
  source: 'human' | 'ai';
  span_start: number | null;
  span_end: number | null;
  memo: string;
  confidence: number | null;
  version: number;
  created_at: string;
}

const SELECT_VIEW = `SELECT l.id, l.segment_id, l.code_id, c.code_key, c.name AS code_name, c.color, l.coder_id, k.name AS coder_name,
    l.source, l.span_start, l.span_end, l.memo, l.confidence, v.version, l.created_at
  FROM labels l
  JOIN codes c ON c.id = l.code_id
  JOIN codebook_versions v ON v.id = c.codebook_version_id
  JOIN coders k ON k.id = l.coder_id`;

const toView = (r: LabelViewRow): LabelView => ({
  id: r.id,
  segmentId: r.segment_id,
  codeId: r.code_id,
  codeKey: r.code_key,
  codeName: r.code_name,
  color: r.color,
  coderId: r.coder_id,
  coderName: r.coder_name,
  source: r.source,
  span: r.span_start === null || r.span_end === null ? null : { start: r.span_start, end: r.span_end },
  memo: r.memo,
  confidence: r.confidence,
  codebookVersion: r.version,
  createdAt: r.created_at,
});

export function labelView(db: Database.Database, id: number): LabelView {
  const r = db.prepare(`${SELECT_VIEW} WHERE l.id = ?`).get(id) as LabelViewRow | undefined;
  if (!r) throw new UserError(`label ${id} does not exist`, 'not_found');
  return toView(r);
}

/**
 * The labels of one document in reading order. With `onlyCoderId` (blind mode) the
 * query itself is restricted, so other coders' labels never leave the backend.
 */
export function documentLabelViews(
  db: Database.Database,
  documentId: number,
  onlyCoderId?: number,
): LabelView[] {
  const exists = db.prepare('SELECT 1 FROM documents WHERE id = ?').get(documentId);
  if (!exists) throw new UserError(`document ${documentId} does not exist`, 'not_found');
  const rows = (
    onlyCoderId === undefined
      ? db
          .prepare(
            `${SELECT_VIEW} JOIN segments s ON s.id = l.segment_id WHERE s.document_id = ? ORDER BY s.idx, l.id`,
          )
          .all(documentId)
      : db
          .prepare(
            `${SELECT_VIEW} JOIN segments s ON s.id = l.segment_id WHERE s.document_id = ? AND l.coder_id = ? ORDER BY s.idx, l.id`,
          )
          .all(documentId, onlyCoderId)
  ) as LabelViewRow[];
  return rows.map(toView);
}
