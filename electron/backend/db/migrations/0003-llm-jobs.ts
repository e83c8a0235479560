import type { Migration } from './migration';

// The LLM coding engine: durable labeling jobs, the response cache, per-output and
// per-label provenance, and an editable price table.
//
// A job is (AI coder, its config hash, a segment selection); its items are the
// segments, one row each (UNIQUE (job_id, segment_id)), so a resumed job never
// queues a segment twice. An item's labels, its provenance, the coder's
// coded_segments mark, the cache entry and the job's usage counters are written in
// one transaction: after a crash a segment is either fully done or still pending,
// and usage is counted exactly once.
//
// The response cache maps hash(config hash, user message) to the AI output that
// answered it first (the answer is stored once, with its provenance); a re-run or
// another coder with the same configuration reuses it without a request.
//
// `llm_outputs` holds one row per (segment, AI coder) answer: config hash, model as
// returned, prompt hash, raw responses, every code's decision with votes, tokens and
// latency. `label_provenance` links each AI label to its output with the code's own
// rationale, evidence (and whether the quote is in the segment), confidence and votes.
//
// `model_prices` are USD per 1M tokens. Prices change: the seeded rows carry a note
// and the user edits them in the app.
export const migration0003: Migration = {
  version: 3,
  name: 'llm-jobs',
  up: `
    CREATE TABLE jobs (
      id INTEGER PRIMARY KEY,
      coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
      config_hash TEXT NOT NULL,
      config TEXT NOT NULL,
      codebook_version_id INTEGER NOT NULL REFERENCES codebook_versions(id),
      selection TEXT NOT NULL,
      selection_key TEXT NOT NULL,
      batch INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'running', 'paused', 'completed', 'failed', 'cancelled', 'budget_exceeded')),
      budget_usd REAL,
      segments_total INTEGER NOT NULL DEFAULT 0,
      segments_done INTEGER NOT NULL DEFAULT 0,
      segments_failed INTEGER NOT NULL DEFAULT 0,
      requests INTEGER NOT NULL DEFAULT 0,
      cache_hits INTEGER NOT NULL DEFAULT 0,
      retries INTEGER NOT NULL DEFAULT 0,
      rejected INTEGER NOT NULL DEFAULT 0,
      rate_limited INTEGER NOT NULL DEFAULT 0,
      labels INTEGER NOT NULL DEFAULT 0,
      input_tokens INTEGER NOT NULL DEFAULT 0,
      cached_input_tokens INTEGER NOT NULL DEFAULT 0,
      output_tokens INTEGER NOT NULL DEFAULT 0,
      cost_usd REAL,
      last_error TEXT,
      last_error_code TEXT,
      runner_pid INTEGER,
      runner_host TEXT,
      heartbeat_at INTEGER,
      batch_id TEXT,
      created_at TEXT NOT NULL,
      started_at TEXT,
      updated_at TEXT NOT NULL,
      finished_at TEXT
    );
    CREATE INDEX jobs_by_coder ON jobs(coder_id, config_hash, selection_key);

    CREATE TABLE job_items (
      id INTEGER PRIMARY KEY,
      job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'running', 'done', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      requests INTEGER NOT NULL DEFAULT 0,
      input_tokens INTEGER NOT NULL DEFAULT 0,
      cached_input_tokens INTEGER NOT NULL DEFAULT 0,
      output_tokens INTEGER NOT NULL DEFAULT 0,
      cost_usd REAL,
      latency_ms INTEGER,
      cache_hit INTEGER NOT NULL DEFAULT 0,
      skipped INTEGER NOT NULL DEFAULT 0,
      error TEXT,
      error_code TEXT,
      updated_at TEXT,
      UNIQUE (job_id, segment_id)
    );
    CREATE INDEX job_items_by_state ON job_items(job_id, state, id);

    CREATE TABLE llm_outputs (
      id INTEGER PRIMARY KEY,
      job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
      item_id INTEGER REFERENCES job_items(id) ON DELETE SET NULL,
      coder_id INTEGER NOT NULL REFERENCES coders(id) ON DELETE CASCADE,
      segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
      config_hash TEXT NOT NULL,
      model_requested TEXT NOT NULL,
      model_returned TEXT,
      codebook_version_id INTEGER NOT NULL REFERENCES codebook_versions(id),
      prompt_hash TEXT NOT NULL,
      temperature REAL,
      samples INTEGER NOT NULL,
      decisions TEXT NOT NULL,
      raw_responses TEXT NOT NULL,
      from_cache INTEGER NOT NULL DEFAULT 0,
      input_tokens INTEGER NOT NULL DEFAULT 0,
      cached_input_tokens INTEGER NOT NULL DEFAULT 0,
      output_tokens INTEGER NOT NULL DEFAULT 0,
      latency_ms INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL
    );
    CREATE INDEX llm_outputs_by_coder ON llm_outputs(coder_id, segment_id);
    CREATE INDEX llm_outputs_by_job ON llm_outputs(job_id);

    CREATE TABLE llm_cache (
      key TEXT PRIMARY KEY,
      config_hash TEXT NOT NULL,
      output_id INTEGER NOT NULL REFERENCES llm_outputs(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX llm_cache_by_config ON llm_cache(config_hash);
    CREATE INDEX llm_cache_by_output ON llm_cache(output_id);

    CREATE TABLE label_provenance (
      label_id INTEGER PRIMARY KEY REFERENCES labels(id) ON DELETE CASCADE,
      output_id INTEGER NOT NULL REFERENCES llm_outputs(id) ON DELETE CASCADE,
      code_key TEXT NOT NULL,
      confidence REAL,
      vote_share REAL NOT NULL,
      votes INTEGER NOT NULL,
      samples INTEGER NOT NULL,
      rationale TEXT NOT NULL DEFAULT '',
      evidence TEXT NOT NULL DEFAULT '',
      evidence_found INTEGER
    );
    CREATE INDEX label_provenance_by_output ON label_provenance(output_id);
    CREATE INDEX label_provenance_evidence ON label_provenance(evidence_found) WHERE evidence_found = 0;

    CREATE TABLE model_prices (
      model TEXT PRIMARY KEY,
      input_per_1m REAL NOT NULL CHECK (input_per_1m >= 0),
      cached_input_per_1m REAL CHECK (cached_input_per_1m >= 0),
      output_per_1m REAL NOT NULL CHECK (output_per_1m >= 0),
      note TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL
    );
    INSERT INTO model_prices (model, input_per_1m, cached_input_per_1m, output_per_1m, note, updated_at) VALUES
      ('gpt-4o-mini', 0.15, 0.075, 0.60, 'OpenAI list price, 2025; prices change: check openai.com/api/pricing', '2025-01-01T00:00:00.000Z'),
      ('gpt-4o', 2.50, 1.25, 10.00, 'OpenAI list price, 2025; prices change: check openai.com/api/pricing', '2025-01-01T00:00:00.000Z'),
      ('gpt-4.1', 2.00, 0.50, 8.00, 'OpenAI list price, 2025; prices change: check openai.com/api/pricing', '2025-01-01T00:00:00.000Z'),
      ('gpt-4.1-mini', 0.40, 0.10, 1.60, 'OpenAI list price, 2025; prices change: check openai.com/api/pricing', '2025-01-01T00:00:00.000Z'),
      ('gpt-4.1-nano', 0.10, 0.025, 0.40, 'OpenAI list price, 2025; prices change: check openai.com/api/pricing', '2025-01-01T00:00:00.000Z'),
      ('gpt-5', 1.25, 0.125, 10.00, 'OpenAI list price, 2025; prices change: check openai.com/api/pricing', '2025-01-01T00:00:00.000Z'),
      ('gpt-5-mini', 0.25, 0.025, 2.00, 'OpenAI list price, 2025; prices change: check openai.com/api/pricing', '2025-01-01T00:00:00.000Z'),
      ('gpt-5-nano', 0.05, 0.005, 0.40, 'OpenAI list price, 2025; prices change: check openai.com/api/pricing', '2025-01-01T00:00:00.000Z'),
      ('o4-mini', 1.10, 0.275, 4.40, 'OpenAI list price, 2025; prices change: check openai.com/api/pricing', '2025-01-01T00:00:00.000Z');
  `,
};
