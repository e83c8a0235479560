import { backoffDelay } from './backoff';
import { sendChat, type ChatMessage, type ChatReply, type ChatUsage } from './chatClient';
import { classifyError, redactSecrets, type FatalCode } from './providerErrors';
import type { ProviderRuntime } from './providerRuntime';
import { validateAnswer, type InvalidKind, type SampleDecision } from './validateAnswer';

export interface CallStats {
  requests: number;
  retries: number;
  rejected: number;
  rateLimited: number;
  usage: ChatUsage;
  latencyMs: number;
}

export type CallResult =
  | { ok: true; decisions: SampleDecision[]; raw: string; model: string | null; stats: CallStats }
  | { ok: false; stop: 'fatal'; code: FatalCode; message: string; stats: CallStats }
  | { ok: false; stop: 'aborted'; stats: CallStats }
  | { ok: false; stop: 'failed'; code: string; message: string; stats: CallStats };

// A refused answer says nothing about the provider's load: retry it soon, with a
// short jittered pause so a model that answered badly is not asked again at once.
const INVALID_ANSWER_BACKOFF = (p: { baseMs: number }) => ({ baseMs: Math.min(p.baseMs, 50), maxMs: 500 });

// read through a call: TypeScript would keep the narrowing from before an await
const fatalNow = (rt: ProviderRuntime) => rt.health.fatal;

export const emptyStats = (): CallStats => ({
  requests: 0,
  retries: 0,
  rejected: 0,
  rateLimited: 0,
  usage: { input: 0, cached: 0, output: 0 },
  latencyMs: 0,
});

const REPAIR = (problem: string) =>
  `That answer was not valid: ${problem}. Answer again with the JSON object only, deciding exactly the codes listed, using only those code ids.`;

function addReply(stats: CallStats, r: ChatReply): void {
  stats.usage.input += r.usage.input;
  stats.usage.cached += r.usage.cached;
  stats.usage.output += r.usage.output;
  stats.latencyMs += r.latencyMs;
}

/**
 * Asks the model for one call's codes on one segment (one sample), until a valid
 * answer arrives or the call has to give up. Every transient failure and every
 * refused answer (malformed, truncated, off-schema, codes outside the call) costs an
 * attempt; a 429 does not (the gate waits it out), nor does stepping down to a JSON
 * mode the server supports. Without a JSON schema, a refused answer first gets one
 * repair request that shows the model its answer and the problem.
 */
export async function decideCall(
  rt: ProviderRuntime,
  call: { system: string; codes: readonly string[] },
  user: string,
  segmentText: string,
): Promise<CallResult> {
  const stats = emptyStats();
  const base: ChatMessage[] = [
    { role: 'system', content: call.system },
    { role: 'user', content: user },
  ];
  let messages = base;
  let attempts = 0;
  let rateWaits = 0;
  let repaired = false;
  const giveUp = (code: string, message: string): CallResult => ({
    ok: false,
    stop: 'failed',
    code,
    message: redactSecrets(message, rt.apiKey),
    stats,
  });

  for (;;) {
    if (rt.signal.aborted) return { ok: false, stop: 'aborted', stats };
    if (rt.health.fatal) return { ok: false, stop: 'fatal', ...rt.health.fatal, stats };
    const format = rt.formats.current;
    try {
      await rt.gate.acquire(rt.signal);
    } catch {
      return { ok: false, stop: 'aborted', stats };
    }
    // the wait may have outlasted the run: a fatal failure, a cancel or a pause meanwhile
    // means this request is not sent (a paused item goes back to pending)
    const fatal = fatalNow(rt);
    if (rt.signal.aborted || fatal || rt.stopping()) {
      rt.gate.release();
      return fatal ? { ok: false, stop: 'fatal', ...fatal, stats } : { ok: false, stop: 'aborted', stats };
    }
    let reply: ChatReply;
    stats.requests++;
    const req = rt.requestSignal();
    try {
      reply = await sendChat(
        rt.client,
        {
          model: rt.model,
          messages,
          format,
          codeIds: call.codes,
          temperature: rt.temperature,
          maxOutputTokens: rt.maxOutputTokens,
          provider: rt.provider,
          promptCacheKey: rt.promptCacheKey,
        },
        { signal: req.signal, timeoutMs: rt.timeoutMs },
      );
    } catch (e) {
      req.done();
      rt.gate.release();
      const f = classifyError(e);
      if (f.kind === 'aborted' || rt.signal.aborted) return { ok: false, stop: 'aborted', stats };
      const message = redactSecrets(f.message, rt.apiKey);
      if (f.kind === 'fatal') {
        rt.health.trip(f.code, message);
        return { ok: false, stop: 'fatal', code: f.code, message, stats };
      }
      if (f.kind === 'rate_limited') {
        stats.rateLimited++;
        stats.retries++;
        rt.gate.onRateLimited(f.retryAfterMs ?? backoffDelay(rateWaits + 1, rt.backoff, null, rt.random));
        if (++rateWaits > rt.maxRateLimitWaits)
          return giveUp('rate_limited', `still rate limited after ${rateWaits} waits: ${message}`);
        continue;
      }
      if (f.kind === 'unsupported_format') {
        if (!rt.formats.downgrade(format)) {
          rt.health.trip('bad_request', `the server refused the answer format ${format}: ${message}`);
          return { ok: false, stop: 'fatal', code: 'bad_request', message, stats };
        }
        stats.retries++;
        continue;
      }
      if (f.kind === 'item') {
        if (f.code === 'bad_request') rt.health.onBadRequest(message);
        return giveUp(f.code, message);
      }
      if (f.code === 'connection') rt.health.onConnectionFailure(message);
      if (++attempts >= rt.maxAttempts)
        return giveUp(f.code, `gave up after ${attempts} attempts: ${message}`);
      stats.retries++;
      await rt.sleep(backoffDelay(attempts, rt.backoff, f.retryAfterMs, rt.random), rt.signal);
      continue;
    }
    req.done();
    rt.gate.release();
    rt.gate.onSuccess(reply.rate);
    rt.health.onSuccess();
    addReply(stats, reply);

    const v: { ok: true; decisions: SampleDecision[] } | { ok: false; kind: InvalidKind; message: string } =
      reply.finishReason === 'length'
        ? { ok: false, kind: 'truncated', message: 'the answer was cut off (finish_reason length)' }
        : validateAnswer(reply.content, call.codes, segmentText);
    if (v.ok)
      return { ok: true, decisions: v.decisions, raw: reply.content ?? '', model: reply.model, stats };
    stats.rejected++;
    const problem = `${v.kind}: ${v.message}`;
    if (format !== 'json_schema' && !repaired && v.kind !== 'truncated' && v.kind !== 'empty') {
      repaired = true;
      messages = [
        ...base,
        { role: 'assistant', content: (reply.content ?? '').slice(0, 20_000) },
        { role: 'user', content: REPAIR(v.message) },
      ];
      stats.retries++;
      continue;
    }
    messages = base;
    if (++attempts >= rt.maxAttempts) return giveUp(v.kind, `gave up after ${attempts} attempts: ${problem}`);
    stats.retries++;
    await rt.sleep(backoffDelay(attempts, INVALID_ANSWER_BACKOFF(rt.backoff), null, rt.random), rt.signal);
  }
}
