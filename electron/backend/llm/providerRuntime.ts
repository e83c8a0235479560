import type OpenAI from 'openai';
import type { Provider } from '../../../shared/contract/llm';
import type { BackoffPolicy } from './backoff';
import type { FormatLadder } from './formatLadder';
import type { ProviderHealth } from './providerHealth';
import type { RateGate } from './rateGate';

/** Everything the workers of one job share about the provider they talk to. */
export interface ProviderRuntime {
  client: OpenAI;
  provider: Provider;
  model: string;
  temperature: number | null;
  maxOutputTokens: number | null;
  /** stable per configuration (never per run), so the provider's prompt cache is shared */
  promptCacheKey: string;
  apiKey: string;
  gate: RateGate;
  formats: FormatLadder;
  health: ProviderHealth;
  timeoutMs: number;
  backoff: BackoffPolicy;
  /** attempts per call for transient failures and invalid answers (at least 3) */
  maxAttempts: number;
  /** 429s one call may wait out before its segment is given up for this run */
  maxRateLimitWaits: number;
  /** the job's signal: aborted on cancel and on a fatal error */
  signal: AbortSignal;
  /** true once the run takes no more work (pause, budget): requests not yet started give their item back */
  stopping: () => boolean;
  /** a signal for one request, aborted with the job's (one listener per request on a fresh signal is cheap; thousands on one shared signal are not) */
  requestSignal(): { signal: AbortSignal; done(): void };
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

/** setTimeout as a promise that an abort ends early (resolving, the caller checks the signal). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Per-request abort signals that all follow one job signal. */
export function requestSignals(job: AbortSignal): () => { signal: AbortSignal; done(): void } {
  const inflight = new Set<AbortController>();
  job.addEventListener(
    'abort',
    () => {
      for (const c of inflight) c.abort(job.reason);
    },
    { once: true },
  );
  return () => {
    const c = new AbortController();
    if (job.aborted) c.abort(job.reason);
    inflight.add(c);
    return { signal: c.signal, done: () => void inflight.delete(c) };
  };
}
