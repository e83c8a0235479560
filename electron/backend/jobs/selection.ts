import type Database from 'better-sqlite3';
import type { Selection } from '../../../shared/contract/llm';
import { UserError } from '../errors';
import { canonicalJson } from '../llm/stableHash';

const PURPOSES = new Set(['calibration', 'holdout', 'audit']);

/**
 * Pins a selection down: a sample named by its purpose ("calibration") becomes the
 * newest sample with that purpose, by name, so the job keeps meaning the same
 * segments when a newer sample appears later.
 */
export function resolveSelection(db: Database.Database, s: Selection): Selection {
  if (s.kind !== 'sample') return s;
  const byName = db.prepare('SELECT name FROM samples WHERE name = ?').get(s.name) as
    { name: string } | undefined;
  if (byName) return { kind: 'sample', name: byName.name };
  if (PURPOSES.has(s.name)) {
    const newest = db
      .prepare('SELECT name FROM samples WHERE purpose = ? ORDER BY created_at DESC, id DESC LIMIT 1')
      .get(s.name) as { name: string } | undefined;
    if (!newest) throw new UserError(`the project has no ${s.name} sample; draw one first`, 'no_sample');
    return { kind: 'sample', name: newest.name };
  }
  throw new UserError(`the project has no sample named "${s.name}"`, 'no_sample');
}

export const selectionKey = (s: Selection): string => canonicalJson(s);

/** SQL selecting the segment ids of a resolved selection, in reading order (document, position). */
export function selectionQuery(db: Database.Database, s: Selection): { sql: string; params: unknown[] } {
  if (s.kind === 'all')
    return { sql: 'SELECT s.id FROM segments s ORDER BY s.document_id, s.idx', params: [] };
  if (s.kind === 'sample') {
    const sample = db.prepare('SELECT id FROM samples WHERE name = ?').get(s.name) as
      { id: number } | undefined;
    if (!sample) throw new UserError(`the project has no sample named "${s.name}"`, 'no_sample');
    return {
      sql: 'SELECT s.id FROM sample_segments ss JOIN segments s ON s.id = ss.segment_id WHERE ss.sample_id = ? ORDER BY s.document_id, s.idx',
      params: [sample.id],
    };
  }
  const where: string[] = [];
  const params: unknown[] = [];
  if (s.documentIds?.length) {
    where.push(`s.document_id IN (${s.documentIds.map(() => '?').join(', ')})`);
    params.push(...s.documentIds);
  }
  for (const a of s.attributes ?? []) {
    where.push(
      'EXISTS (SELECT 1 FROM document_attributes da WHERE da.document_id = s.document_id AND da.name = ? AND da.value = ?)',
    );
    params.push(a.name, a.value);
  }
  if (s.speakers?.length) {
    where.push(`s.speaker IN (${s.speakers.map(() => '?').join(', ')})`);
    params.push(...s.speakers);
  }
  return {
    sql: `SELECT s.id FROM segments s ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.document_id, s.idx`,
    params,
  };
}
