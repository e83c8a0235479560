import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-codebook-coding';

function migrated() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(migration0001.up);
  db.exec(migration0002.up);
  db.exec(`
    INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES ('d', 'doc', 'txt', 'h', 'A: hi there', 11, 2, 'now');
    INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES ('s', 1, 0, 0, 'A', 3, 11, 'hi there', 2);
    INSERT INTO codebook_versions (version, name, created_at, created_by) VALUES (1, 'cb', 'now', 'me');
    INSERT INTO codes (codebook_version_id, code_key, guid, name) VALUES (1, 'outreach', 'g1', 'Outreach');
    INSERT INTO coders (name, kind, guid, created_at) VALUES ('Ana', 'human', 'c1', 'now');
  `);
  return db;
}

const addLabel = (db: Database.Database, span: [number, number] | null = null) =>
  db
    .prepare(
      "INSERT INTO labels (segment_id, code_id, coder_id, source, span_start, span_end, created_at, updated_at) VALUES (1, 1, 1, 'human', ?, ?, 'now', 'now')",
    )
    .run(span?.[0] ?? null, span?.[1] ?? null);

describe('migration 0002 (codebook and coding)', () => {
  it('freezes a codebook version once a label refers to it, and then refuses edits to its codes', () => {
    const db = migrated();
    db.prepare("UPDATE codes SET name = 'Outreach (edited)' WHERE id = 1").run();
    addLabel(db);
    expect(db.prepare('SELECT frozen FROM codebook_versions WHERE id = 1').get()).toEqual({ frozen: 1 });
    expect(() => db.prepare("UPDATE codes SET name = 'Renamed' WHERE id = 1").run()).toThrow(/frozen/);
    expect(() => db.prepare('DELETE FROM codes WHERE id = 1').run()).toThrow(/frozen/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO codes (codebook_version_id, code_key, guid, name) VALUES (1, 'new', 'g2', 'New')",
        )
        .run(),
    ).toThrow(/frozen/);
  });

  it('allows one whole-segment label per (segment, code, coder) but several distinct spans', () => {
    const db = migrated();
    addLabel(db);
    expect(() => addLabel(db)).toThrow(/UNIQUE/);
    addLabel(db, [3, 5]);
    addLabel(db, [6, 11]);
    expect(() => addLabel(db, [6, 11])).toThrow(/UNIQUE/);
    expect(() => addLabel(db, [8, 8])).toThrow(/CHECK/);
  });

  it('removes labels and coding marks with their segment, and rejects an unknown coder kind', () => {
    const db = migrated();
    addLabel(db);
    db.prepare("INSERT INTO coded_segments VALUES (1, 1, 1, 'now')").run();
    db.prepare('DELETE FROM documents').run();
    expect(db.prepare('SELECT count(*) AS n FROM labels').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM coded_segments').get()).toEqual({ n: 0 });
    expect(() =>
      db
        .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('X', 'robot', 'c2', 'now')")
        .run(),
    ).toThrow(/CHECK/);
  });
});
