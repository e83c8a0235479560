import type Database from 'better-sqlite3';
import type { ModelPrice } from '../../../shared/contract/llm';
import { costOf } from '../llm/prices';
import type { PreparedCoder } from '../llm/preparedCoder';
import { ResponseCache } from '../llm/responseCache';
import { packDecisions } from '../llm/storedDecisions';
import type { ItemOutcome } from './itemOutcome';

export interface JobDeltas {
  done: number;
  failed: number;
  requests: number;
  cacheHits: number;
  retries: number;
  rejected: number;
  rateLimited: number;
  labels: number;
  input: number;
  cached: number;
  output: number;
  cost: number;
}

export const zeroDeltas = (): JobDeltas => ({
  done: 0,
  failed: 0,
  requests: 0,
  cacheHits: 0,
  retries: 0,
  rejected: 0,
  rateLimited: 0,
  labels: 0,
  input: 0,
  cached: 0,
  output: 0,
  cost: 0,
});

/** What an item cost: null when the model has no price; a cache hit or an empty segment costs nothing. */
export const itemCostOf = (price: ModelPrice | null, stats: ItemOutcome['stats']): number | null =>
  price ? (stats.requests > 0 ? costOf(price, stats.usage, stats.batchPriced === true) : 0) : null;

/**
 * Commits finished items. Each item is all or nothing: labels,
 * per-label provenance, the AI output, the coder's coded_segments mark, the cache
 * entry and the item's usage; the job's counters move by the same amounts in the same
 * transaction. Several items share one transaction so a fast job does not pay one
 * fsync per segment; a crash loses at most the uncommitted ones, which stay pending
 * and are asked again (or served from the cache), never counted twice.
 */
export class ItemWriter {
  private queue: ItemOutcome[] = [];
  private running: number[] = [];
  private readonly cache: ResponseCache;
  private readonly s;
  private readonly flushTxn: () => JobDeltas;

