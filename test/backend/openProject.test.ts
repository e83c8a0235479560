import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONCORD_APPLICATION_ID, openProjectDatabase } from '../../electron/backend/db/open';
import { migration0001 } from '../../electron/backend/db/migrations/0001-initial';
import type { Migration } from '../../electron/backend/db/migrations/migration';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { Project } from '../../electron/backend/project/project';
import { useTmpDir } from '../helpers/tmp';

describe('opening project files', () => {
  const tmp = useTmpDir();

  it('creates a WAL-mode, foreign-keyed Concord database at the latest schema and closes without a -wal', () => {
    const path = join(tmp(), 'p.concord');
    const p = Project.open(path, 'create');
    expect(p.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(p.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(p.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(p.db.pragma('application_id', { simple: true })).toBe(CONCORD_APPLICATION_ID);
    p.close();
    expect(readFileSync(path).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a file that is not SQLite, naming it, and leaves it unchanged', () => {
    const path = join(tmp(), 'notes.concord');
    writeFileSync(path, 'meeting notes\n');
    expect(() => Project.open(path, 'open')).toThrow(
      /notes\.concord is not a Concord project \(not an SQLite database\)/,
    );
    expect(readFileSync(path, 'utf8')).toBe('meeting notes\n');
  });

  it('refuses an SQLite database from another program without touching it', () => {
    const path = join(tmp(), 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const before = readFileSync(path);
    expect(() => Project.open(path, 'open')).toThrow(/another program/);
    expect(() => Project.open(path, 'readonly')).toThrow(/another program/);
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a project from a newer schema with a clear message', () => {
    const path = join(tmp(), 'future.concord');
    Project.open(path, 'create').close();
    const db = new Database(path);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => Project.open(path, 'open')).toThrow(
      new RegExp(
        `newer Concord \\(schema ${LATEST_SCHEMA_VERSION + 5}, this version reads up to ${LATEST_SCHEMA_VERSION}\\)`,
      ),
    );
  });

  it('does not create a missing file unless asked to', () => {
    const path = join(tmp(), 'missing.concord');
    expect(() => Project.open(path, 'open')).toThrow(/does not exist/);
    expect(() => Project.open(path, 'readonly')).toThrow(/does not exist/);
    expect(existsSync(path)).toBe(false);
  });

  it('backs the file up before migrating an older schema, and the backup still opens at the old version', () => {
    const dir = tmp();
    const path = join(dir, 'old.concord');
    const v1 = openProjectDatabase(path, 'create', [migration0001]);
    v1.db.prepare("INSERT INTO settings (key, value) VALUES ('note', 'from v1')").run();
    v1.db.close();
    const v2: Migration = { version: 2, name: 'test-extra', up: 'CREATE TABLE extra (x INTEGER)' };
    const opened = openProjectDatabase(path, 'open', [migration0001, v2]);
    expect(opened.schemaVersion).toBe(2);
    expect(opened.backupPath).toMatch(/old\.concord\.v1-.*\.bak$/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.bak'))).toHaveLength(1);
    opened.db.close();
    const backup = new Database(opened.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare("SELECT value FROM settings WHERE key = 'note'").get()).toEqual({
      value: 'from v1',
    });
    backup.close();
  });

  it('rolls a failing migration back completely', () => {
    const path = join(tmp(), 'broken.concord');
    openProjectDatabase(path, 'create', [migration0001]).db.close();
    const bad: Migration = { version: 2, name: 'bad', up: 'CREATE TABLE fine (x); CREATE TABLE fine (y);' };
    expect(() => openProjectDatabase(path, 'open', [migration0001, bad])).toThrow(/already exists/);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'fine'").get()).toEqual({ n: 0 });
    db.close();
  });
});
