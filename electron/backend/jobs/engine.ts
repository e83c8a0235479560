import type Database from 'better-sqlite3';
import { setMaxListeners } from 'node:events';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { JobStatus, JobView, ModelPrice } from '../../../shared/contract/llm';
import type { PreparedCoder } from '../llm/preparedCoder';
import { ResponseCache } from '../llm/responseCache';
import { ItemQueue } from './itemQueue';
import { zeroStats, type ItemOutcome } from './itemOutcome';
import { ItemWriter, itemCostOf } from './itemWriter';
import { claimJob, finishJob, getJobRow, jobView } from './jobStore';
import { labelItem, type ItemContext } from './labelItem';
import { LiveCounters } from './liveCounters';
import type { ActiveRun } from './registry';
import { createRuntime, type RequestPolicy } from './runtimeFactory';
import { SegmentReader } from './segmentReader';

export interface RunSettings extends RequestPolicy {
  /** read the response cache (answers are stored either way) */
  useCache: boolean;
  /** retry items that failed in an earlier run (a resume does) */
  retryFailed: boolean;
  actor: string;
  price: ModelPrice | null;
  /** expected cost of one segment, for the budget guard before real costs are known */
  estimatedItemCostUsd: number | null;
  onProgress?: (v: JobView) => void;
  flushSize?: number;
  flushIntervalMs?: number;
  progressIntervalMs?: number;
}

type StopReason =
  { reason: 'pause' | 'cancel' | 'budget' } | { reason: 'fatal'; code: string; message: string };

const HEARTBEAT_MS = 10_000;

/**
 * More workers than request slots: the rate gate keeps `concurrency` requests in
 * flight, and the extra workers wait at it with their next item already prepared
 * (segment read, prompt rendered, cache checked), so a slot that frees is refilled at
 * once instead of after the finished answer has been validated and the next item read.
 */
const workerCount = (concurrency: number) =>
  Math.max(1, concurrency) + Math.ceil(Math.max(1, concurrency) / 4);
// a burst of synchronous work (cache hits, a flush) gives the event loop a turn this often
const YIELD_EVERY_MS = 8;

/**
 * One run of a labeling job in this process. `concurrency` workers take pending
 * items in order, code them (cache, requests, validation, vote) and hand the
 * outcome to the writer, which commits batches of items atomically per item. Pause
 * stops taking items and lets requests in flight finish; cancel also aborts them (they
 * go back to pending); a fatal provider error does the same and fails the run; the
 * budget guard stops taking items before the spend would pass the cap.
 */
export class JobRun implements ActiveRun {
  readonly done: Promise<JobView>;
  private stop: StopReason | null = null;
  private readonly controller = new AbortController();
  private readonly live: LiveCounters;
  private readonly writer: ItemWriter;
  private readonly queue: ItemQueue;
  private readonly ctx: ItemContext;
  private lastHeartbeat = Date.now();
  private finished: JobView | null = null;
  private flushError: Error | null = null;
  private budget: number | null;
  /** time spent committing items (SQLite, with whatever triggers the schema runs), for benchmarks */
  readonly timings = { flushMs: 0, flushes: 0 };
  private readonly startCost: number;

  constructor(
    private readonly db: Database.Database,
    readonly jobId: number,
    private readonly prepared: PreparedCoder,
    apiKey: string,
    private readonly settings: RunSettings,
  ) {
    // backoff sleeps and gate waiters of every worker listen to the job's signal
    setMaxListeners(0, this.controller.signal);
    const row = claimJob(db, jobId, { retryFailed: settings.retryFailed });
    this.budget = row.budget_usd;
    this.startCost = row.cost_usd ?? 0;
    this.live = new LiveCounters(jobView(db, row), row.segments_total);
    this.writer = new ItemWriter(db, { id: jobId, coderId: row.coder_id }, prepared, settings.price);
    this.queue = new ItemQueue(db, jobId);
    const rt = createRuntime(
      prepared.config,
      prepared.configHash,
      apiKey,
      settings,
      this.controller.signal,
      (code, message) => {
        this.requestStop({ reason: 'fatal', code, message });
        this.controller.abort();
      },
      () => this.stop !== null,
    );
    this.ctx = {
      prepared,
      rt,
      segments: new SegmentReader(db, prepared.config.contextTurns),
      cache:
        settings.useCache && ResponseCache.holdsAny(db, prepared.configHash) ? new ResponseCache(db) : null,
    };
    this.done = this.run();
  }

  pause(): void {
    this.requestStop({ reason: 'pause' });
  }

  cancel(): void {
    this.requestStop({ reason: 'cancel' });
    this.controller.abort();
  }

  get stopping(): boolean {
    return this.stop !== null;
  }

  view(): JobView {
    if (this.finished) return this.finished;
    const l = this.live;
    const base = jobView(this.db, getJobRow(this.db, this.jobId), {
      runRequests: l.runRequests,
      runCacheHits: l.runCacheHits,
      // requests on the wire (items being worked on can be more: see workerCount)
      inFlight: this.ctx.rt.gate.active,
      segmentsPerSecond: l.rate,
      etaSeconds: l.eta,
    });
    return {
      ...base,
      segmentsDone: l.done,
      failed: l.failed,
      requests: l.requests,
      cacheHits: l.cacheHits,
      retries: l.retries,
      rejected: l.rejected,
      rateLimited: l.rateLimited,
      inputTokens: l.input,
      cachedInputTokens: l.cached,
      outputTokens: l.output,
      costUsd: l.cost,
    };
  }

