import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { ChangeEntry } from '../../../shared/contract/codebook';
import type { CodebookJson, CodebookJsonCode } from '../../../shared/contract/codebookJson';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { codeDataFromJson, codeDataToJson, rowToCodeData, type CodeData } from './codeData';
import { validateCodebook } from './validateCodebook';

export interface CodebookVersionRow {
  id: number;
  version: number;
  name: string;
  description: string;
  parent_version: number | null;
  change_log: string;
  frozen: number;
  created_at: string;
  created_by: string;
}

export interface CodeRow {
  id: number;
  codebook_version_id: number;
  code_key: string;
  guid: string;
  parent_key: string | null;
  name: string;
  short_label: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  examples_positive: string;
  examples_negative: string;
  color: string;
  sort_order: number;
}

export function listCodebookVersions(db: Database.Database): CodebookVersionRow[] {
  return db.prepare('SELECT * FROM codebook_versions ORDER BY version').all() as CodebookVersionRow[];
}

/** The version new labels use: the one set active, else the newest. */
export function activeCodebookVersion(db: Database.Database): CodebookVersionRow | null {
  const set = db.prepare("SELECT value FROM settings WHERE key = 'active_codebook_version'").get() as
    { value: string } | undefined;
  const byNumber = set
    ? (db.prepare('SELECT * FROM codebook_versions WHERE version = ?').get(Number(set.value)) as
        CodebookVersionRow | undefined)
    : undefined;
  return (
    byNumber ??
    (db.prepare('SELECT * FROM codebook_versions ORDER BY version DESC LIMIT 1').get() as
      CodebookVersionRow | undefined) ??
    null
  );
}

export function requireActiveCodebookVersion(db: Database.Database): CodebookVersionRow {
  const v = activeCodebookVersion(db);
  if (!v)
    throw new UserError(
      'the project has no codebook yet (import one with `concord codebook import`)',
      'no_codebook',
    );
  return v;
}

export function codebookVersionByNumber(db: Database.Database, version: number): CodebookVersionRow {
  const row = db.prepare('SELECT * FROM codebook_versions WHERE version = ?').get(version) as
    CodebookVersionRow | undefined;
  if (!row) throw new UserError(`codebook version ${version} does not exist`, 'not_found');
  return row;
}

export function setActiveCodebookVersion(db: Database.Database, version: number): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('active_codebook_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(String(version));
}

export function codesOfVersion(db: Database.Database, versionId: number): CodeRow[] {
  return db
    .prepare('SELECT * FROM codes WHERE codebook_version_id = ? ORDER BY sort_order, id')
    .all(versionId) as CodeRow[];
}

export function codeDataOfVersion(db: Database.Database, versionId: number): CodeData[] {
  return codesOfVersion(db, versionId).map(rowToCodeData);
}

export function codeRowById(db: Database.Database, id: number): CodeRow {
  const row = db.prepare('SELECT * FROM codes WHERE id = ?').get(id) as CodeRow | undefined;
  if (!row) throw new UserError(`code ${id} does not exist`, 'not_found');
  return row;
}

export function codeRowToJson(c: CodeRow): CodebookJsonCode & { guid: string } {
  return codeDataToJson(rowToCodeData(c));
}

export function codebookToJson(
  db: Database.Database,
  v: CodebookVersionRow,
): CodebookJson & { version: number } {
  return {
    name: v.name,
    version: v.version,
    description: v.description,
    codes: codesOfVersion(db, v.id).map(codeRowToJson),
  };
}

/** Every key any version has used: new codes never take one (labels and lineage follow keys). */
export function allCodeKeys(db: Database.Database): Set<string> {
  return new Set(db.prepare('SELECT DISTINCT code_key AS k FROM codes').pluck().all() as string[]);
}

/** The guid each key had most recently, so a code keeps its REFI identity across versions. */
function latestGuidByKey(db: Database.Database): Map<string, string> {
  const rows = db.prepare('SELECT code_key, guid FROM codes ORDER BY codebook_version_id').all() as {
    code_key: string;
    guid: string;
  }[];
  return new Map(rows.map((r) => [r.code_key, r.guid]));
}

