import type { AiCoderConfig } from '../../../shared/contract/llm';
import { DEFAULT_BACKOFF, type BackoffPolicy } from '../llm/backoff';
import { createClient } from '../llm/chatClient';
import { FormatLadder } from '../llm/formatLadder';
import type { FatalCode } from '../llm/providerErrors';
import { ProviderHealth } from '../llm/providerHealth';
import { abortableSleep, requestSignals, type ProviderRuntime } from '../llm/providerRuntime';
import { RateGate } from '../llm/rateGate';

export interface RequestPolicy {
  concurrency: number;
  /** per request */
  timeoutMs: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  maxRateLimitWaits: number;
  random: () => number;
}

export const DEFAULT_POLICY: RequestPolicy = {
  concurrency: 8,
  timeoutMs: 120_000,
  maxAttempts: 6,
  backoff: DEFAULT_BACKOFF,
  maxRateLimitWaits: 30,
  random: Math.random,
};

export function createRuntime(
  config: AiCoderConfig,
  configHash: string,
  apiKey: string,
  policy: RequestPolicy,
  signal: AbortSignal,
  onTrip: (code: FatalCode, message: string) => void,
  stopping: () => boolean = () => false,
): ProviderRuntime {
  return {
    client: createClient(config.provider, apiKey, policy.timeoutMs),
    provider: config.provider,
    model: config.model,
    temperature: config.temperature,
    maxOutputTokens: config.maxOutputTokens,
    promptCacheKey: `concord-${configHash.slice(0, 24)}`,
    apiKey,
    gate: new RateGate(policy.concurrency),
    formats: new FormatLadder(config.structuredOutput),
    health: new ProviderHealth(onTrip),
    timeoutMs: policy.timeoutMs,
    backoff: policy.backoff,
    maxAttempts: Math.max(3, policy.maxAttempts),
    maxRateLimitWaits: policy.maxRateLimitWaits,
    signal,
    stopping,
    requestSignal: requestSignals(signal),
    sleep: abortableSleep,
    random: policy.random,
  };
}
