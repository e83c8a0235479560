import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-codebook-coding';
import { migration0003 } from './0003-llm-jobs';
import { migration0004 } from './0004-calibration';
import { migration0005 } from './0005-review';
import { migration0006 } from './0006-job-concurrency';

describe('migration 0006 (job concurrency)', () => {
  it('adds a nullable concurrency to existing jobs, limited to 1–256', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const m of [migration0001, migration0002, migration0003, migration0004, migration0005])
      db.exec(m.up);
    db.exec(`
      INSERT INTO codebook_versions (version, name, created_at, created_by) VALUES (1, 'cb', 'now', 'me');
      INSERT INTO coders (name, kind, guid, config, config_hash, created_at) VALUES ('gpt', 'ai', 'c1', '{}', 'abc', 'now');
      INSERT INTO jobs (coder_id, config_hash, config, codebook_version_id, selection, selection_key, created_at, updated_at)
        VALUES (1, 'abc', '{}', 1, '{"kind":"all"}', 'all', 'now', 'now');
    `);
    db.exec(migration0006.up);
    expect(db.prepare('SELECT concurrency FROM jobs').pluck().get()).toBeNull();
    db.prepare('UPDATE jobs SET concurrency = 16').run();
    expect(db.prepare('SELECT concurrency FROM jobs').pluck().get()).toBe(16);
    expect(() => db.prepare('UPDATE jobs SET concurrency = 0').run()).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE jobs SET concurrency = 257').run()).toThrow(/CHECK/);
  });
});
