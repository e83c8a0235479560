import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-codebook-coding';
import { migration0003 } from './0003-llm-jobs';
import { migration0004 } from './0004-calibration';
import { migration0005 } from './0005-review';

function migrated() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration0001, migration0002, migration0003, migration0004, migration0005]) db.exec(m.up);
  db.exec(`
    INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES ('d', 'doc', 'txt', 'h', 'A: hi\nB: yo', 11, 2, 'now');
    INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES ('s1', 1, 0, 0, 'A', 3, 5, 'hi', 1);
    INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES ('s2', 1, 1, 1, 'B', 9, 11, 'yo', 1);
    INSERT INTO codebook_versions (version, name, created_at, created_by) VALUES (1, 'cb', 'now', 'me');
    INSERT INTO codes (codebook_version_id, code_key, guid, name) VALUES (1, 'outreach', 'g1', 'Outreach');
    INSERT INTO coders (name, kind, guid, config, config_hash, created_at) VALUES ('gpt', 'ai', 'c1', '{}', 'abc', 'now');
    INSERT INTO labels (segment_id, code_id, coder_id, source, created_at, updated_at) VALUES (1, 1, 1, 'ai', 'now', 'now');
  `);
  const item = db.prepare(
    "INSERT INTO review_items (segment_id, document_id, code_key, coder_id, source, label_id, ai_present, risk, created_at) VALUES (?, 1, 'outreach', 1, 'ai_output', ?, ?, 0.5, 'now')",
  );
  item.run(1, 1, 1);
  item.run(2, null, 0);
  return db;
}

const decide = (db: Database.Database, item: number, revision: number, action = 'accept') =>
  db
    .prepare(
      "INSERT INTO review_decisions (item_id, revision, reviewer, action, state, verdict, decided_at) VALUES (?, ?, 'rev', ?, 'accepted', 1, 'now')",
    )
    .run(item, revision, action);

describe('migration 0005 (review)', () => {
  it('keeps one item per (segment, code, AI coder)', () => {
    const db = migrated();
    expect(() =>
      db
        .prepare(
          "INSERT INTO review_items (segment_id, document_id, code_key, coder_id, source, ai_present, created_at) VALUES (1, 1, 'outreach', 1, 'ai_label', 1, 'now')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare("UPDATE review_items SET state = 'maybe' WHERE id = 1").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE review_items SET source = 'guess' WHERE id = 1").run()).toThrow(/CHECK/);
  });

  it('makes the decision log append-only, one decision per revision', () => {
    const db = migrated();
    decide(db, 1, 1);
    expect(() => decide(db, 1, 1)).toThrow(/UNIQUE/);
    expect(() => decide(db, 1, 2, 'shrug')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE review_decisions SET reviewer = 'someone else'").run()).toThrow(
      /append-only/,
    );
    expect(() => db.prepare('DELETE FROM review_decisions').run()).toThrow(/append-only/);
    expect(() => decide(db, 99, 1)).toThrow(/FOREIGN KEY/);
  });

  it('keeps items and decisions when their segment or AI coder goes, marking the items orphaned', () => {
    const db = migrated();
    decide(db, 1, 1);
    db.prepare('DELETE FROM documents').run();
    expect(db.prepare('SELECT orphaned, ai_present, label_id FROM review_items ORDER BY id').all()).toEqual([
      { orphaned: 1, ai_present: 0, label_id: null },
      { orphaned: 1, ai_present: 0, label_id: null },
    ]);
    expect(db.prepare('SELECT count(*) FROM review_decisions').pluck().get()).toBe(1);
    db.prepare('DELETE FROM coders').run();
    expect(db.prepare('SELECT count(*) FROM review_items').pluck().get()).toBe(2);
  });

  it('makes an item absent and unscored again when its AI label is removed', () => {
    const db = migrated();
    db.prepare('DELETE FROM labels WHERE id = 1').run();
    expect(
      db.prepare('SELECT ai_present, label_id, risk, orphaned FROM review_items WHERE id = 1').get(),
    ).toEqual({
      ai_present: 0,
      label_id: null,
      risk: null,
      orphaned: 0,
    });
  });
});
