import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-codebook-coding';
import { migration0003 } from './0003-llm-jobs';
import { migration0004 } from './0004-calibration';

function migrated() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration0001, migration0002, migration0003, migration0004]) db.exec(m.up);
  db.exec(`
    INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES ('d', 'doc', 'txt', 'h', 'A: hi\nB: yo', 11, 2, 'now');
    INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES ('s1', 1, 0, 0, 'A', 3, 5, 'hi', 1);
    INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES ('s2', 1, 1, 1, 'B', 9, 11, 'yo', 1);
    INSERT INTO coders (name, kind, guid, created_at) VALUES ('Ana', 'human', 'c1', 'now');
    INSERT INTO coders (name, kind, guid, config, config_hash, created_at) VALUES ('gpt', 'ai', 'c2', '{}', 'abc', 'now');
    INSERT INTO samples (name, purpose, seed, created_at, created_by) VALUES ('cal', 'calibration', 1, 'now', 'me');
    INSERT INTO samples (name, purpose, seed, created_at, created_by) VALUES ('hold', 'holdout', 2, 'now', 'me');
    INSERT INTO samples (name, purpose, seed, created_at, created_by) VALUES ('audit', 'audit', 3, 'now', 'me');
  `);
  return db;
}

const addToSample = (db: Database.Database, sample: number, segment: number) =>
  db.prepare('INSERT INTO sample_segments (sample_id, segment_id) VALUES (?, ?)').run(sample, segment);

describe('migration 0004 (calibration)', () => {
  it('keeps held-out samples disjoint from calibration samples, in both directions', () => {
    const db = migrated();
    addToSample(db, 1, 1);
    expect(() => addToSample(db, 2, 1)).toThrow(/held-out sample may not share/);
    addToSample(db, 2, 2);
    expect(() => addToSample(db, 1, 2)).toThrow(/held-out sample may not share/);
    // other purposes may overlap anything
    addToSample(db, 3, 1);
    addToSample(db, 3, 2);
    expect(() => db.prepare("UPDATE samples SET purpose = 'calibration' WHERE id = 2").run()).toThrow(
      /cannot change/,
    );
  });

  it('allows one active approval per coder and keeps revoked ones', () => {
    const db = migrated();
    const approve = () =>
      db
        .prepare(
          "INSERT INTO coder_approvals (coder_id, config_hash, approved_at, approved_by) VALUES (2, 'abc', 'now', 'me')",
        )
        .run();
    approve();
    expect(approve).toThrow(/UNIQUE/);
    db.prepare("UPDATE coder_approvals SET revoked_at = 'later', revoked_by = 'me'").run();
    approve();
    expect(db.prepare('SELECT count(*) FROM coder_approvals').pluck().get()).toBe(2);
  });

  it('removes assignments and consensus decisions with their coder or segment', () => {
    const db = migrated();
    db.prepare("INSERT INTO sample_assignments VALUES (1, 1, 1, 'now', 'me')").run();
    db.prepare(
      "INSERT INTO coders (name, kind, guid, created_at) VALUES ('Consensus', 'human', 'c3', 'now')",
    ).run();
    db.prepare("INSERT INTO consensus_coders VALUES (3, '[1]', 'now', 'me')").run();
    db.prepare(
      "INSERT INTO consensus_decisions VALUES (3, 1, 'outreach', 1, 'memo', '{}', 'now', 'me')",
    ).run();
    expect(() =>
      db.prepare("INSERT INTO consensus_decisions VALUES (3, 2, 'outreach', 2, '', '{}', 'now', 'me')").run(),
    ).toThrow(/CHECK/);
    db.prepare('DELETE FROM segments WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM consensus_decisions').pluck().get()).toBe(0);
    db.prepare('DELETE FROM coders WHERE id = 1').run();
    expect(db.prepare('SELECT count(*) FROM sample_assignments').pluck().get()).toBe(0);
  });

  it('stores agreement runs and lets a deleted sample leave its history', () => {
    const db = migrated();
    db.prepare(
      `INSERT INTO agreement_runs (kind, created_at, created_by, sample_id, scope, coders, config_hashes, codebook_versions, n_units, thresholds, summary, fingerprint)
       VALUES ('calibration', 'now', 'me', 1, '{}', '[]', '[]', '[1]', 10, '{}', '{}', 'f')`,
    ).run();
    db.prepare('DELETE FROM samples WHERE id = 1').run();
    expect(db.prepare('SELECT sample_id FROM agreement_runs').pluck().get()).toBeNull();
    expect(() =>
      db
        .prepare(
          `INSERT INTO agreement_runs (kind, created_at, created_by, scope, coders, config_hashes, codebook_versions, n_units, thresholds, summary, fingerprint)
           VALUES ('guess', 'now', 'me', '{}', '[]', '[]', '[]', 0, '{}', '{}', 'f')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
