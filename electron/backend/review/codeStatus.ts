import type Database from 'better-sqlite3';
import type { CodeStatus } from '../../../shared/contract/review';
import { resolveCodeInVersion } from '../codebook/lineage';
import { activeCodebookVersion } from '../codebook/store';
import { UserError } from '../errors';

/**
 * What a code key is in the active codebook: there, merged or split into other codes
 * (followed through the change logs), removed, or never known.
 */
export function codeStatus(db: Database.Database, key: string): CodeStatus {
  const active = activeCodebookVersion(db);
  if (!active) return { status: 'unknown', successors: [], activeVersion: null };
  if (db.prepare('SELECT 1 FROM codes WHERE codebook_version_id = ? AND code_key = ?').get(active.id, key)) {
    return { status: 'active', successors: [key], activeVersion: active.version };
  }
  const newest = db
    .prepare(
      'SELECT c.id FROM codes c JOIN codebook_versions v ON v.id = c.codebook_version_id WHERE c.code_key = ? ORDER BY v.version DESC LIMIT 1',
    )
    .pluck()
    .get(key) as number | undefined;
  if (newest === undefined) return { status: 'unknown', successors: [], activeVersion: active.version };
  const successors = resolveCodeInVersion(db, newest, active.version).codes.map((c) => c.code_key);
  return successors.length
    ? { status: 'merged', successors, activeVersion: active.version }
    : { status: 'removed', successors: [], activeVersion: active.version };
}

/** Refuses a decision that would make `key` present when the active codebook has no such code. */
export function requireActiveCode(db: Database.Database, key: string): void {
  const s = codeStatus(db, key);
  const version =
    s.activeVersion === null
      ? 'the project has no codebook'
      : `the active codebook (version ${s.activeVersion})`;
  if (s.status === 'active') return;
  if (s.status === 'unknown') throw new UserError(`${version} has no code "${key}"`, 'unknown_code');
  if (s.status === 'merged') {
    const into = s.successors.map((k) => `"${k}"`).join(', ');
    throw new UserError(
      `code "${key}" has been merged or split into ${into} since; change the code to ${s.successors.length > 1 ? 'one of them' : 'it'}`,
      'code_merged',
    );
  }
  throw new UserError(
    `code "${key}" has been removed from ${version}; reject the label or change it to another code`,
    'code_removed',
  );
}
