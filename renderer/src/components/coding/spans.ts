import type { LabelView } from '../../../../shared/contract/coding';
import type { SegmentRow } from '../../../../shared/contract/documents';

// Evidence spans: labels store UTF-16 offsets into the document text; a segment's text
// is the document text from segment.start to segment.end, so an offset inside the
// segment is segment.start + the offset within segment.text.

export interface Range {
  start: number;
  end: number;
}

export interface TextPiece extends Range {
  text: string;
  /** labels whose span covers this piece */
  labels: LabelView[];
  /** inside the selection the next code will be applied to */
  pending: boolean;
}

/** The segment's text maps 1:1 onto document offsets (it was not rewritten on import). */
export const segmentMapsToDocument = (segment: SegmentRow) =>
  segment.end - segment.start === segment.text.length;

/** A selection within the segment text as a span in document offsets, or null when it is empty. */
export function documentSpan(segment: SegmentRow, within: Range): Range | null {
  const start = Math.max(0, Math.min(within.start, within.end));
  const end = Math.min(segment.text.length, Math.max(within.start, within.end));
  if (end <= start || !segmentMapsToDocument(segment)) return null;
  return { start: segment.start + start, end: segment.start + end };
}

/** A label's span as offsets within its segment's text (clamped), or null for a whole-segment label. */
export function spanWithinSegment(segment: SegmentRow, span: Range | null): Range | null {
  if (!span) return null;
  const start = Math.max(0, span.start - segment.start);
  const end = Math.min(segment.text.length, span.end - segment.start);
  return end > start ? { start, end } : null;
}

/** Cuts the text where highlighted spans start and end; each piece knows which labels cover it. */
export function highlightPieces(
  segment: SegmentRow,
  labels: readonly LabelView[],
  pending: Range | null,
): TextPiece[] {
  const text = segment.text;
  const spans = labels
    .map((l) => ({ label: l, range: spanWithinSegment(segment, l.span) }))
    .filter((s): s is { label: LabelView; range: Range } => s.range !== null);
  if (spans.length === 0 && !pending)
    return [{ text, start: 0, end: text.length, labels: [], pending: false }];
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(s.range.start);
    cuts.add(s.range.end);
  }
  if (pending) {
    cuts.add(Math.max(0, pending.start));
    cuts.add(Math.min(text.length, pending.end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: TextPiece[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    pieces.push({
      text: text.slice(start, end),
      start,
      end,
      labels: spans.filter((s) => s.range.start <= start && s.range.end >= end).map((s) => s.label),
      pending: pending !== null && pending.start <= start && pending.end >= end,
    });
  }
  return pieces;
}

/** The text a span covers, for tooltips and the panel. */
export function spanText(segment: SegmentRow, span: Range | null): string | null {
  const r = spanWithinSegment(segment, span);
  return r ? segment.text.slice(r.start, r.end) : null;
}
