import { mulberry32, streamSeed } from '../../../shared/agreement/prng';

/**
 * A simple random sample of `size` ids without replacement, in the order drawn
 * (partial Fisher–Yates over the ids sorted ascending, so the same candidates and
 * seed always give the same sample, whatever order they were read in). The draw order
 * is the audit queue's order, so any prefix of it is itself a simple random sample:
 * a half-finished audit still estimates without bias.
 */
export function drawAuditSample(candidates: readonly number[], size: number, seed: number): number[] {
  const pool = [...new Set(candidates)].sort((a, b) => a - b);
  const n = Math.min(size, pool.length);
  const random = mulberry32(streamSeed(seed, 'review-audit'));
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, n);
}
