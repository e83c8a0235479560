import type { CSSProperties } from 'react';
import type { LabelView } from '../../../../shared/contract/coding';
import type { SegmentRow } from '../../../../shared/contract/documents';
import { highlightPieces, type Range } from './spans';

interface Props {
  segment: SegmentRow;
  labels: readonly LabelView[];
  /** the selection the next code will be applied to */
  pending: Range | null;
}

/** Evidence spans as highlighter strokes; overlapping codes share the stroke in bands. */
function markStyle(labels: readonly LabelView[]): CSSProperties {
  const colors = [...new Set(labels.map((l) => l.color))];
  if (colors.length === 1) return { '--mark': colors[0] } as CSSProperties;
  const band = 100 / colors.length;
  const stops = colors.map(
    (c, i) => `color-mix(in srgb, ${c} 26%, transparent) ${i * band}% ${(i + 1) * band}%`,
  );
  return {
    '--mark': colors[0],
    backgroundImage: `linear-gradient(to bottom, ${stops.join(', ')})`,
  } as CSSProperties;
}

/**
 * The segment's text; `data-segment-text` marks the element whose text content is
 * exactly segment.text, so selections inside it map to offsets (see textSelection.ts).
 */
export function SegmentText({ segment, labels, pending }: Props) {
  const pieces = highlightPieces(segment, labels, pending);
  return (
    <p className="segment-text" data-segment-text={segment.id}>
      {pieces.map((p) =>
        p.labels.length === 0 && !p.pending ? (
          p.text
        ) : (
          <mark
            key={p.start}
            className={p.pending ? 'code-mark is-pending' : 'code-mark'}
            style={p.labels.length ? markStyle(p.labels) : undefined}
            title={
              p.labels.map((l) => `${l.codeName} — ${l.coderName}`).join('\n') ||
              'Selected: the next code applies to this passage'
            }
            data-testid={p.pending ? 'pending-span' : 'evidence-span'}
          >
            {p.text}
          </mark>
        ),
      )}
    </p>
  );
}
