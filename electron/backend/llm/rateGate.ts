import type { RateLimitState } from './rateHeaders';

/**
 * Adaptive admission for requests to one provider. Concurrency starts at the job's
 * limit; a 429 halves it (at most once a second: the requests in flight together get
 * their 429s together) and pauses everyone until the retry-after has passed, and each
 * run of successes a quarter as long as the current limit adds one slot back (AIMD, as
 * TCP does). Rate-limit headers pause before the provider has to refuse: when the
 * remaining requests or tokens run out, nobody starts until the window resets.
 */
export class RateGate {
  private limit: number;
  private inFlight = 0;
  private pausedUntil = 0;
  private successStreak = 0;
  private waiters: (() => void)[] = [];
  private lastDecrease = -Infinity;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly maxConcurrency: number,
    private readonly now: () => number = Date.now,
  ) {
    this.limit = maxConcurrency;
  }

  get currentLimit(): number {
    return this.limit;
  }

  get active(): number {
    return this.inFlight;
  }

  /** ms until requests may start again (0 when not paused) */
  get pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /** Resolves when a request may start; rejects when the signal aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (this.canStart()) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.waiters = this.waiters.filter((w) => w !== admit);
        reject(signal?.reason ?? new Error('aborted'));
      };
      const admit = () => {
        signal?.removeEventListener('abort', onAbort);
        this.inFlight++;
        resolve();
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(admit);
      this.schedule();
    });
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.wake();
  }

  onSuccess(rate: RateLimitState | null): void {
    if (++this.successStreak >= Math.ceil(this.limit / 4) && this.limit < this.maxConcurrency) {
      this.limit++;
      this.successStreak = 0;
    }
    if (rate) {
      if (rate.remainingRequests === 0 && rate.resetRequestsMs) this.pause(rate.resetRequestsMs);
      if (rate.remainingTokens === 0 && rate.resetTokensMs) this.pause(rate.resetTokensMs);
    }
    this.wake();
  }

  onRateLimited(waitMs: number | null): void {
    // requests that were in flight together get their 429s together: one halving per second
    if (this.now() - this.lastDecrease >= 1000) {
      this.limit = Math.max(1, Math.ceil(this.limit / 2));
      this.lastDecrease = this.now();
    }
    this.successStreak = 0;
    this.pause(waitMs ?? 1000);
  }

  private pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.min(ms, 120_000));
    this.schedule();
  }

  private canStart(): boolean {
    return this.inFlight < this.limit && this.now() >= this.pausedUntil && this.waiters.length === 0;
  }

  private wake(): void {
    while (this.waiters.length && this.inFlight < this.limit && this.now() >= this.pausedUntil)
      this.waiters.shift()!();
    if (this.waiters.length) this.schedule();
  }

  private schedule(): void {
    const wait = this.pausedUntil - this.now();
    if (wait <= 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wake();
    }, wait);
  }
}
