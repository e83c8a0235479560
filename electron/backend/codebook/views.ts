import type Database from 'better-sqlite3';
import type { ChangeEntry, CodebookVersionView, CodeView } from '../../../shared/contract/codebook';
import { parseChangeLog } from './changeLog';
import { rowToCodeData } from './codeData';
import { diffCodes } from './diffCodes';
import {
  activeCodebookVersion,
  codebookVersionByNumber,
  codeDataOfVersion,
  codesOfVersion,
  listCodebookVersions,
  type CodebookVersionRow,
} from './store';

function codeCounts(db: Database.Database, versionId: number): Map<number, number> {
  const rows = db
    .prepare(
      'SELECT l.code_id AS id, count(*) AS n FROM labels l JOIN codes c ON c.id = l.code_id WHERE c.codebook_version_id = ? GROUP BY l.code_id',
    )
    .all(versionId) as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** Labels per key over every version (a renamed code keeps its key). */
function keyCounts(db: Database.Database): Map<string, number> {
  const rows = db
    .prepare(
      'SELECT c.code_key AS k, count(*) AS n FROM labels l JOIN codes c ON c.id = l.code_id GROUP BY c.code_key',
    )
    .all() as { k: string; n: number }[];
  return new Map(rows.map((r) => [r.k, r.n]));
}

export function versionView(
  db: Database.Database,
  v: CodebookVersionRow,
  activeVersion: number | null,
): CodebookVersionView {
  const codes = db
    .prepare('SELECT count(*) FROM codes WHERE codebook_version_id = ?')
    .pluck()
    .get(v.id) as number;
  return {
    version: v.version,
    name: v.name,
    description: v.description,
    parentVersion: v.parent_version,
    frozen: v.frozen === 1,
    active: v.version === activeVersion,
    createdAt: v.created_at,
    createdBy: v.created_by,
    codes,
    changeLog: parseChangeLog(v.change_log),
  };
}

export function listVersionViews(db: Database.Database): CodebookVersionView[] {
  const active = activeCodebookVersion(db)?.version ?? null;
  return listCodebookVersions(db).map((v) => versionView(db, v, active));
}

export function codeViews(db: Database.Database, versionId: number): CodeView[] {
  const usage = codeCounts(db, versionId);
  const overall = keyCounts(db);
  return codesOfVersion(db, versionId).map((r, i) => {
    const c = rowToCodeData(r);
    return {
      id: r.id,
      key: c.key,
      guid: c.guid,
      parentKey: c.parentKey,
      name: c.name,
      shortLabel: c.shortLabel,
      definition: c.definition,
      inclusion: c.inclusion,
      exclusion: c.exclusion,
      examples: c.examples,
      color: c.color,
      order: i,
      usage: usage.get(r.id) ?? 0,
      usageAllVersions: overall.get(c.key) ?? 0,
    };
  });
}

/** A version with its codes (the active one when `version` is absent), or null for a project without a codebook. */
export function codebookView(
  db: Database.Database,
  version?: number,
): (Omit<CodebookVersionView, 'codes'> & { codes: CodeView[] }) | null {
  const v = version === undefined ? activeCodebookVersion(db) : codebookVersionByNumber(db, version);
  if (!v) return null;
  const active = activeCodebookVersion(db)?.version ?? null;
  return { ...versionView(db, v, active), codes: codeViews(db, v.id) };
}

/**
 * The changes from one version to another: the code-by-code comparison, with a
 * removal shown as the merge or split that caused it when a change log in between
 * says so.
 */
export function diffVersions(db: Database.Database, from: number, to: number): ChangeEntry[] {
  const a = codebookVersionByNumber(db, from);
  const b = codebookVersionByNumber(db, to);
  const changes = diffCodes(codeDataOfVersion(db, a.id), codeDataOfVersion(db, b.id));
  const [lo, hi] = from < to ? [from, to] : [to, from];
  const lineage = new Map<string, ChangeEntry>();
  for (const v of listCodebookVersions(db)) {
    if (v.version <= lo || v.version > hi) continue;
    for (const e of parseChangeLog(v.change_log)) {
      if ((e.kind === 'merged' || e.kind === 'split') && e.key !== null) lineage.set(e.key, e);
    }
  }
  // going forward, a removed code that was merged or split is reported as such
  if (from > to) return changes;
  const relabeled = changes.map((e) =>
    e.kind === 'removed' && e.key !== null && lineage.has(e.key) ? lineage.get(e.key)! : e,
  );
  // a split that narrowed the original keeps its key, so no removal stands for it
  const kept = [...lineage.values()].filter((e) => e.kind === 'split' && !relabeled.includes(e));
  return [...kept, ...relabeled];
}
