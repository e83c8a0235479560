import type { Migration } from './migration';

// Codebook versions and their codes, coders (human or AI), and labels.
//
// A code's identity across versions is `code_key` (the stable id of the JSON form,
// e.g. "communication-one-on-one") with a REFI `guid`; each version has its own row,
// so a label keeps pointing at the code as it was defined when the label was made.
// A version is immutable (`frozen`) once a label or calibration refers to it.
//
// `coded_segments` records that a coder has finished a segment under a codebook
// version: a code without a label there is a deliberate 0, elsewhere it is missing
// data (this is what agreement statistics need). `samples` are named, seeded sets of
// segments (calibration, held-out validation, review audit).
export const migration0002: Migration = {
  version: 2,
  name: 'codebook-coding',
  up: `
    CREATE TABLE codebook_versions (
      id INTEGER PRIMARY KEY,
      version INTEGER NOT NULL UNIQUE,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      parent_version INTEGER,
      change_log TEXT NOT NULL DEFAULT '[]',
      frozen INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE TABLE codes (
      id INTEGER PRIMARY KEY,
      codebook_version_id INTEGER NOT NULL REFERENCES codebook_versions(id) ON DELETE CASCADE,
      code_key TEXT NOT NULL,
      guid TEXT NOT NULL,
      parent_key TEXT,
      name TEXT NOT NULL,
      short_label TEXT NOT NULL DEFAULT '',
      definition TEXT NOT NULL DEFAULT '',
      inclusion TEXT NOT NULL DEFAULT '',
      exclusion TEXT NOT NULL DEFAULT '',
      examples_positive TEXT NOT NULL DEFAULT '[]',
      examples_negative TEXT NOT NULL DEFAULT '[]',
      color TEXT NOT NULL DEFAULT '#888888',
      sort_order INTEGER NOT NULL DEFAULT 0,
      UNIQUE (codebook_version_id, code_key),
      UNIQUE (codebook_version_id, guid)
    );
    CREATE INDEX codes_by_version ON codes(codebook_version_id, sort_order);
    CREATE TABLE coders (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('human', 'ai')),
      guid TEXT NOT NULL UNIQUE,
      config TEXT,
      config_hash TEXT,
      created_at TEXT NOT NULL
    );
    CREATE TABLE labels (
      id INTEGER PRIMARY KEY,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      code_id INTEGER NOT NULL REFERENCES codes(id),
      coder_id INTEGER NOT NULL REFERENCES coders(id),
      source TEXT NOT NULL CHECK (source IN ('human', 'ai')),
      span_start INTEGER,
      span_end INTEGER,
      memo TEXT NOT NULL DEFAULT '',
      confidence REAL,
      rationale TEXT,
      evidence TEXT,
      job_id INTEGER,
      demo INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      CHECK ((span_start IS NULL) = (span_end IS NULL)),
      CHECK (span_start IS NULL OR span_start < span_end)
    );
    CREATE UNIQUE INDEX labels_whole_segment ON labels(segment_id, code_id, coder_id) WHERE span_start IS NULL;
    CREATE UNIQUE INDEX labels_span ON labels(segment_id, code_id, coder_id, span_start, span_end) WHERE span_start IS NOT NULL;
    CREATE INDEX labels_by_code ON labels(code_id, coder_id);
    CREATE INDEX labels_by_coder ON labels(coder_id, segment_id);
    -- covers the group comparison's scan of every label (source, segment, code)
    CREATE INDEX labels_by_source ON labels(source, segment_id, code_id);
    CREATE TABLE coded_segments (
      coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      codebook_version_id INTEGER NOT NULL REFERENCES codebook_versions(id),
      completed_at TEXT NOT NULL,
      PRIMARY KEY (coder_id, segment_id)
    ) WITHOUT ROWID;
    CREATE TABLE samples (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      purpose TEXT NOT NULL CHECK (purpose IN ('calibration', 'holdout', 'audit', 'other')),
      seed INTEGER,
      spec TEXT NOT NULL DEFAULT '{}',
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE TABLE sample_segments (
      sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      PRIMARY KEY (sample_id, segment_id)
    ) WITHOUT ROWID;
    CREATE TRIGGER codes_frozen_update BEFORE UPDATE ON codes
      WHEN (SELECT frozen FROM codebook_versions WHERE id = OLD.codebook_version_id) = 1
      BEGIN SELECT RAISE(ABORT, 'this codebook version is frozen; edit a new version'); END;
    CREATE TRIGGER codes_frozen_delete BEFORE DELETE ON codes
      WHEN (SELECT frozen FROM codebook_versions WHERE id = OLD.codebook_version_id) = 1
      BEGIN SELECT RAISE(ABORT, 'this codebook version is frozen; edit a new version'); END;
    CREATE TRIGGER codes_frozen_insert BEFORE INSERT ON codes
      WHEN (SELECT frozen FROM codebook_versions WHERE id = NEW.codebook_version_id) = 1
      BEGIN SELECT RAISE(ABORT, 'this codebook version is frozen; edit a new version'); END;
    CREATE TRIGGER labels_freeze_version AFTER INSERT ON labels
      BEGIN UPDATE codebook_versions SET frozen = 1
        WHERE id = (SELECT codebook_version_id FROM codes WHERE id = NEW.code_id) AND frozen = 0; END;
  `,
};
