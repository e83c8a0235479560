import OpenAI from 'openai';
import type { Provider } from '../../../shared/contract/llm';
import { responseFormat, type ResponseFormatKind } from './answerSchema';
import { createHttpFetch } from './httpFetch';
import { baseUrlOf } from './provider';
import { readRateLimit, type RateLimitState } from './rateHeaders';
import { PreEncodedParts } from './preEncodedParts';
import { estimateTokens } from './tokenEstimate';

export interface ChatUsage {
  input: number;
  cached: number;
  output: number;
}

export interface ChatReply {
  content: string | null;
  finishReason: string | null;
  /** the model name the provider reports (may be a dated snapshot of the one asked for) */
  model: string | null;
  usage: ChatUsage;
  rate: RateLimitState;
  latencyMs: number;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  format: ResponseFormatKind;
  codeIds: readonly string[];
  temperature: number | null;
  maxOutputTokens: number | null;
  provider: Provider;
  /** OpenAI routes requests with the same key to the same prompt cache */
  promptCacheKey?: string;
}

// Each client's prepared system prompts (see preEncodedParts.ts).
const partsOf = new WeakMap<OpenAI, PreEncodedParts>();

/**
 * The SDK client for a provider. Retries are ours (maxRetries 0): the engine needs to
 * see every 429 and every failure to adapt its rate and count attempts. Its fetch
 * sends bodies as bytes, with the prepared system prompts spliced in (the SDK would
 * re-encode the codebook for every request), over keep-alive node:http (httpFetch.ts).
 */
export function createClient(provider: Provider, apiKey: string, timeoutMs: number): OpenAI {
  const parts = new PreEncodedParts();
  const fetchBytes = createHttpFetch(fetch, (body) => parts.encodeParts(body));
  const client = new OpenAI({
    apiKey,
    baseURL: baseUrlOf(provider),
    maxRetries: 0,
    timeout: timeoutMs,
    fetch: fetchBytes,
  });
  partsOf.set(client, parts);
  return client;
}

const zeroIfMissing = (n: number | null | undefined) =>
  typeof n === 'number' && Number.isFinite(n) ? n : null;

/** The request body of a chat completion (also one line of a Batch API file). */
export function chatBody(req: ChatRequest) {
  const format = responseFormat(req.format, req.codeIds);
  const isOpenAi = req.provider.kind === 'openai';
  return {
    model: req.model,
    messages: req.messages,
    ...(format ? { response_format: format } : {}),
    ...(req.temperature !== null ? { temperature: req.temperature } : {}),
    // older OpenAI-compatible servers only know max_tokens
    ...(req.maxOutputTokens
      ? isOpenAi
        ? { max_completion_tokens: req.maxOutputTokens }
        : { max_tokens: req.maxOutputTokens }
      : {}),
    ...(isOpenAi && req.promptCacheKey ? { prompt_cache_key: req.promptCacheKey } : {}),
  };
}

/** The parts of a completion the engine uses, from the SDK or from a Batch API result line. */
export function readCompletion(
  data: Pick<OpenAI.Chat.Completions.ChatCompletion, 'choices' | 'model' | 'usage'>,
  req: Pick<ChatRequest, 'messages'>,
  rate: RateLimitState,
  latencyMs: number,
): ChatReply {
  const choice = data.choices?.[0];
  const content = choice?.message?.content ?? null;
  const u = data.usage;
  const input =
    zeroIfMissing(u?.prompt_tokens) ?? req.messages.reduce((s, m) => s + estimateTokens(m.content), 0);
  return {
    content,
    finishReason: choice?.finish_reason ?? null,
    model: typeof data.model === 'string' ? data.model : null,
    usage: {
      input,
      cached: zeroIfMissing(u?.prompt_tokens_details?.cached_tokens) ?? 0,
      output: zeroIfMissing(u?.completion_tokens) ?? estimateTokens(content ?? ''),
    },
    rate,
    latencyMs,
  };
}

/** One chat completion with the answer format asked for. Throws the SDK's errors. */
export async function sendChat(
  client: OpenAI,
  req: ChatRequest,
  opts: { signal?: AbortSignal; timeoutMs: number },
): Promise<ChatReply> {
  const t0 = performance.now();
  const parts = partsOf.get(client);
  const messages = parts
    ? req.messages.map((m) => (m.role === 'system' ? { ...m, content: parts.token(m.content) } : m))
    : req.messages;
  const { data, response } = await client.chat.completions
    .create(chatBody({ ...req, messages }), { signal: opts.signal, timeout: opts.timeoutMs })
    .withResponse();
  return readCompletion(data, req, readRateLimit(response.headers), Math.round(performance.now() - t0));
}
