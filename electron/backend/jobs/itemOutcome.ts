import type { CodeDecision } from '../../../shared/contract/llm';
import type { ChatUsage } from '../llm/chatClient';

/** Requests and refusals one item cost, whatever its end. */
export interface ItemStats {
  requests: number;
  retries: number;
  rejected: number;
  rateLimited: number;
  /** tokens actually spent for this job (zero for a cache hit) */
  usage: ChatUsage;
  latencyMs: number;
  /** answered through the Batch API (priced at its discount) */
  batchPriced?: boolean;
}

export type ItemOutcome =
  | {
      kind: 'done';
      itemId: number;
      segmentId: number;
      decisions: CodeDecision[];
      raw: string[];
      modelReturned: string | null;
      stats: ItemStats;
      fromCache: boolean;
      /** tokens of the answer itself (for a cache hit: what it cost when first asked) */
      answerUsage: ChatUsage;
      /** null: nothing to cache (an empty segment) */
      cacheKey: string | null;
    }
  | { kind: 'failed'; itemId: number; segmentId: number; code: string; message: string; stats: ItemStats }
  /** back to pending: the run stopped (cancel, fatal provider error) before the item finished */
  | {
      kind: 'released';
      itemId: number;
      segmentId: number;
      stats: ItemStats;
      fatal: { code: string; message: string } | null;
    };

export const zeroStats = (): ItemStats => ({
  requests: 0,
  retries: 0,
  rejected: 0,
  rateLimited: 0,
  usage: { input: 0, cached: 0, output: 0 },
  latencyMs: 0,
});
