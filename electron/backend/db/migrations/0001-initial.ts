import type { Migration } from './migration';

// Documents, their attributes and segments, an append-only history, and settings.
// Later features (codebooks, coders, labels, jobs, reviews) add their own migrations.
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: `
    CREATE TABLE documents (
      id INTEGER PRIMARY KEY,
      uid TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      source_file TEXT,
      format TEXT NOT NULL,
      encoding TEXT,
      content_hash TEXT NOT NULL UNIQUE,
      text TEXT NOT NULL,
      chars INTEGER NOT NULL,
      words INTEGER NOT NULL,
      imported_at TEXT NOT NULL
    );
    CREATE TABLE document_attributes (
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      value TEXT NOT NULL,
      PRIMARY KEY (document_id, name)
    ) WITHOUT ROWID;
    CREATE INDEX document_attributes_by_value ON document_attributes(name, value);
    CREATE TABLE segments (
      id INTEGER PRIMARY KEY,
      uid TEXT NOT NULL UNIQUE,
      document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      turn INTEGER NOT NULL,
      speaker TEXT,
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      text TEXT NOT NULL,
      words INTEGER NOT NULL,
      time_start REAL,
      time_end REAL,
      UNIQUE (document_id, idx)
    );
    CREATE TABLE history (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT,
      before TEXT,
      after TEXT
    );
    CREATE INDEX history_by_entity ON history(entity, entity_id);
    CREATE TRIGGER history_no_update BEFORE UPDATE ON history
      BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    CREATE TRIGGER history_no_delete BEFORE DELETE ON history
      BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
  `,
};
