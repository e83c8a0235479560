import type Database from 'better-sqlite3';
import { attributeCounts } from '../documents/queries';

const hasTable = (db: Database.Database, name: string) =>
  Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));

/** count from sql, or 0 when the project's schema has no such table (an older file opened read-only). */
function countOf(db: Database.Database, table: string, sql = `SELECT count(*) AS n FROM ${table}`): number {
  if (!hasTable(db, table)) return 0;
  return (db.prepare(sql).get() as { n: number | null }).n ?? 0;
}

/** The counts of `concord info` (DESIGN.md §4), in its key names. */
export function projectCounts(db: Database.Database) {
  return {
    documents: countOf(db, 'documents'),
    segments: countOf(db, 'segments'),
    words: countOf(db, 'documents', 'SELECT sum(words) AS n FROM documents'),
    codebook_versions: countOf(db, 'codebook_versions'),
    codes: countOf(
      db,
      'codes',
      `SELECT count(*) AS n FROM codes WHERE codebook_version_id = coalesce(
         (SELECT id FROM codebook_versions WHERE version = (SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'active_codebook_version')),
         (SELECT id FROM codebook_versions ORDER BY version DESC LIMIT 1))`,
    ),
    coders: countOf(db, 'coders'),
    labels: countOf(db, 'labels'),
    jobs: countOf(db, 'jobs'),
    attributes: hasTable(db, 'document_attributes') ? attributeCounts(db) : {},
  };
}
