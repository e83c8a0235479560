// Reading a provider's rate-limit signals. OpenAI sends
// x-ratelimit-{limit,remaining,reset}-{requests,tokens}, where reset is a duration
// such as "1s", "6m0s" or "120ms"; a 429 carries retry-after (seconds or an HTTP
// date) and, from OpenAI, retry-after-ms.

export interface RateLimitState {
  remainingRequests: number | null;
  remainingTokens: number | null;
  resetRequestsMs: number | null;
  resetTokensMs: number | null;
}

export interface HeaderSource {
  get(name: string): string | null;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "6m0s" → 360000; "1.5s" → 1500; "20ms" → 20; a bare number is seconds. */
export function parseDuration(text: string | null | undefined): number | null {
  if (!text) return null;
  const t = text.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return Math.round(Number(t) * 1000);
  // the common single-unit forms, without the general parser (this runs on every response)
  const single = /^(\d+(?:\.\d+)?)(ms|s)$/.exec(t);
  if (single) return Math.round(Number(single[1]) * UNIT_MS[single[2]!]!);
  const parts = [...t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join('') !== t) return null;
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0));
}

const intHeader = (h: HeaderSource, name: string): number | null => {
  const v = h.get(name);
  if (v == null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

export function readRateLimit(h: HeaderSource): RateLimitState {
  return {
    remainingRequests: intHeader(h, 'x-ratelimit-remaining-requests'),
    remainingTokens: intHeader(h, 'x-ratelimit-remaining-tokens'),
    resetRequestsMs: parseDuration(h.get('x-ratelimit-reset-requests')),
    resetTokensMs: parseDuration(h.get('x-ratelimit-reset-tokens')),
  };
}

/** How long a 429 (or 503) asks us to wait, or null when it does not say. */
export function retryAfterMs(h: HeaderSource | null | undefined, now = Date.now()): number | null {
  if (!h) return null;
  const ms = h.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const ra = h.get('retry-after');
  if (!ra) return null;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Math.max(0, Number(ra) * 1000);
  const at = Date.parse(ra);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}
