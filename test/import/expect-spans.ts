import { expect } from 'vitest';
import type { ParsedDocument, SegmentDraft } from '../../electron/backend/import/types';

// The invariants every parsed document and its segments must keep, whatever the format:
// spans inside the text, trimmed, in order, and a segment's text exactly its slice.

export function expectValidSpans(doc: ParsedDocument): void {
  let previousEnd = 0;
  for (const turn of doc.turns) {
    expect(turn.start).toBeGreaterThanOrEqual(previousEnd);
    expect(turn.end).toBeGreaterThanOrEqual(turn.start);
    expect(turn.end).toBeLessThanOrEqual(doc.text.length);
    const content = doc.text.slice(turn.start, turn.end);
    expect(content).toBe(content.trim());
    expect(isSplitSurrogate(doc.text, turn.start) || isSplitSurrogate(doc.text, turn.end)).toBe(false);
    previousEnd = turn.end;
  }
}

export function expectValidSegments(doc: ParsedDocument, segments: SegmentDraft[]): void {
  segments.forEach((s, i) => {
    expect(s.index).toBe(i);
    expect(s.text).toBe(doc.text.slice(s.start, s.end));
    expect(s.text.length).toBeGreaterThan(0);
    expect(s.text).toBe(s.text.trim());
    expect(isSplitSurrogate(doc.text, s.start) || isSplitSurrogate(doc.text, s.end)).toBe(false);
    const turn = doc.turns[s.turnIndex];
    expect(turn).toBeDefined();
    expect(s.start).toBeGreaterThanOrEqual(turn?.start ?? Infinity);
    expect(s.end).toBeLessThanOrEqual(turn?.end ?? -1);
    expect(s.speaker).toBe(turn?.speaker);
    const next = segments[i + 1];
    if (next) expect(next.start).toBeGreaterThanOrEqual(s.end);
  });
}

/** The turns as [speaker, content] pairs, for readable expectations. */
export const turnTexts = (doc: ParsedDocument): [string | null, string][] =>
  doc.turns.map((t) => [t.speaker, doc.text.slice(t.start, t.end)]);

function isSplitSurrogate(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}
