import type Database from 'better-sqlite3';
import type { CodeDecision } from '../../../shared/contract/llm';
import type { ChatUsage } from './chatClient';
import { sha256Hex } from './stableHash';
import { unpackDecisions } from './storedDecisions';

/** A validated answer for one segment under one configuration, as the cache serves it. */
export interface CachedAnswer {
  decisions: CodeDecision[];
  raw: string[];
  modelReturned: string | null;
  usage: ChatUsage;
  latencyMs: number;
}

/**
 * The cache key: the configuration hash (model, parameters, system prompts, codebook
 * version) and the hash of the user message (the segment with its context turns), so
 * a changed neighbour is a different question.
 */
export const cacheKeyOf = (configHash: string, userMessage: string): string =>
  sha256Hex(`${configHash}\n${sha256Hex(userMessage)}`);

/**
 * The response cache. An entry points at the AI output that first answered the
 * question, so the answer (decisions, raw responses, usage) is stored once, with its
 * provenance; an output that is deleted takes its entry with it.
 */
export class ResponseCache {
  private readonly getStmt;
  private readonly putStmt;
  private readonly hasStmt;

  constructor(db: Database.Database) {
    this.getStmt = db.prepare(
      `SELECT o.decisions, o.raw_responses, o.model_returned, o.input_tokens, o.cached_input_tokens, o.output_tokens, o.latency_ms
       FROM llm_cache c JOIN llm_outputs o ON o.id = c.output_id WHERE c.key = ?`,
    );
    this.hasStmt = db.prepare('SELECT 1 FROM llm_cache WHERE key = ?').pluck();
    this.putStmt = db.prepare(
      `INSERT INTO llm_cache (key, config_hash, output_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET output_id = excluded.output_id, created_at = excluded.created_at`,
    );
  }

  /** Whether any answer of this configuration is cached (lets a fresh run skip look-ups). */
  static holdsAny(db: Database.Database, configHash: string): boolean {
    return db.prepare('SELECT 1 FROM llm_cache WHERE config_hash = ? LIMIT 1').get(configHash) !== undefined;
  }

  get(key: string): CachedAnswer | null {
    const row = this.getStmt.get(key) as
      | {
          decisions: string;
          raw_responses: string;
          model_returned: string | null;
          input_tokens: number;
          cached_input_tokens: number;
          output_tokens: number;
          latency_ms: number;
        }
      | undefined;
    if (!row) return null;
    return {
      decisions: unpackDecisions(row.decisions),
      raw: JSON.parse(row.raw_responses) as string[],
      latencyMs: row.latency_ms,
      modelReturned: row.model_returned,
      usage: { input: row.input_tokens, cached: row.cached_input_tokens, output: row.output_tokens },
    };
  }

  has(key: string): boolean {
    return this.hasStmt.get(key) !== undefined;
  }

  /** Points the key at a freshly answered output; the caller holds the item's transaction. */
  put(key: string, configHash: string, outputId: number): void {
    this.putStmt.run(key, configHash, outputId, new Date().toISOString());
  }
}
