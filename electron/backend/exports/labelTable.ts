import type Database from 'better-sqlite3';
import { listComparedCodes } from '../compare/codeList';
import type { CsvCell } from './csvFormat';
import { reviewedLabelIds } from './reviewStatus';

// The long label table for R / Python (DESIGN §4 `export --format csv`): one row per
// applied label. `code` is the code's name in the active codebook version (so it
// matches the matrix columns), `code_id` its stable key; `segment_id` is the segment's
// stable id; confidence only for AI labels.

export const LABEL_TABLE_HEADER = [
  'document',
  'segment_id',
  'segment_index',
  'speaker',
  'coder',
  'code',
  'source',
  'reviewed',
  'confidence',
  'code_id',
] as const;

interface LabelTableRow {
  id: number;
  document: string;
  segment_id: string;
  segment_index: number;
  speaker: string | null;
  coder: string;
  code_key: string;
  code_name: string;
  source: 'human' | 'ai';
  confidence: number | null;
}

/** Display name of every code key: the active version's, else the newest version's. */
export function codeNamesByKey(db: Database.Database): Map<string, string> {
  return new Map(listComparedCodes(db).codes.map((c) => [c.key, c.name]));
}

export function labelTable(db: Database.Database): CsvCell[][] {
  const names = codeNamesByKey(db);
  const reviewed = reviewedLabelIds(db);
  const rows = db
    .prepare(
      `SELECT l.id, d.name AS document, s.uid AS segment_id, s.idx AS segment_index, s.speaker, co.name AS coder,
         c.code_key, c.name AS code_name, l.source, l.confidence
       FROM labels l
       JOIN segments s ON s.id = l.segment_id
       JOIN documents d ON d.id = s.document_id
       JOIN coders co ON co.id = l.coder_id
       JOIN codes c ON c.id = l.code_id
       ORDER BY d.name COLLATE NOCASE, d.id, s.idx, co.name, c.sort_order, l.id`,
    )
    .all() as LabelTableRow[];
  return [
    [...LABEL_TABLE_HEADER],
    ...rows.map((r) => [
      r.document,
      r.segment_id,
      r.segment_index,
      r.speaker ?? '',
      r.coder,
      names.get(r.code_key) ?? r.code_name,
      r.source,
      reviewed.has(r.id) ? 1 : 0,
      r.source === 'ai' ? r.confidence : null,
      r.code_key,
    ]),
  ];
}
