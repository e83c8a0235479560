import type Database from 'better-sqlite3';
import type { ProjectSummary } from '../../../shared/contract/project';
import { projectCounts } from './counts';
import type { Project } from './project';

export function isDemoProject(db: Database.Database): boolean {
  const r = db.prepare("SELECT value FROM settings WHERE key = 'demo'").get() as
    { value: string } | undefined;
  return r?.value === 'true';
}

export function projectSummary(p: Project): ProjectSummary {
  const { documents, segments, words, attributes } = projectCounts(p.db);
  return {
    path: p.path,
    name: p.name,
    schemaVersion: p.schemaVersion,
    documents,
    segments,
    words,
    attributes,
    demo: isDemoProject(p.db),
  };
}
