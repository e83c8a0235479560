import {
  countWords,
  DEFAULT_MAX_SEGMENT_CHARS,
  parseTranscript,
  segmentTurns,
  type SegmentDraft,
} from '../import';

// A source from another tool is segmented like an imported transcript, but its text must
// stay byte-for-byte as the tool wrote it (REFI positions count a CRLF as two), while
// the transcript parser works on LF-normalised text. So the parser sees the normalised
// text and every segment offset is mapped back onto the original.

/** Original-text offset of an offset into the text with every CRLF turned into LF. */
export function crlfOffsetMapper(original: string): (normalised: number) => number {
  // normalised positions of the LF of every CRLF pair (the CR is what was removed)
  const removedAt: number[] = [];
  for (let i = original.indexOf('\r\n'); i >= 0; i = original.indexOf('\r\n', i + 2))
    removedAt.push(i - removedAt.length);
  return (n) => {
    let lo = 0;
    let hi = removedAt.length;
    // count the pairs that lie wholly before n: an end offset just before a line break
    // stays before its CR
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (removedAt[mid]! < n) lo = mid + 1;
      else hi = mid;
    }
    return n + lo;
  };
}

/** Speaker-turn segments of a source text, offsets into `text` itself. Empty text → none. */
export function segmentSource(
  text: string,
  format: 'txt' | 'md' = 'txt',
  maxChars = DEFAULT_MAX_SEGMENT_CHARS,
): SegmentDraft[] {
  if (!/\S/u.test(text)) return [];
  const toOriginal = crlfOffsetMapper(text);
  // parseTranscript also turns a lone CR into LF (same length, no shift)
  return segmentTurns(parseTranscript(text, format), { maxChars }).map((s) => {
    const start = toOriginal(s.start);
    const end = toOriginal(s.end);
    const piece = text.slice(start, end);
    return { ...s, start, end, text: piece, words: countWords(piece) };
  });
}

/**
 * REFI does not say how a text was segmented. Codings that cover whole segments (as
 * Concord's own exports do) show it: of the plain-text and Markdown rules, the one
 * whose segments match more coded ranges exactly is used; ties go to plain text.
 */
export function segmentCodedSource(
  text: string,
  coded: readonly { start: number; end: number }[],
): SegmentDraft[] {
  const plain = segmentSource(text, 'txt');
  if (coded.length === 0) return plain;
  const markdown = segmentSource(text, 'md');
  const matches = (segments: SegmentDraft[]) => {
    const bounds = new Set(segments.map((s) => `${s.start}:${s.end}`));
    return coded.filter((c) => bounds.has(`${c.start}:${c.end}`)).length;
  };
  return matches(markdown) > matches(plain) ? markdown : plain;
}
