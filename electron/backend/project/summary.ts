import type Database from 'better-sqlite3';
import type { ProjectSummary } from '../../../shared/contract/project';
import { attributeCounts } from '../documents/queries';
import type { Project } from './project';

const count = (db: Database.Database, sql: string): number =>
  (db.prepare(sql).get() as { n: number | null }).n ?? 0;

export function isDemoProject(db: Database.Database): boolean {
  const r = db.prepare("SELECT value FROM settings WHERE key = 'demo'").get() as
    { value: string } | undefined;
  return r?.value === 'true';
}

export function projectSummary(p: Project): ProjectSummary {
  const db = p.db;
  return {
    path: p.path,
    name: p.name,
    schemaVersion: p.schemaVersion,
    documents: count(db, 'SELECT count(*) AS n FROM documents'),
    segments: count(db, 'SELECT count(*) AS n FROM segments'),
    words: count(db, 'SELECT sum(words) AS n FROM documents'),
    attributes: attributeCounts(db),
    demo: isDemoProject(db),
  };
}
