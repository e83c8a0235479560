import type { JobView } from '../../../shared/contract/llm';
import type { ItemOutcome } from './itemOutcome';

/**
 * The job's figures while it runs: what the database held at the start plus every
 * outcome so far (committed or still queued for the writer), for progress events.
 * After the final flush they equal the database's.
 */
export class LiveCounters {
  done: number;
  failed: number;
  requests: number;
  cacheHits: number;
  retries: number;
  rejected: number;
  rateLimited: number;
  input: number;
  cached: number;
  output: number;
  cost: number | null;
  runRequests = 0;
  runCacheHits = 0;
  runFinished = 0;
  /** items being worked on (taken, not yet finished): what the budget guard expects to pay for */
  inFlight = 0;
  private readonly startedAt = performance.now();

  constructor(
    row: Pick<
      JobView,
      | 'segmentsDone'
      | 'failed'
      | 'requests'
      | 'cacheHits'
      | 'retries'
      | 'rejected'
      | 'rateLimited'
      | 'inputTokens'
      | 'cachedInputTokens'
      | 'outputTokens'
      | 'costUsd'
    >,
    readonly total: number,
  ) {
    this.done = row.segmentsDone;
    this.failed = row.failed;
    this.requests = row.requests;
    this.cacheHits = row.cacheHits;
    this.retries = row.retries;
    this.rejected = row.rejected;
    this.rateLimited = row.rateLimited;
    this.input = row.inputTokens;
    this.cached = row.cachedInputTokens;
    this.output = row.outputTokens;
    this.cost = row.costUsd;
  }

  add(o: ItemOutcome, itemCost: number | null): void {
    const s = o.stats;
    this.requests += s.requests;
    this.runRequests += s.requests;
    this.retries += s.retries;
    this.rejected += s.rejected;
    this.rateLimited += s.rateLimited;
    this.input += s.usage.input;
    this.cached += s.usage.cached;
    this.output += s.usage.output;
    if (this.cost !== null && itemCost !== null) this.cost += itemCost;
    if (o.kind === 'done') {
      this.done++;
      this.runFinished++;
      if (o.fromCache) {
        this.cacheHits++;
        this.runCacheHits++;
      }
    } else if (o.kind === 'failed') {
      this.failed++;
      this.runFinished++;
    }
  }

  get elapsedSeconds(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  get rate(): number | null {
    const t = this.elapsedSeconds;
    return t > 0.5 && this.runFinished > 0 ? this.runFinished / t : null;
  }

  get eta(): number | null {
    const r = this.rate;
    const left = this.total - this.done - this.failed;
    return r ? Math.max(0, left / r) : null;
  }
}
