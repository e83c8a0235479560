export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000 };

/**
 * Delay before retry number `retry` (1-based): exponential with "equal jitter" (half
 * fixed, half random) so many workers that failed together do not retry together. A
 * server's retry-after wins when it asks for longer; a little jitter is still added.
 */
export function backoffDelay(
  retry: number,
  policy: BackoffPolicy,
  retryAfter: number | null,
  random: () => number = Math.random,
): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, retry - 1));
  const jittered = exp / 2 + (random() * exp) / 2;
  if (retryAfter == null) return Math.round(jittered);
  return Math.round(
    Math.max(retryAfter + random() * Math.min(1000, retryAfter * 0.1), Math.min(jittered, policy.maxMs)),
  );
}
