import type { Migration } from './migration';

// The human review queue (DESIGN §1.7, §1.10).
//
// `review_items` holds one row per (segment, code key, AI coder): what the AI decided
// (present, or absent — a code a reviewer may add), the signals that make it risky,
// its precomputed risk and the review state in force. Items are materialised from
// llm_outputs and AI labels by review/syncQueue.ts when the queue is read, not by
// triggers: the labeling engine's write transaction stays as fast as it was (with a
// 38-code codebook, per-decision triggers cost it a quarter of a millisecond per segment).
//
// Items are never deleted and carry no foreign keys to the tables they describe: a
// decision must outlive the segment, code or coder it was about (the audit trail is
// append-only). Deleting a segment or an AI coder marks its items `orphaned` (these
// triggers are off the labeling path), so they leave the queue and refuse decisions;
// removing an AI label makes its item absent again, to be rescored.
//
// The sync reads llm_outputs and labels beyond a watermark (their largest id seen).
// SQLite hands the id of a deleted last row out again, so deleting a row lowers the
// watermark below it: the next sync looks again from there (idempotently).
//
// `review_decisions` is the append-only decision log. Each decision moves its item
// from `revision - 1` to `revision` (UNIQUE (item_id, revision) makes a lost update
// impossible even if a caller skipped the check) and stores the state it leaves in
// force; `parent_id` is the decision that was in force before, so undo walks back
// one step at a time and is itself a new decision.
//
// Few indexes on purpose: filters by code, document or coder walk the queue index
// (already in risk order), which stays fast at 100,000 items. Risk is NULL until
// scored; unscored items sit at the start of their state's range of the queue index,
// which is how the scorer finds them.
//
// `audit_rank` is the segment's position in the active random audit sample (shared
// by all its items, NULL outside the sample): the audit queue runs in that random
// order, so any prefix of it is still a random sample.
export const migration0005: Migration = {
  version: 5,
  name: 'review',
  up: `
    CREATE TABLE review_items (
      id INTEGER PRIMARY KEY,
      segment_id INTEGER NOT NULL,
      document_id INTEGER NOT NULL,
      code_key TEXT NOT NULL,
      coder_id INTEGER NOT NULL,
      source TEXT NOT NULL CHECK (source IN ('ai_output', 'ai_label', 'review')),
      output_id INTEGER,
      label_id INTEGER,
      ai_present INTEGER NOT NULL CHECK (ai_present IN (0, 1)),
      confidence REAL,
      vote_share REAL,
      votes INTEGER,
      samples INTEGER,
      evidence_found INTEGER,
      extra_requests INTEGER NOT NULL DEFAULT 0,
      risk REAL,
      reasons INTEGER NOT NULL DEFAULT 0,
      audit_rank INTEGER,
      state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'accepted', 'rejected', 'changed', 'added')),
      verdict INTEGER CHECK (verdict IN (0, 1)),
      replacement_key TEXT,
      memo TEXT NOT NULL DEFAULT '',
      revision INTEGER NOT NULL DEFAULT 0,
      top_decision_id INTEGER,
      last_reviewer TEXT,
      decided_at TEXT,
      orphaned INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      UNIQUE (segment_id, code_key, coder_id)
    );
    CREATE INDEX review_items_queue ON review_items(state, risk, id) WHERE orphaned = 0 AND audit_rank IS NULL;
    CREATE INDEX review_items_audit ON review_items(audit_rank, id) WHERE audit_rank IS NOT NULL;
    CREATE INDEX review_items_by_label ON review_items(label_id) WHERE label_id IS NOT NULL;
    CREATE INDEX review_items_by_reviewer ON review_items(last_reviewer) WHERE last_reviewer IS NOT NULL;

    CREATE TABLE review_decisions (
      id INTEGER PRIMARY KEY,
      item_id INTEGER NOT NULL REFERENCES review_items(id),
      revision INTEGER NOT NULL,
      reviewer TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('accept', 'reject', 'change_code', 'add_code', 'memo', 'undo')),
      state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected', 'changed', 'added')),
      verdict INTEGER CHECK (verdict IN (0, 1)),
      replacement_key TEXT,
      memo TEXT NOT NULL DEFAULT '',
      parent_id INTEGER REFERENCES review_decisions(id),
      reverts_id INTEGER REFERENCES review_decisions(id),
      codebook_version_id INTEGER,
      risk REAL,
      reasons INTEGER NOT NULL DEFAULT 0,
      decided_at TEXT NOT NULL,
      UNIQUE (item_id, revision)
    );
    CREATE INDEX review_decisions_by_reviewer ON review_decisions(reviewer, decided_at);
    CREATE INDEX review_decisions_by_time ON review_decisions(decided_at);
    CREATE TRIGGER review_decisions_no_update BEFORE UPDATE ON review_decisions
      BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;
    CREATE TRIGGER review_decisions_no_delete BEFORE DELETE ON review_decisions
      BEGIN SELECT RAISE(ABORT, 'review decisions are append-only'); END;

    CREATE TRIGGER review_items_label_removed AFTER DELETE ON labels
    BEGIN
      UPDATE review_items SET label_id = NULL, ai_present = 0, risk = NULL WHERE label_id = OLD.id;
      UPDATE settings SET value = CAST(OLD.id - 1 AS TEXT)
        WHERE key = 'review.synced_label_id' AND CAST(value AS INTEGER) >= OLD.id;
    END;

    CREATE TRIGGER review_items_output_removed AFTER DELETE ON llm_outputs
    BEGIN
      UPDATE settings SET value = CAST(OLD.id - 1 AS TEXT)
        WHERE key = 'review.synced_output_id' AND CAST(value AS INTEGER) >= OLD.id;
    END;

    CREATE TRIGGER review_items_segment_gone AFTER DELETE ON segments
    BEGIN
      UPDATE review_items SET orphaned = 1 WHERE segment_id = OLD.id;
    END;

    CREATE TRIGGER review_items_coder_gone AFTER DELETE ON coders
    BEGIN
      UPDATE review_items SET orphaned = 1 WHERE coder_id = OLD.id;
    END;
  `,
};