  private requestStop(s: StopReason): void {
    // a fatal error outranks a pause that came first: the run must say why it failed
    if (!this.stop || (s.reason === 'fatal' && this.stop.reason !== 'fatal')) this.stop = s;
  }

  /** A new cap for the running job (the caller has stored it). */
  setBudget(usd: number | null): void {
    this.budget = usd;
  }

  private overBudget(): boolean {
    const budget = this.budget;
    const spent = this.live.cost;
    if (budget === null || spent === null) return false;
    const l = this.live;
    const perItem =
      l.runFinished > 0
        ? Math.max(0, (spent - this.startCost) / l.runFinished)
        : (this.settings.estimatedItemCostUsd ?? 0);
    return spent + l.inFlight * perItem >= budget;
  }

  private flush(): void {
    if (this.flushError) return;
    try {
      if (this.writer.pending > 0) {
        const t0 = performance.now();
        this.writer.flush();
        this.timings.flushMs += performance.now() - t0;
        this.timings.flushes++;
        this.lastHeartbeat = Date.now();
      } else if (Date.now() - this.lastHeartbeat > HEARTBEAT_MS) {
        this.db.prepare('UPDATE jobs SET heartbeat_at = ? WHERE id = ?').run(Date.now(), this.jobId);
        this.lastHeartbeat = Date.now();
      }
    } catch (e) {
      // the project was closed or the disk is full: nothing more can be recorded
      this.flushError = e as Error;
      this.requestStop({
        reason: 'fatal',
        code: 'storage',
        message: `cannot write to the project: ${(e as Error).message}`,
      });
      this.controller.abort();
    }
  }

  private async worker(): Promise<void> {
    const flushSize = this.settings.flushSize ?? 64;
    let lastYield = performance.now();
    while (!this.stop) {
      if (this.overBudget()) {
        this.requestStop({ reason: 'budget' });
        break;
      }
      const item = this.queue.next();
      if (!item) break;
      this.live.inFlight++;
      this.writer.markRunning(item.id);
      let out: ItemOutcome;
      try {
        out = await labelItem(this.ctx, item);
      } catch (e) {
        // a bug or a closed project, not the provider: stop the run, keep the item pending
        const fatal = { code: 'internal', message: `internal error: ${(e as Error).message}` };
        out = { kind: 'released', itemId: item.id, segmentId: item.segmentId, stats: zeroStats(), fatal };
      }
      this.live.inFlight--;
      this.live.add(out, itemCostOf(this.settings.price, out.stats));
      this.writer.add(out);
      if (out.kind === 'released' && out.fatal) this.requestStop({ reason: 'fatal', ...out.fatal });
      if (this.writer.pending >= flushSize) this.flush();
      if (performance.now() - lastYield > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
    }
  }

  private emitProgress(): void {
    if (!this.settings.onProgress) return;
    try {
      this.settings.onProgress(this.view());
    } catch {
      // a listener's failure must not stop the job
    }
  }

  private async run(): Promise<JobView> {
    const flushTimer = setInterval(() => this.flush(), this.settings.flushIntervalMs ?? 200);
    const progressTimer = setInterval(() => this.emitProgress(), this.settings.progressIntervalMs ?? 250);
    try {
      await Promise.all(Array.from({ length: workerCount(this.settings.concurrency) }, () => this.worker()));
    } finally {
      clearInterval(flushTimer);
      clearInterval(progressTimer);
    }
    this.flush();
    if (this.flushError) {
      this.finished = {
        ...this.view(),
        status: 'failed',
        lastError: this.stop && 'message' in this.stop ? this.stop.message : this.flushError.message,
        lastErrorCode: 'storage',
      };
      return this.finished;
    }
    const { status, error } = this.outcome();
    const row = finishJob(this.db, this.jobId, status, error, this.settings.actor);
    this.finished = jobView(this.db, row, {
      runRequests: this.live.runRequests,
      runCacheHits: this.live.runCacheHits,
      inFlight: 0,
      segmentsPerSecond: this.live.rate,
      etaSeconds: null,
    });
    this.emitProgress();
    return this.finished;
  }

  private outcome(): { status: JobStatus; error: { code: string; message: string } | null } {
    const s = this.stop;
    if (s?.reason === 'fatal') return { status: 'failed', error: { code: s.code, message: s.message } };
    if (s?.reason === 'cancel') return { status: 'cancelled', error: null };
    if (s?.reason === 'pause') return { status: 'paused', error: null };
    const row = getJobRow(this.db, this.jobId);
    const left = this.db
      .prepare("SELECT count(*) FROM job_items WHERE job_id = ? AND state IN ('pending', 'running')")
      .pluck()
      .get(this.jobId) as number;
    // the cap was reached with the last segment: nothing is left, so the job is complete
    if (s?.reason === 'budget' && left > 0) {
      const spent = row.cost_usd ?? 0;
      return {
        status: 'budget_exceeded',
        error: {
          code: 'budget',
          message: `the budget of $${row.budget_usd} is reached ($${spent.toFixed(4)} spent); raise it to continue`,
        },
      };
    }
    if (row.segments_failed > 0) {
      return {
        status: 'failed',
        error: {
          code: 'items_failed',
          message: `${row.segments_failed} segment(s) failed; see the job's failures`,
        },
      };
    }
    return left > 0 ? { status: 'paused', error: null } : { status: 'completed', error: null };
  }
}