  constructor(
    private readonly db: Database.Database,
    private readonly job: { id: number; coderId: number },
    private readonly prepared: PreparedCoder,
    private readonly price: ModelPrice | null,
  ) {
    this.cache = new ResponseCache(db);
    this.s = {
      markRunning: db.prepare("UPDATE job_items SET state = 'running' WHERE id = ? AND state = 'pending'"),
      finishItem: db.prepare(
        `UPDATE job_items SET state = ?, attempts = attempts + ?, requests = requests + ?, input_tokens = input_tokens + ?,
           cached_input_tokens = cached_input_tokens + ?, output_tokens = output_tokens + ?,
           cost_usd = CASE WHEN ? IS NULL THEN cost_usd ELSE coalesce(cost_usd, 0) + ? END,
           latency_ms = coalesce(?, latency_ms), cache_hit = ?, error = ?, error_code = ?, updated_at = ?
         WHERE id = ? AND state NOT IN ('done', 'failed')`,
      ),
      output: db.prepare(
        `INSERT INTO llm_outputs (job_id, item_id, coder_id, segment_id, config_hash, model_requested, model_returned, codebook_version_id,
           prompt_hash, temperature, samples, decisions, raw_responses, from_cache, input_tokens, cached_input_tokens, output_tokens, latency_ms, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      label: db.prepare(
        `INSERT INTO labels (segment_id, code_id, coder_id, source, confidence, rationale, evidence, job_id, created_at, updated_at)
         VALUES (?, ?, ?, 'ai', ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ),
      provenance: db.prepare(
        `INSERT INTO label_provenance (label_id, output_id, code_key, confidence, vote_share, votes, samples, rationale, evidence, evidence_found)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      coded: db.prepare(
        `INSERT INTO coded_segments (coder_id, segment_id, codebook_version_id, completed_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (coder_id, segment_id) DO UPDATE SET codebook_version_id = excluded.codebook_version_id, completed_at = excluded.completed_at`,
      ),
      job: db.prepare(
        `UPDATE jobs SET segments_done = segments_done + ?, segments_failed = segments_failed + ?, requests = requests + ?,
           cache_hits = cache_hits + ?, retries = retries + ?, rejected = rejected + ?, rate_limited = rate_limited + ?, labels = labels + ?,
           input_tokens = input_tokens + ?, cached_input_tokens = cached_input_tokens + ?, output_tokens = output_tokens + ?,
           cost_usd = CASE WHEN cost_usd IS NULL THEN NULL ELSE cost_usd + ? END, heartbeat_at = ?, updated_at = ? WHERE id = ?`,
      ),
    };
    this.flushTxn = db.transaction(() => this.writeAll());
  }

  get pending(): number {
    return this.queue.length + this.running.length;
  }

  markRunning(itemId: number): void {
    this.running.push(itemId);
  }

  add(o: ItemOutcome): void {
    this.queue.push(o);
  }

  /** Writes everything queued in one transaction and returns what the job's counters gained. */
  flush(): JobDeltas {
    if (!this.queue.length && !this.running.length) return zeroDeltas();
    return this.flushTxn();
  }

  private writeAll(): JobDeltas {
    const now = new Date().toISOString();
    const total = zeroDeltas();
    for (const id of this.running) this.s.markRunning.run(id);
    this.running = [];
    const batch = this.queue;
    this.queue = [];
    for (const o of batch) {
      const d = this.writeOne(o, now);
      if (d) for (const k of Object.keys(total) as (keyof JobDeltas)[]) total[k] += d[k];
    }
    this.s.job.run(
      total.done,
      total.failed,
      total.requests,
      total.cacheHits,
      total.retries,
      total.rejected,
      total.rateLimited,
      total.labels,
      total.input,
      total.cached,
      total.output,
      total.cost,
      Date.now(),
      now,
      this.job.id,
    );
    return total;
  }

  private writeOne(o: ItemOutcome, now: string): JobDeltas | null {
    const d = zeroDeltas();
    const st = o.stats;
    d.requests = st.requests;
    d.retries = st.retries;
    d.rejected = st.rejected;
    d.rateLimited = st.rateLimited;
    d.input = st.usage.input;
    d.cached = st.usage.cached;
    d.output = st.usage.output;
    const cost = itemCostOf(this.price, st);
    d.cost = cost ?? 0;
    const attempts = o.kind === 'released' ? 0 : 1;
    const state = o.kind === 'done' ? 'done' : o.kind === 'failed' ? 'failed' : 'pending';
    const changed = this.s.finishItem.run(
      state,
      attempts,
      st.requests,
      st.usage.input,
      st.usage.cached,
      st.usage.output,
      cost,
      cost,
      o.kind === 'released' ? null : st.latencyMs,
      o.kind === 'done' && o.fromCache ? 1 : 0,
      o.kind === 'failed' ? o.message : null,
      o.kind === 'failed' ? o.code : null,
      now,
      o.itemId,
    ).changes;
    // finished in an earlier flush or run (or its segment was deleted): writing it again
    // would count it twice. This guard is the item's first write, so nothing is undone.
    if (changed === 0) return null;
    if (o.kind === 'failed') d.failed = 1;
    if (o.kind !== 'done') return d;

    d.done = 1;
    if (o.fromCache) d.cacheHits = 1;
    const p = this.prepared;
    const outputId = Number(
      this.s.output.run(
        this.job.id,
        o.itemId,
        this.job.coderId,
        o.segmentId,
        p.configHash,
        p.config.model,
        o.modelReturned,
        p.codebook.versionId,
        p.promptHash,
        p.config.temperature,
        p.config.samples,
        packDecisions(o.decisions),
        JSON.stringify(o.raw),
        o.fromCache ? 1 : 0,
        o.answerUsage.input,
        o.answerUsage.cached,
        o.answerUsage.output,
        st.latencyMs,
        now,
      ).lastInsertRowid,
    );
    for (const dec of o.decisions) {
      if (!dec.present) continue;
      const codeId = p.codeIdByKey.get(dec.code);
      if (codeId === undefined) continue;
      const res = this.s.label.run(
        o.segmentId,
        codeId,
        this.job.coderId,
        dec.confidence,
        dec.rationale,
        dec.evidence,
        this.job.id,
        now,
        now,
      );
      if (res.changes === 0) continue;
      d.labels++;
      this.s.provenance.run(
        Number(res.lastInsertRowid),
        outputId,
        dec.code,
        dec.confidence,
        dec.voteShare,
        dec.votes,
        dec.samples,
        dec.rationale,
        dec.evidence,
        dec.evidenceFound === null ? null : dec.evidenceFound ? 1 : 0,
      );
    }
    this.s.coded.run(this.job.coderId, o.segmentId, p.codebook.versionId, now);
    if (!o.fromCache && o.cacheKey) {
      this.cache.put(o.cacheKey, p.configHash, outputId);
    }
    return d;
  }
}
