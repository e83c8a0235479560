// Exact token counts for the cost preview, with OpenAI's o200k_base tokenizer
// (js-tiktoken; the GPT-4o/4.1/5 family); other models' tokenizers differ by a few
// per cent, which the preview says. Kept apart from tokenEstimate.ts so code on hot
// paths (the request path of a labeling job) does not load the tokenizer's tables.
import { getEncoding, type Tiktoken } from 'js-tiktoken';

export const TOKENIZER_NAME = 'o200k_base (js-tiktoken); approximate for other model families';

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
