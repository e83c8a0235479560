import type { Migration } from './migration';

// Calibration and agreement (DESIGN §1.5): who codes which sample, the consensus
// (adjudicated) coder and its decisions, approved AI coder configurations, and the
// history of agreement reports across iterations.
//
// `sample_assignments` say which coders code a sample and whether blind (the UI then
// shows them only their own labels). Progress is not stored: it is the coder's
// coded_segments inside the sample.
//
// A calibration sample and a held-out validation sample never share a segment:
// otherwise "validated on held-out data" would be partly validated on the data the
// configuration was tuned on. The triggers enforce it for every writer.
//
// The consensus is an ordinary coder row (kind 'human', so every statistic treats it
// like a coder) listed in `consensus_coders` with the human coders it adjudicates.
// Where those coders agree, the consensus follows them; each disagreement resolved by
// hand is a row of `consensus_decisions` (present/absent, memo, who, when, and what
// each coder had said then), and the coder's labels are materialised from both.
//
// `coder_approvals` freeze an AI coder's configuration (by config hash) as approved,
// optionally pointing at the calibration report that justified it; a revoked approval
// stays as a row. `agreement_runs` keep one summary per recorded report (calibration,
// validation on a held-out sample): when, who, which coders with which config hashes
// and codebook versions, on which units, under which thresholds — the history chart.
export const migration0004: Migration = {
  version: 4,
  name: 'calibration',
  up: `
    CREATE TABLE sample_assignments (
      sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,
      coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
      blind INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1)),
      assigned_at TEXT NOT NULL,
      assigned_by TEXT NOT NULL,
      PRIMARY KEY (sample_id, coder_id)
    ) WITHOUT ROWID;
    CREATE INDEX sample_assignments_by_coder ON sample_assignments(coder_id);

    CREATE INDEX sample_segments_by_segment ON sample_segments(segment_id);
    CREATE TRIGGER sample_segments_holdout_disjoint BEFORE INSERT ON sample_segments
      WHEN EXISTS (
        SELECT 1 FROM samples mine, sample_segments other_ss JOIN samples other ON other.id = other_ss.sample_id
        WHERE mine.id = NEW.sample_id AND other_ss.segment_id = NEW.segment_id
          AND ((mine.purpose = 'holdout' AND other.purpose = 'calibration')
            OR (mine.purpose = 'calibration' AND other.purpose = 'holdout')))
      BEGIN SELECT RAISE(ABORT, 'a held-out sample may not share segments with a calibration sample'); END;
    CREATE TRIGGER samples_purpose_fixed BEFORE UPDATE OF purpose ON samples
      WHEN NEW.purpose <> OLD.purpose AND EXISTS (SELECT 1 FROM sample_segments WHERE sample_id = OLD.id)
      BEGIN SELECT RAISE(ABORT, 'the purpose of a sample with segments cannot change'); END;

    CREATE TABLE consensus_coders (
      coder_id INTEGER PRIMARY KEY REFERENCES coders(id) ON DELETE CASCADE,
      source_coders TEXT NOT NULL,
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL
    );
    CREATE TABLE consensus_decisions (
      consensus_coder_id INTEGER NOT NULL REFERENCES consensus_coders(coder_id) ON DELETE CASCADE,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      code_key TEXT NOT NULL,
      present INTEGER NOT NULL CHECK (present IN (0, 1)),
      memo TEXT NOT NULL DEFAULT '',
      source_values TEXT NOT NULL,
      decided_at TEXT NOT NULL,
      decided_by TEXT NOT NULL,
      PRIMARY KEY (consensus_coder_id, segment_id, code_key)
    ) WITHOUT ROWID;

    CREATE TABLE agreement_runs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('calibration', 'validation')),
      created_at TEXT NOT NULL,
      created_by TEXT NOT NULL,
      sample_id INTEGER REFERENCES samples(id) ON DELETE SET NULL,
      scope TEXT NOT NULL,
      coders TEXT NOT NULL,
      config_hashes TEXT NOT NULL,
      codebook_versions TEXT NOT NULL,
      n_units INTEGER NOT NULL,
      thresholds TEXT NOT NULL,
      summary TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      approval_id INTEGER REFERENCES coder_approvals(id) ON DELETE SET NULL
    );
    CREATE INDEX agreement_runs_by_time ON agreement_runs(created_at, id);
    CREATE INDEX agreement_runs_by_fingerprint ON agreement_runs(fingerprint);

    CREATE TABLE coder_approvals (
      id INTEGER PRIMARY KEY,
      coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
      config_hash TEXT NOT NULL,
      calibration_run_id INTEGER REFERENCES agreement_runs(id) ON DELETE SET NULL,
      note TEXT NOT NULL DEFAULT '',
      approved_at TEXT NOT NULL,
      approved_by TEXT NOT NULL,
      revoked_at TEXT,
      revoked_by TEXT
    );
    CREATE UNIQUE INDEX coder_approvals_one_active ON coder_approvals(coder_id) WHERE revoked_at IS NULL;
  `,
};
