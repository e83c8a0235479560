import type { CodeDecision } from '../../../shared/contract/llm';
import { decideCall, type CallResult } from '../llm/decideCall';
import type { PreparedCoder } from '../llm/preparedCoder';
import type { ProviderRuntime } from '../llm/providerRuntime';
import { cacheKeyOf, type ResponseCache } from '../llm/responseCache';
import { estimateTokens, TOKENS_PER_MESSAGE } from '../llm/tokenEstimate';
import { renderUserMessage } from '../llm/userMessage';
import { majorityVote } from '../llm/vote';
import { zeroStats, type ItemOutcome, type ItemStats } from './itemOutcome';
import type { SegmentReader } from './segmentReader';

export interface ItemContext {
  prepared: PreparedCoder;
  rt: ProviderRuntime;
  segments: SegmentReader;
  /** null: do not read the cache (--no-cache); answers are still stored */
  cache: ResponseCache | null;
}

const absentDecisions = (codes: readonly string[], why: string): CodeDecision[] =>
  codes.map((code) => ({
    code,
    present: false,
    voteShare: 0,
    votes: 0,
    samples: 0,
    confidence: null,
    rationale: why,
    evidence: '',
    evidenceFound: null,
  }));

function addStats(into: ItemStats, r: CallResult): void {
  into.requests += r.stats.requests;
  into.retries += r.stats.retries;
  into.rejected += r.stats.rejected;
  into.rateLimited += r.stats.rateLimited;
  into.usage.input += r.stats.usage.input;
  into.usage.cached += r.stats.usage.cached;
  into.usage.output += r.stats.usage.output;
  into.latencyMs = Math.max(into.latencyMs, r.stats.latencyMs);
}

/**
 * Codes one segment: from the response cache when the same question was answered
 * under the same configuration, else one request per call and sample (run side by
 * side; the rate gate bounds what is really in flight), validated and combined by
 * majority vote. Never throws for provider trouble: every end is an outcome.
 */
export async function labelItem(
  ctx: ItemContext,
  item: { id: number; segmentId: number },
): Promise<ItemOutcome> {
  const stats = zeroStats();
  const base = { itemId: item.id, segmentId: item.segmentId };
  const seg = ctx.segments.get(item.segmentId);
  if (!seg)
    return {
      kind: 'failed',
      ...base,
      code: 'missing_segment',
      message: 'the segment no longer exists',
      stats,
    };
  const { prepared, rt } = ctx;
  if (!seg.text.trim()) {
    return {
      kind: 'done',
      ...base,
      decisions: absentDecisions(prepared.codeKeys, 'empty segment: nothing to code, no request sent'),
      raw: [],
      modelReturned: null,
      stats,
      fromCache: false,
      answerUsage: { input: 0, cached: 0, output: 0 },
      cacheKey: null,
    };
  }
  const user = renderUserMessage(seg, seg.before, seg.after);
  const cacheKey = cacheKeyOf(prepared.configHash, user);
  const hit = ctx.cache?.get(cacheKey);
  if (hit) {
    return {
      kind: 'done',
      ...base,
      decisions: hit.decisions,
      raw: hit.raw,
      modelReturned: hit.modelReturned,
      stats,
      fromCache: true,
      answerUsage: hit.usage,
      cacheKey,
    };
  }
  const window = prepared.config.contextWindowTokens;
  if (window) {
    const longest =
      Math.max(...prepared.calls.map((c) => estimateTokens(c.system))) +
      estimateTokens(user) +
      2 * TOKENS_PER_MESSAGE;
    if (longest + (prepared.config.maxOutputTokens ?? 0) > window) {
      return {
        kind: 'failed',
        ...base,
        code: 'context_length',
        message: `the prompt (about ${longest} tokens) exceeds the model's context window (${window}); no request sent`,
        stats,
      };
    }
  }

  const samples = prepared.config.samples;
  const jobs = prepared.calls.flatMap((call) =>
    Array.from({ length: samples }, () => ({ call, result: decideCall(rt, call, user, seg.text) })),
  );
  const results = await Promise.all(jobs.map((j) => j.result));
  for (const r of results) addStats(stats, r);

  const fatal = results.find((r): r is Extract<CallResult, { stop: 'fatal' }> => !r.ok && r.stop === 'fatal');
  if (fatal) return { kind: 'released', ...base, stats, fatal: { code: fatal.code, message: fatal.message } };
  if (results.some((r) => !r.ok && r.stop === 'aborted'))
    return { kind: 'released', ...base, stats, fatal: null };
  const failed = results.find(
    (r): r is Extract<CallResult, { stop: 'failed' }> => !r.ok && r.stop === 'failed',
  );
  if (failed) return { kind: 'failed', ...base, code: failed.code, message: failed.message, stats };

  const decisions: CodeDecision[] = [];
  const raw: string[] = [];
  let modelReturned: string | null = null;
  prepared.calls.forEach((call, ci) => {
    const mine = results.slice(ci * samples, (ci + 1) * samples) as Extract<CallResult, { ok: true }>[];
    decisions.push(
      ...majorityVote(
        call.codes,
        mine.map((r) => r.decisions),
      ),
    );
    for (const r of mine) {
      raw.push(r.raw);
      modelReturned ??= r.model;
    }
  });
  return {
    kind: 'done',
    ...base,
    decisions,
    raw,
    modelReturned,
    stats,
    fromCache: false,
    answerUsage: { ...stats.usage },
    cacheKey,
  };
}
