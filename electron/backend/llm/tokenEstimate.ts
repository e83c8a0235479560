// Token estimates for hot paths (the per-item context-window guard, a fallback when a
// server reports no usage): the rule of thumb of ~4 characters per token. The cost
// preview counts exactly (tokenCount.ts); actual usage is always the provider's.

const CHARS_PER_TOKEN = 4;

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
