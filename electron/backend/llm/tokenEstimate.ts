// Token counts. The cost preview counts exactly with OpenAI's o200k_base tokenizer
// (js-tiktoken; the GPT-4o/4.1/5 family); other models' tokenizers differ by a few
// per cent, which the preview says. Hot paths (the per-item context-window guard, a
// fallback when a server reports no usage) use the fast rule of thumb of ~4
// characters per token. Actual usage is always taken from the provider's answer.
import { getEncoding, type Tiktoken } from 'js-tiktoken';

export const TOKENIZER_NAME = 'o200k_base (js-tiktoken); approximate for other model families';

const CHARS_PER_TOKEN = 4;

let encoder: Tiktoken | null = null;
// the codebook system prompt is counted once per job, not once per segment
const longTextCounts = new Map<string, number>();
const LONG_TEXT = 4000;
const MAX_REMEMBERED = 16;

/** Exact token count with o200k_base. */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  const remembered = text.length >= LONG_TEXT ? longTextCounts.get(text) : undefined;
  if (remembered !== undefined) return remembered;
  encoder ??= getEncoding('o200k_base');
  const n = encoder.encode(text).length;
  if (text.length >= LONG_TEXT) {
    if (longTextCounts.size >= MAX_REMEMBERED) longTextCounts.delete(longTextCounts.keys().next().value!);
    longTextCounts.set(text, n);
  }
  return n;
}

/** Fast approximate count (~4 characters per token) for hot paths. */
export function estimateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** Tokens for a number of characters, when only lengths are known (SQL sums). */
export function estimateTokensFromChars(chars: number): number {
  return chars <= 0 ? 0 : Math.ceil(chars / CHARS_PER_TOKEN);
}

/** Overhead of the chat format per message (role markers), as OpenAI documents it. */
export const TOKENS_PER_MESSAGE = 4;
