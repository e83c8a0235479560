import { describe, expect, it } from 'vitest';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { backoffDelay } from '../../electron/backend/llm/backoff';
import { FormatLadder } from '../../electron/backend/llm/formatLadder';
import { classifyError, redactSecrets } from '../../electron/backend/llm/providerErrors';
import { ProviderHealth } from '../../electron/backend/llm/providerHealth';
import { RateGate } from '../../electron/backend/llm/rateGate';
import { parseDuration, readRateLimit, retryAfterMs } from '../../electron/backend/llm/rateHeaders';

const headers = (h: Record<string, string>) => new Headers(h);
const apiError = (status: number, body: object, h: Record<string, string> = {}) =>
  APIError.generate(status, body, undefined, headers(h));

describe('rate-limit headers', () => {
  it.each([
    ['1s', 1000],
    ['6m0s', 360_000],
    ['20ms', 20],
    ['1h2m3.5s', 3_723_500],
    ['2', 2000],
    ['soon', null],
    ['', null],
  ])('parseDuration(%s) = %s', (t, ms) => expect(parseDuration(t)).toBe(ms));

  it('reads remaining and reset, and retry-after in ms, seconds or as a date', () => {
    expect(
      readRateLimit(
        headers({
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': '250ms',
          'x-ratelimit-remaining-tokens': '900',
        }),
      ),
    ).toEqual({
      remainingRequests: 0,
      remainingTokens: 900,
      resetRequestsMs: 250,
      resetTokensMs: null,
    });
    expect(retryAfterMs(headers({ 'retry-after-ms': '150', 'retry-after': '9' }))).toBe(150);
    expect(retryAfterMs(headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(headers({ 'retry-after': new Date(10_000).toUTCString() }), 4000)).toBe(6000);
    expect(retryAfterMs(headers({}))).toBeNull();
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter, caps, and honours a longer retry-after', () => {
    const p = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelay(1, p, null, () => 0)).toBe(50);
    expect(backoffDelay(1, p, null, () => 1)).toBe(100);
    expect(backoffDelay(3, p, null, () => 1)).toBe(400);
    expect(backoffDelay(10, p, null, () => 1)).toBe(1000);
    expect(backoffDelay(1, p, 5000, () => 0)).toBe(5000);
    expect(backoffDelay(1, p, 5000, () => 1)).toBeLessThanOrEqual(5500);
  });
});

describe('classifyError', () => {
  it.each([
    [apiError(401, { error: { message: 'bad key' } }), 'fatal', 'auth'],
    [apiError(403, { error: { message: 'no' } }), 'fatal', 'permission'],
    [
      apiError(404, { error: { message: 'The model x does not exist', code: 'model_not_found' } }),
      'fatal',
      'model_not_found',
    ],
    [
      apiError(429, { error: { message: 'quota', type: 'insufficient_quota', code: 'insufficient_quota' } }),
      'fatal',
      'quota',
    ],
    [
      apiError(429, { error: { message: 'slow down', code: 'rate_limit_exceeded' } }, { 'retry-after': '3' }),
      'rate_limited',
      undefined,
    ],
    [
      apiError(400, {
        error: { message: 'maximum context length is 8192 tokens', code: 'context_length_exceeded' },
      }),
      'item',
      'context_length',
    ],
    [
      apiError(400, { error: { message: 'response_format json_schema is not supported' } }),
      'unsupported_format',
      undefined,
    ],
    [apiError(400, { error: { message: 'temperature must be 1' } }), 'item', 'bad_request'],
    [apiError(500, { error: { message: 'oops' } }), 'transient', 'server'],
    [apiError(503, { error: { message: 'overloaded' } }), 'transient', 'server'],
    [new APIConnectionTimeoutError(), 'transient', 'timeout'],
    [
      new APIConnectionError({
        message: 'refused',
        cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
      }),
      'transient',
      'connection',
    ],
    [new APIUserAbortError(), 'aborted', undefined],
    [new SyntaxError('Unexpected end of JSON input'), 'transient', 'unknown'],
  ])('%#: %s', (e, kind, code) => {
    const f = classifyError(e);
    expect(f.kind).toBe(kind);
    if (code) expect((f as { code?: string }).code).toBe(code);
  });

  it('keeps the retry-after of a rate limit, and redacts keys', () => {
    const f = classifyError(apiError(429, { error: { message: 'slow' } }, { 'retry-after': '3' }));
    expect(f).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    expect(redactSecrets('key sk-abcdefghijklmnop1234 and my-secret-key', 'my-secret-key')).toBe(
      'key sk-abcd…[redacted] and [redacted]',
    );
  });
});

describe('RateGate', () => {
  it('admits up to the limit, halves on a 429 (once a second), pauses for the retry-after, and grows back', async () => {
    let now = 0;
    const gate = new RateGate(4, () => now);
    for (let i = 0; i < 4; i++) await gate.acquire();
    let admitted = false;
    const waiting = gate.acquire().then(() => (admitted = true));
    await Promise.resolve();
    expect(admitted).toBe(false);
    gate.release();
    await waiting;
    expect(admitted).toBe(true);
    for (let i = 0; i < 4; i++) gate.release();
    gate.onRateLimited(100);
    gate.onRateLimited(100);
    expect(gate.currentLimit).toBe(2);
    expect(gate.pausedFor).toBe(100);
    now = 2000;
    gate.onRateLimited(0);
    expect(gate.currentLimit).toBe(1);
    for (let i = 0; i < 10; i++) gate.onSuccess(null);
    expect(gate.currentLimit).toBe(4);
  });

  it('pauses when the headers say no requests are left, and an abort ends the wait', async () => {
    const gate = new RateGate(2);
    gate.onSuccess({
      remainingRequests: 0,
      remainingTokens: null,
      resetRequestsMs: 60_000,
      resetTokensMs: null,
    });
    expect(gate.pausedFor).toBeGreaterThan(59_000);
    const ac = new AbortController();
    const p = gate.acquire(ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
  });
});

describe('FormatLadder and ProviderHealth', () => {
  it('steps down from json_schema to json_object to text only in auto mode', () => {
    const auto = new FormatLadder('auto');
    expect(auto.current).toBe('json_schema');
    expect(auto.downgrade('json_schema')).toBe(true);
    expect(auto.downgrade('json_schema')).toBe(true);
    expect(auto.current).toBe('json_object');
    expect(auto.downgrade('json_object')).toBe(true);
    expect(auto.current).toBe('text');
    expect(auto.downgrade('text')).toBe(false);
    expect(new FormatLadder('json_schema').downgrade('json_schema')).toBe(false);
  });

  it('trips on a run of connection failures without success, and on repeated bad requests', () => {
    const trips: string[] = [];
    const h = new ProviderHealth(
      (code) => trips.push(code),
      () => 0,
    );
    for (let i = 0; i < 5; i++) h.onConnectionFailure('refused');
    expect(h.fatal).toBeNull();
    h.onSuccess();
    for (let i = 0; i < 10; i++) h.onConnectionFailure('refused');
    expect(h.fatal).toBeNull(); // a recent success: a blip, not a dead server
    const h2 = new ProviderHealth((code) => trips.push(code));
    for (let i = 0; i < 6; i++) h2.onConnectionFailure('refused');
    for (let i = 0; i < 5; i++) h2.onBadRequest('bad');
    expect(trips).toEqual(['unreachable']);
    expect(h2.fatal?.code).toBe('unreachable');
  });
});
