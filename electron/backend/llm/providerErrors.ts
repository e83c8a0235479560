import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { retryAfterMs } from './rateHeaders';

// What a failed request means for the job. Auth, permission, unknown model and
// exhausted quota stop the whole job at once (every other request would fail the
// same way and burn the queue); rate limits slow down; server errors, timeouts and
// invalid content are retried with backoff; a segment the model cannot take (too
// long, refused by a content filter) fails alone.

export type FatalCode =
  'auth' | 'permission' | 'model_not_found' | 'quota' | 'bad_request' | 'unreachable' | 'no_key';

export type RequestFailure =
  | { kind: 'fatal'; code: FatalCode; message: string }
  | { kind: 'rate_limited'; retryAfterMs: number | null; message: string }
  | {
      kind: 'transient';
      code: 'server' | 'timeout' | 'connection' | 'unknown';
      retryAfterMs: number | null;
      message: string;
    }
  | { kind: 'unsupported_format'; message: string }
  | { kind: 'item'; code: 'context_length' | 'content_filter' | 'bad_request'; message: string }
  | { kind: 'aborted'; message: string };

const bodyText = (e: APIError): string => {
  const err = e.error as { message?: unknown } | undefined;
  return typeof err?.message === 'string' ? err.message : e.message;
};

const CONTEXT =
  /context[_ ]length|maximum context|context window|too many tokens|prompt is too long|exceeds the context/i;
const FORMAT = /response_format|json_schema|structured output|json mode|json_object|guided/i;
const FILTER = /content[_ ]filter|content management policy|invalid_prompt|safety/i;

export function classifyError(e: unknown): RequestFailure {
  if (e instanceof APIUserAbortError) return { kind: 'aborted', message: 'cancelled' };
  if (e instanceof APIConnectionTimeoutError)
    return { kind: 'transient', code: 'timeout', retryAfterMs: null, message: 'the request timed out' };
  if (e instanceof APIConnectionError) {
    const cause = (e.cause as { code?: string; message?: string } | undefined) ?? undefined;
    const detail = cause?.code ?? cause?.message ?? e.message;
    return {
      kind: 'transient',
      code: 'connection',
      retryAfterMs: null,
      message: `cannot reach the provider (${detail})`,
    };
  }
  if (e instanceof APIError) {
    const status = e.status ?? 0;
    const text = bodyText(e);
    const code = e.code ?? '';
    const type = e.type ?? '';
    const msg = `${status} ${text}`.trim();
    if (status === 401)
      return { kind: 'fatal', code: 'auth', message: `the provider rejected the API key (401): ${text}` };
    if (status === 403)
      return { kind: 'fatal', code: 'permission', message: `the provider denied access (403): ${text}` };
    if (status === 404) {
      return {
        kind: 'fatal',
        code: 'model_not_found',
        message: `the provider does not know this model or endpoint (404): ${text}`,
      };
    }
    if (status === 429) {
      if (code === 'insufficient_quota' || type === 'insufficient_quota' || /quota|billing/i.test(text)) {
        return {
          kind: 'fatal',
          code: 'quota',
          message: `the provider account has no quota left (429 insufficient_quota): ${text}`,
        };
      }
      return {
        kind: 'rate_limited',
        retryAfterMs: retryAfterMs(e.headers),
        message: `rate limited (429): ${text}`,
      };
    }
    if (status === 400 || status === 422) {
      if (code === 'context_length_exceeded' || CONTEXT.test(text)) {
        return {
          kind: 'item',
          code: 'context_length',
          message: `the segment and prompt exceed the model's context window: ${text}`,
        };
      }
      if (code === 'content_filter' || FILTER.test(text))
        return {
          kind: 'item',
          code: 'content_filter',
          message: `refused by the provider's content filter: ${text}`,
        };
      if (FORMAT.test(text)) return { kind: 'unsupported_format', message: text };
      return { kind: 'item', code: 'bad_request', message: `the provider refused the request (${msg})` };
    }
    if (status === 408 || status === 409 || status >= 500) {
      return {
        kind: 'transient',
        code: 'server',
        retryAfterMs: retryAfterMs(e.headers),
        message: `provider error ${msg}`,
      };
    }
    return { kind: 'transient', code: 'unknown', retryAfterMs: null, message: `provider error ${msg}` };
  }
  const err = e as Error;
  if (err?.name === 'AbortError') return { kind: 'aborted', message: 'cancelled' };
  return { kind: 'transient', code: 'unknown', retryAfterMs: null, message: err?.message ?? String(e) };
}

/** Removes anything key-like from a message before it is stored or shown. */
export function redactSecrets(message: string, key: string | null): string {
  let out = message;
  if (key && key.length >= 6) out = out.split(key).join('[redacted]');
  return out.replace(/\b(sk-[A-Za-z0-9_-]{4})[A-Za-z0-9_*-]{8,}/g, '$1…[redacted]').slice(0, 2000);
}
