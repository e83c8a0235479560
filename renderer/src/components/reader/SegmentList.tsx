import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { LabelView } from '../../../../shared/contract/coding';
import { NO_SPEAKER_COLOR, speakerColors } from '../../format/speakerColor';
import { useCoding } from '../../stores/coding';
import { useReader } from '../../stores/reader';
import { readSegmentSelection } from '../coding/textSelection';
import { SegmentView } from './SegmentView';

export const SEGMENT_LIST_ID = 'segment-list';
const NO_LABELS: readonly LabelView[] = [];

/**
 * The transcript as speaker turns. Virtualized: only the segments near the viewport
 * are in the DOM, each measured after render since turn lengths vary widely. While a
 * code filter is on, only the segments it found are listed.
 */
export function SegmentList() {
  const segments = useReader((s) => s.segments);
  const focusedIndex = useReader((s) => s.focusedIndex);
  const visibleIndices = useReader((s) => s.visibleIndices);
  const loading = useReader((s) => s.loading);
  const focus = useReader((s) => s.focus);
  const labels = useCoding((s) => s.labels);
  const coderId = useCoding((s) => s.coderId);
  const blind = useCoding((s) => s.blind);
  const done = useCoding((s) => s.done);
  const selection = useCoding((s) => s.selection);
  const scrollRef = useRef<HTMLDivElement>(null);
  const colors = useMemo(() => speakerColors(segments.map((s) => s.speaker)), [segments]);

  const bySegment = useMemo(() => {
    const map = new Map<number, LabelView[]>();
    for (const l of labels) {
      const list = map.get(l.segmentId);
      if (list) list.push(l);
      else map.set(l.segmentId, [l]);
    }
    return map;
  }, [labels]);
  const doneSet = useMemo(() => new Set(done), [done]);
  const showCoders = useMemo(() => !blind && new Set(labels.map((l) => l.coderId)).size > 1, [blind, labels]);

  const rowCount = visibleIndices ? visibleIndices.length : segments.length;
  const segmentAt = (row: number) => segments[visibleIndices ? visibleIndices[row]! : row];
  const focusedRow =
    focusedIndex === null ? -1 : visibleIndices ? visibleIndices.indexOf(focusedIndex) : focusedIndex;

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    overscan: 8,
    getItemKey: (i) => segmentAt(i)?.id ?? i,
  });

  useEffect(() => {
    if (focusedRow >= 0) virtualizer.scrollToIndex(focusedRow, { align: 'auto' });
  }, [focusedRow, virtualizer]);

  // text selected inside a segment becomes the passage the next code applies to
  const captureSelection = () => {
    const sel = readSegmentSelection(window.getSelection());
    const coding = useCoding.getState();
    if (!sel) {
      if (coding.selection) coding.setSelection(null);
      return;
    }
    coding.setSelection(sel);
    // the pending highlight shows it from now on; the browser's own selection would be
    // left pointing into text nodes that re-render
    window.getSelection()?.removeAllRanges();
    const seg = segments.find((s) => s.id === sel.segmentId);
    if (seg) focus(seg.index);
  };

  if (segments.length === 0 && !loading) {
    return (
      <div className="empty-state" data-testid="segments-empty">
        <p>This document has no segments.</p>
      </div>
    );
  }
  if (visibleIndices && visibleIndices.length === 0) {
    return (
      <div className="empty-state segment-filter-empty" data-testid="segments-filtered-empty">
        <p>No segment of this document has that code.</p>
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      id={SEGMENT_LIST_ID}
      className="segment-scroll"
      tabIndex={0}
      aria-label="Transcript (j and k move between segments)"
      data-testid="segment-list"
      onMouseUp={captureSelection}
      onKeyUp={(e) => {
        if (e.shiftKey) captureSelection();
      }}
    >
      <div
        className="virtual-sizer"
        role="list"
        aria-label="Transcript segments"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const seg = segmentAt(item.index)!;
          const prev = item.index > 0 ? segmentAt(item.index - 1) : undefined;
          const filteredGap = visibleIndices !== null && prev !== undefined && prev.index !== seg.index - 1;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="virtual-item"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <SegmentView
                segment={seg}
                turnStart={!prev || prev.turn !== seg.turn || filteredGap}
                color={(seg.speaker !== null && colors.get(seg.speaker)) || NO_SPEAKER_COLOR}
                focused={seg.index === focusedIndex}
                onFocus={focus /* segment.index is its position: pages load in order */}
                labels={bySegment.get(seg.id) ?? NO_LABELS}
                coderId={coderId}
                showCoders={showCoders}
                done={doneSet.has(seg.id)}
                pending={selection?.segmentId === seg.id ? selection : null}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
