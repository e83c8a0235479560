import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-codebook-coding';
import { migration0003 } from './0003-llm-jobs';

function migrated() {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of [migration0001, migration0002, migration0003]) db.exec(m.up);
  db.exec(`
    INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES ('d', 'doc', 'txt', 'h', 'A: hi', 5, 1, 'now');
    INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES ('s', 1, 0, 0, 'A', 3, 5, 'hi', 1);
    INSERT INTO codebook_versions (version, name, created_at, created_by) VALUES (1, 'cb', 'now', 'me');
    INSERT INTO codes (codebook_version_id, code_key, guid, name) VALUES (1, 'outreach', 'g1', 'Outreach');
    INSERT INTO coders (name, kind, guid, config, config_hash, created_at) VALUES ('gpt', 'ai', 'c1', '{}', 'abc', 'now');
    INSERT INTO jobs (coder_id, config_hash, config, codebook_version_id, selection, selection_key, created_at, updated_at) VALUES (1, 'abc', '{}', 1, '{}', '{}', 'now', 'now');
  `);
  return db;
}

describe('migration 0003 (LLM jobs)', () => {
  it('keeps one item per (job, segment) and only known states', () => {
    const db = migrated();
    db.prepare('INSERT INTO job_items (job_id, segment_id) VALUES (1, 1)').run();
    expect(() => db.prepare('INSERT INTO job_items (job_id, segment_id) VALUES (1, 1)').run()).toThrow(
      /UNIQUE/,
    );
    expect(() => db.prepare("UPDATE job_items SET state = 'lost'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE jobs SET status = 'exploded'").run()).toThrow(/CHECK/);
    expect(db.prepare('SELECT status, segments_total, cost_usd FROM jobs').get()).toEqual({
      status: 'queued',
      segments_total: 0,
      cost_usd: null,
    });
  });

  it('removes items, outputs and provenance with their segment and labels', () => {
    const db = migrated();
    db.prepare('INSERT INTO job_items (job_id, segment_id) VALUES (1, 1)').run();
    db.prepare(
      "INSERT INTO labels (segment_id, code_id, coder_id, source, created_at, updated_at) VALUES (1, 1, 1, 'ai', 'now', 'now')",
    ).run();
    db.prepare(
      "INSERT INTO llm_outputs (job_id, item_id, coder_id, segment_id, config_hash, model_requested, codebook_version_id, prompt_hash, samples, decisions, raw_responses, created_at) VALUES (1, 1, 1, 1, 'abc', 'm', 1, 'p', 1, '[]', '[]', 'now')",
    ).run();
    db.prepare(
      "INSERT INTO label_provenance (label_id, output_id, code_key, vote_share, votes, samples) VALUES (1, 1, 'outreach', 1, 1, 1)",
    ).run();
    db.prepare('DELETE FROM segments').run();
    for (const t of ['job_items', 'labels', 'llm_outputs', 'label_provenance'])
      expect(db.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
  });

  it('seeds a price table that refuses negative prices', () => {
    const db = migrated();
    expect(
      (db.prepare('SELECT count(*) AS n FROM model_prices').get() as { n: number }).n,
    ).toBeGreaterThanOrEqual(5);
    expect(
      db.prepare("SELECT input_per_1m, output_per_1m FROM model_prices WHERE model = 'gpt-4o-mini'").get(),
    ).toEqual({ input_per_1m: 0.15, output_per_1m: 0.6 });
    expect(() =>
      db
        .prepare(
          "INSERT INTO model_prices (model, input_per_1m, output_per_1m, updated_at) VALUES ('x', -1, 1, 'now')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });
});
