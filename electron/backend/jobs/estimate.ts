import type Database from 'better-sqlite3';
import type { Estimate, ModelPrice } from '../../../shared/contract/llm';
import { costOf } from '../llm/prices';
import type { PreparedCoder } from '../llm/preparedCoder';
import { cacheKeyOf, ResponseCache } from '../llm/responseCache';
import { countTokens, TOKENIZER_NAME } from '../llm/tokenCount';
import { TOKENS_PER_MESSAGE } from '../llm/tokenEstimate';
import { renderUserMessage } from '../llm/userMessage';
import { SegmentReader } from './segmentReader';

/** Output per decided code: a rationale of a sentence or two, the quote, the JSON around them. */
export const OUTPUT_TOKENS_PER_CODE = 45;
/** OpenAI caches prompt prefixes of at least 1024 tokens, in steps of 128. */
const PROMPT_CACHE_MIN = 1024;
const PROMPT_CACHE_STEP = 128;

const cacheableTokens = (systemTokens: number) =>
  systemTokens >= PROMPT_CACHE_MIN ? Math.floor(systemTokens / PROMPT_CACHE_STEP) * PROMPT_CACHE_STEP : 0;

/**
 * Tokens and cost of coding these segments: the rendered prompts, estimated (see
 * tokenEstimate.ts), for every call and sample; segments answered in the response
 * cache cost nothing. The codebook prefix is assumed served from the provider's
 * prompt cache after the first request, as OpenAI does for long stable prefixes.
 */
export function estimateSegments(
  db: Database.Database,
  prepared: PreparedCoder,
  segmentIds: Iterable<number>,
  opts: { useCache: boolean; price: ModelPrice | null; batch: boolean },
): Estimate {
  const reader = new SegmentReader(db, prepared.config.contextTurns);
  const cache =
    opts.useCache && ResponseCache.holdsAny(db, prepared.configHash) ? new ResponseCache(db) : null;
  const samples = prepared.config.samples;
  const calls = prepared.calls.map((c) => ({
    system: countTokens(c.system) + TOKENS_PER_MESSAGE,
    output: c.codes.length * OUTPUT_TOKENS_PER_CODE + 10,
  }));
  let segments = 0;
  let cachedSegments = 0;
  let requests = 0;
  let input = 0;
  let cachedInput = 0;
  let output = 0;
  let first = true;
  for (const id of segmentIds) {
    const seg = reader.get(id);
    if (!seg) continue;
    segments++;
    if (!seg.text.trim()) continue;
    const user = renderUserMessage(seg, seg.before, seg.after);
    if (cache?.has(cacheKeyOf(prepared.configHash, user))) {
      cachedSegments++;
      continue;
    }
    const userTokens = countTokens(user) + TOKENS_PER_MESSAGE;
    for (const c of calls) {
      requests += samples;
      input += (c.system + userTokens) * samples;
      output += c.output * samples;
      cachedInput += cacheableTokens(c.system) * (first ? samples - 1 : samples);
    }
    first = false;
  }
  const usage = { input, cached: cachedInput, output };
  return {
    model: prepared.config.model,
    segments,
    cachedSegments,
    requests,
    inputTokens: input,
    cachedInputTokens: cachedInput,
    outputTokens: output,
    costUsd: opts.price ? costOf(opts.price, usage, opts.batch) : null,
    tokenizer: TOKENIZER_NAME,
    priced: opts.price !== null,
  };
}

/** Segment ids of a job's pending (and, for a resume, failed) items, in order. */
export function* pendingSegmentIds(
  db: Database.Database,
  jobId: number,
  includeFailed: boolean,
): Generator<number> {
  const states = includeFailed ? "('pending', 'running', 'failed')" : "('pending', 'running')";
  const stmt = db.prepare(
    `SELECT id, segment_id FROM job_items WHERE job_id = ? AND state IN ${states} AND id > ? ORDER BY id LIMIT 1000`,
  );
  let last = 0;
  for (;;) {
    const rows = stmt.all(jobId, last) as { id: number; segment_id: number }[];
    if (!rows.length) return;
    for (const r of rows) yield r.segment_id;
    last = rows[rows.length - 1]!.id;
  }
}
