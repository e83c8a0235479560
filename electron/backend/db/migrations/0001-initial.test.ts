import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-initial';

function migrated() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.exec(migration0001.up);
  return db;
}

describe('migration 0001 (initial)', () => {
  it('creates documents, attributes, segments, history and settings', () => {
    const db = migrated();
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(tables).toEqual(['document_attributes', 'documents', 'history', 'segments', 'settings']);
  });

  it('deletes attributes and segments with their document, and rejects duplicate content', () => {
    const db = migrated();
    const doc = db
      .prepare(
        "INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES ('u1', 'a', 'txt', 'h1', 'A: hi', 5, 1, 'now')",
      )
      .run().lastInsertRowid;
    db.prepare("INSERT INTO document_attributes VALUES (?, 'group', 'bright')").run(doc);
    db.prepare(
      "INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES ('s1', ?, 0, 0, 'A', 3, 5, 'hi', 1)",
    ).run(doc);
    expect(() =>
      db
        .prepare(
          "INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES ('u2', 'b', 'txt', 'h1', 'x', 1, 1, 'now')",
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.prepare('DELETE FROM documents WHERE id = ?').run(doc);
    expect(db.prepare('SELECT count(*) AS n FROM segments').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT count(*) AS n FROM document_attributes').get()).toEqual({ n: 0 });
  });

  it('keeps history append-only', () => {
    const db = migrated();
    db.prepare("INSERT INTO history (at, actor, action, entity) VALUES ('now', 'me', 'x', 'document')").run();
    expect(() => db.prepare("UPDATE history SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM history').run()).toThrow(/append-only/);
  });
});
