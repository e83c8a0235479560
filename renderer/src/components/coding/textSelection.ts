import type { Range as TextRange } from './spans';

const TEXT_SELECTOR = '[data-segment-text]';

export interface SegmentSelection extends TextRange {
  segmentId: number;
  text: string;
}

const elementOf = (node: Node): Element | null => (node instanceof Element ? node : node.parentElement);

/**
 * The browser selection as offsets within one segment's text. A selection that runs on
 * into later segments is cut at the end of the segment it starts in.
 */
export function readSegmentSelection(selection: Selection | null): SegmentSelection | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const range = selection.getRangeAt(0);
  const textEl = elementOf(range.startContainer)?.closest<HTMLElement>(TEXT_SELECTOR);
  if (!textEl) return null;
  const segmentId = Number(textEl.dataset.segmentText);
  const before = document.createRange();
  before.selectNodeContents(textEl);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const full = textEl.textContent ?? '';
  let end = full.length;
  if (textEl.contains(range.endContainer)) {
    const upto = document.createRange();
    upto.selectNodeContents(textEl);
    upto.setEnd(range.endContainer, range.endOffset);
    end = upto.toString().length;
  }
  return trimmed(segmentId, full, start, end);
}

/** Leading and trailing whitespace is not evidence; a selection of only whitespace is none. */
function trimmed(segmentId: number, full: string, start: number, end: number): SegmentSelection | null {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(full[s]!)) s++;
  while (e > s && /\s/.test(full[e - 1]!)) e--;
  if (e <= s || !Number.isFinite(segmentId)) return null;
  return { segmentId, start: s, end: e, text: full.slice(s, e) };
}
