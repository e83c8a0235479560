import { countWords } from './count-words';
import { isSpace, trimSpanEnd, trimSpanStart } from './trim-span';
import type { ParsedDocument, SegmentDraft } from './types';

// Segments are what coders (human and AI) label: one per speaker turn, with long turns cut
// at sentence boundaries so that a label points at a passage a reader can take in.

export const DEFAULT_MAX_SEGMENT_CHARS = 1200;

// ICU's sentence rules barely depend on the locale; a fixed one keeps segmentation the
// same on every machine.
const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });
// V8's Segmenter is quadratic in the length of the string it is given, so long turns are
// fed to it in windows (the last, possibly cut, sentence of a window is re-read).
const MIN_WINDOW = 4000;

type Span = [start: number, end: number];

export function segmentTurns(doc: ParsedDocument, opts: { maxChars?: number } = {}): SegmentDraft[] {
  const maxChars = Math.max(2, Math.floor(opts.maxChars ?? DEFAULT_MAX_SEGMENT_CHARS));
  const { text } = doc;
  const segments: SegmentDraft[] = [];
  doc.turns.forEach((turn, turnIndex) => {
    const start = trimSpanStart(text, turn.start, turn.end);
    const end = trimSpanEnd(text, start, turn.end);
    if (start >= end) return;
    const spans: Span[] =
      end - start <= maxChars ? [[start, end]] : packSentences(text, start, end, maxChars);
    for (const [s, e] of spans) {
      const piece = text.slice(s, e);
      segments.push({
        index: segments.length,
        turnIndex,
        speaker: turn.speaker,
        start: s,
        end: e,
        text: piece,
        words: countWords(piece),
        timeStart: turn.timeStart,
        timeEnd: turn.timeEnd,
      });
    }
  });
  return segments;
}

/** Greedily packs whole sentences into spans of at most `maxChars`. */
function packSentences(text: string, start: number, end: number, maxChars: number): Span[] {
  const out: Span[] = [];
  let current: Span | null = null;
  for (const [a, b] of sentenceSpans(text, start, end, maxChars)) {
    if (current && b - current[0] <= maxChars) {
      current[1] = b;
      continue;
    }
    if (current) out.push(current);
    current = b - a <= maxChars ? [a, b] : splitLongSentence(text, a, b, maxChars, out);
  }
  if (current) out.push(current);
  return out;
}

/** Pushes `maxChars` pieces of an overlong sentence, cut at whitespace; returns the rest. */
function splitLongSentence(text: string, start: number, end: number, maxChars: number, out: Span[]): Span {
  let a = start;
  while (end - a > maxChars) {
    let cut = a + maxChars;
    while (cut > a && !isSpace(text.charCodeAt(cut))) cut--;
    if (cut > a) {
      out.push([a, trimSpanEnd(text, a, cut)]);
      a = trimSpanStart(text, cut, end);
      continue;
    }
    // No whitespace within the limit (a URL, a long unspaced script): cut hard, but never
    // between the two halves of a surrogate pair.
    cut = a + maxChars;
    if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
    if (cut <= a) cut = a + 2;
    out.push([a, cut]);
    a = trimSpanStart(text, cut, end);
  }
  return [a, end];
}

/** Trimmed, non-empty sentence spans of `text[start, end)`. */
function* sentenceSpans(text: string, start: number, end: number, maxChars: number): Generator<Span> {
  const window = Math.max(MIN_WINDOW, maxChars * 2);
  let pos = start;
  while (pos < end) {
    let windowEnd = Math.min(end, pos + window);
    if (windowEnd < end && isHighSurrogate(text.charCodeAt(windowEnd - 1))) windowEnd--;
    const pieces: Span[] = [];
    for (const s of SENTENCES.segment(text.slice(pos, windowEnd)))
      pieces.push([pos + s.index, pos + s.index + s.segment.length]);
    // The window's last sentence may continue past it: read it again in the next window,
    // unless it is the only one (a sentence longer than the window is cut anyway).
    if (windowEnd < end && pieces.length > 1) pieces.pop();
    for (const [a, b] of pieces) {
      const s = trimSpanStart(text, a, b);
      const e = trimSpanEnd(text, s, b);
      if (s < e) yield [s, e];
    }
    pos = pieces[pieces.length - 1]?.[1] ?? windowEnd;
  }
}

const isHighSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