const INSERT_CODE = `INSERT INTO codes (codebook_version_id, code_key, guid, parent_key, name, short_label, definition, inclusion, exclusion,
  examples_positive, examples_negative, color, sort_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

const codeParams = (versionId: number, c: CodeData, order: number) => [
  versionId,
  c.key,
  c.guid,
  c.parentKey,
  c.name,
  c.shortLabel,
  c.definition,
  c.inclusion,
  c.exclusion,
  JSON.stringify(c.examples.positive),
  JSON.stringify(c.examples.negative),
  c.color,
  order,
];

export function insertCodeRow(db: Database.Database, versionId: number, c: CodeData, order: number): number {
  return Number(db.prepare(INSERT_CODE).run(...codeParams(versionId, c, order)).lastInsertRowid);
}

export interface NewVersion {
  name: string;
  description: string;
  parentVersion: number | null;
  codes: readonly CodeData[];
  changeLog: readonly unknown[];
  actor: string;
}

/** Writes a new version with its codes and makes it active. The caller holds the transaction. */
export function insertCodebookVersion(db: Database.Database, v: NewVersion): CodebookVersionRow {
  const next =
    ((db.prepare('SELECT max(version) AS v FROM codebook_versions').get() as { v: number | null }).v ?? 0) +
    1;
  const id = Number(
    db
      .prepare(
        'INSERT INTO codebook_versions (version, name, description, parent_version, change_log, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        next,
        v.name,
        v.description,
        v.parentVersion,
        JSON.stringify(v.changeLog),
        new Date().toISOString(),
        v.actor,
      ).lastInsertRowid,
  );
  const insert = db.prepare(INSERT_CODE);
  v.codes.forEach((c, i) => insert.run(...codeParams(id, c, i)));
  setActiveCodebookVersion(db, next);
  recordHistory(db, {
    actor: v.actor,
    action: 'codebook.version.create',
    entity: 'codebook_version',
    entityId: next,
    after: { name: v.name, parentVersion: v.parentVersion, codes: v.codes.length, changeLog: v.changeLog },
  });
  return codebookVersionByNumber(db, next);
}

/**
 * The codes of a JSON codebook as stored: a code without a guid takes the one its id
 * had in an earlier version (so exchange files follow it through renames), else a new
 * one; a guid another code of this codebook claims explicitly is never reused.
 */
export function jsonCodesToCodeData(db: Database.Database, cb: CodebookJson): CodeData[] {
  const inherited = latestGuidByKey(db);
  const explicit = new Set(cb.codes.flatMap((c) => (c.guid ? [c.guid.toLowerCase()] : [])));
  const used = new Set<string>();
  return cb.codes.map((c) => {
    let guid = c.guid?.toLowerCase();
    if (!guid) {
      const old = inherited.get(c.id);
      guid = old && !explicit.has(old) && !used.has(old) ? old : randomUUID();
    }
    used.add(guid);
    return codeDataFromJson(c, guid);
  });
}

/**
 * Stores a codebook as a new version and makes it active. The caller holds the
 * transaction. A code keeps its guid across versions (matched by id).
 */
export function createCodebookVersion(
  db: Database.Database,
  cb: CodebookJson,
  actor: string,
  changeLog: readonly unknown[] = [],
): CodebookVersionRow {
  const problems = validateCodebook(cb);
  if (problems.errors.length)
    throw new UserError(`the codebook is not valid: ${problems.errors.slice(0, 5).join('; ')}`);
  const previous = activeCodebookVersion(db);
  return insertCodebookVersion(db, {
    name: cb.name,
    description: cb.description ?? '',
    parentVersion: previous?.version ?? null,
    codes: jsonCodesToCodeData(db, cb),
    changeLog,
    actor,
  });
}

export function appendChangeLog(
  db: Database.Database,
  v: CodebookVersionRow,
  entries: readonly ChangeEntry[],
): void {
  const log = JSON.parse(v.change_log) as unknown[];
  db.prepare('UPDATE codebook_versions SET change_log = ? WHERE id = ?').run(
    JSON.stringify([...log, ...entries]),
    v.id,
  );
}
