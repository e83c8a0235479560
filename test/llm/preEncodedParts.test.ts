import { describe, expect, it } from 'vitest';
import { PreEncodedParts } from '../../electron/backend/llm/preEncodedParts';

describe('PreEncodedParts', () => {
  it('produces exactly the bytes JSON.stringify would, for prompts with quotes, newlines and non-ASCII', () => {
    const parts = new PreEncodedParts();
    const system = 'Codebook "Family" — ünïcode 🌟\n### a\n\tTabs \\ backslashes \u2028';
    const other = 'second prompt';
    const body = {
      model: 'm',
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: 'hi' },
        { role: 'system', content: other },
      ],
    };
    const wire = {
      ...body,
      messages: body.messages.map((m) =>
        m.role === 'system' ? { ...m, content: parts.token(m.content) } : m,
      ),
    };
    expect(Buffer.concat(parts.encodeParts(JSON.stringify(wire))).toString('utf8')).toBe(
      JSON.stringify(body),
    );
    expect(parts.token(system)).toBe(parts.token(system));
    expect(Buffer.concat(parts.encodeParts('{"plain":true}')).toString()).toBe('{"plain":true}');
  });

  it('refuses a token it does not know rather than send it', () => {
    const parts = new PreEncodedParts();
    const stranger = new PreEncodedParts().token('x');
    expect(() => parts.encodeParts(JSON.stringify({ content: stranger }))).toThrow(/does not know/);
  });
});
