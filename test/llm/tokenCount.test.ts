import { describe, expect, it } from 'vitest';
import { countTokens } from '../../electron/backend/llm/tokenCount';
import { estimateTokens } from '../../electron/backend/llm/tokenEstimate';

describe('token counts', () => {
  it('counts exactly with o200k_base (values from OpenAI’s tokenizer)', () => {
    // "hello world" is two tokens and " hello world" three in o200k_base / cl100k_base alike
    expect(countTokens('hello world')).toBe(2);
    expect(countTokens('')).toBe(0);
    // a long prompt is counted once and remembered: same answer, and near the 4-chars rule for English
    const prompt = 'Apply the code when the teacher contacts a family one-on-one about learning. '.repeat(
      200,
    );
    const n = countTokens(prompt);
    expect(countTokens(prompt)).toBe(n);
    expect(n / estimateTokens(prompt)).toBeGreaterThan(0.6);
    expect(n / estimateTokens(prompt)).toBeLessThan(1.4);
  });

  it('counts Spanish with accents and emoji without failing', () => {
    expect(countTokens('¡Muy bien hoy! 🌟 La maestra llamó a la señora Paredes.')).toBeGreaterThan(10);
  });
});
