import type Database from 'better-sqlite3';
import { keysFlowingInto } from '../codebook/lineage';

export interface CodedSegmentRef {
  documentId: number;
  segmentId: number;
  index: number;
}

/**
 * Segments carrying a code, for filtering the reader: labels made under any version
 * count, including those on codes since merged or split into this one (see
 * keysFlowingInto for which of their labels).
 */
export function segmentsWithCode(
  db: Database.Database,
  codeKey: string,
  filter: { coderId?: number; documentId?: number } = {},
): CodedSegmentRef[] {
  // [key, labels' version must be below] pairs; JSON has no Infinity, so 1e9 stands for "any"
  const keys = [...keysFlowingInto(db, codeKey)].map(([k, before]) => [
    k,
    Number.isFinite(before) ? before : 1e9,
  ]);
  const where = ['v.version < j.value ->> 1'];
  const args: unknown[] = [JSON.stringify(keys)];
  if (filter.coderId !== undefined) {
    where.push('l.coder_id = ?');
    args.push(filter.coderId);
  }
  if (filter.documentId !== undefined) {
    where.push('s.document_id = ?');
    args.push(filter.documentId);
  }
  return db
    .prepare(
      `SELECT DISTINCT s.document_id AS documentId, s.id AS segmentId, s.idx AS "index"
       FROM json_each(?) j
         JOIN codes c ON c.code_key = j.value ->> 0
         JOIN codebook_versions v ON v.id = c.codebook_version_id
         JOIN labels l ON l.code_id = c.id
         JOIN segments s ON s.id = l.segment_id
       WHERE ${where.join(' AND ')} ORDER BY s.document_id, s.idx`,
    )
    .all(...args) as CodedSegmentRef[];
}
