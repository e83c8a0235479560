import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ProjectFileError } from './errors';
import { MIGRATIONS } from './migrations';
import type { Migration } from './migrations/migration';

/** 'CONC' — marks a SQLite file as a Concord project (PRAGMA application_id). */
export const CONCORD_APPLICATION_ID = 0x434f4e43;
const SQLITE_HEADER = 'SQLite format 3\0';

export type OpenMode = 'create' | 'open' | 'readonly';

export interface OpenedDatabase {
  db: Database.Database;
  schemaVersion: number;
  /** path of the backup written before migrating, if any */
  backupPath: string | null;
}

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(16);
    const n = readSync(fd, buf, 0, 16, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

function checkExistingFile(path: string): void {
  const name = basename(path);
  const st = statSync(path);
  if (st.isDirectory()) throw new ProjectFileError(`${path} is a directory, not a Concord project file`);
  if (st.size === 0 || readHeader(path).toString('latin1') !== SQLITE_HEADER) {
    throw new ProjectFileError(`${name} is not a Concord project (not an SQLite database)`);
  }
}

function tableCount(db: Database.Database): number {
  return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number })
    .n;
}

function checkIdentity(db: Database.Database, path: string, latest: number): number {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (appId !== CONCORD_APPLICATION_ID && tableCount(db) > 0) {
    throw new ProjectFileError(
      `${basename(path)} is an SQLite database from another program, not a Concord project`,
    );
  }
  if (version > latest) {
    throw new ProjectFileError(
      `${basename(path)} was written by a newer Concord (schema ${version}, this version reads up to ${latest}); update Concord to open it`,
    );
  }
  return version;
}

function migrate(db: Database.Database, from: number, migrations: readonly Migration[]): void {
  const pending = migrations.filter((m) => m.version > from);
  db.transaction(() => {
    for (const m of pending) {
      db.exec(m.up);
      db.pragma(`user_version = ${m.version}`);
    }
    db.pragma(`application_id = ${CONCORD_APPLICATION_ID}`);
  })();
}

function backupBeforeMigrating(db: Database.Database, path: string, from: number): string {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${path}.v${from}-${stamp}.bak`;
  copyFileSync(path, target);
  return target;
}

/**
 * Opens (or creates) a project database. 'readonly' never creates, migrates or
 * changes journal mode, so `info` can look at any file without touching it.
 */
export function openProjectDatabase(
  path: string,
  mode: OpenMode,
  migrations: readonly Migration[] = MIGRATIONS,
): OpenedDatabase {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const exists = existsSync(path);
  if (exists) checkExistingFile(path);
  else if (mode !== 'create') throw new ProjectFileError(`${path} does not exist`);

  let db: Database.Database;
  try {
    db = new Database(path, {
      readonly: mode === 'readonly',
      fileMustExist: mode !== 'create',
      // the desktop app loads an Electron-ABI build of the driver (see scripts/start.mjs)
      nativeBinding: process.env.CONCORD_SQLITE_NATIVE_BINDING || undefined,
    });
  } catch (e) {
    throw new ProjectFileError(`cannot open ${basename(path)}: ${(e as Error).message}`);
  }
  try {
    const version = checkIdentity(db, path, latest);
    if (mode === 'readonly') return { db, schemaVersion: version, backupPath: null };
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // reads of big tables (a comparison scans every label) map pages instead of copying
    // them through a 2 MB page cache; writes still go through write(), as without it
    db.pragma('mmap_size = 268435456');
    let backupPath: string | null = null;
    if (version < latest) {
      if (version > 0) backupPath = backupBeforeMigrating(db, path, version);
      migrate(db, version, migrations);
    }
    return { db, schemaVersion: latest, backupPath };
  } catch (e) {
    db.close();
    if (e instanceof ProjectFileError) throw e;
    const msg = (e as Error).message;
    if (/file is not a database|malformed/i.test(msg)) {
      throw new ProjectFileError(`${basename(path)} is not a Concord project (${msg})`);
    }
    throw e;
  }
}
