import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { NO_SPEAKER_COLOR, speakerColors } from '../../format/speakerColor';
import { useReader } from '../../stores/reader';
import { SegmentView } from './SegmentView';

/**
 * The transcript as speaker turns. Virtualized: only the segments near the viewport
 * are in the DOM, each measured after render since turn lengths vary widely.
 */
export function SegmentList() {
  const segments = useReader((s) => s.segments);
  const focusedIndex = useReader((s) => s.focusedIndex);
  const loading = useReader((s) => s.loading);
  const focus = useReader((s) => s.focus);
  const scrollRef = useRef<HTMLDivElement>(null);
  const colors = useMemo(() => speakerColors(segments.map((s) => s.speaker)), [segments]);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: segments.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    overscan: 8,
    getItemKey: (i) => segments[i]?.id ?? i,
  });

  useEffect(() => {
    if (focusedIndex !== null) virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
  }, [focusedIndex, virtualizer]);

  if (segments.length === 0 && !loading) {
    return (
      <div className="empty-state" data-testid="segments-empty">
        <p>This document has no segments.</p>
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      className="segment-scroll"
      tabIndex={0}
      aria-label="Transcript (j and k move between segments)"
      data-testid="segment-list"
    >
      <div
        className="virtual-sizer"
        role="list"
        aria-label="Transcript segments"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const seg = segments[item.index]!;
          const prev = item.index > 0 ? segments[item.index - 1] : undefined;
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
                turnStart={!prev || prev.turn !== seg.turn}
                color={(seg.speaker !== null && colors.get(seg.speaker)) || NO_SPEAKER_COLOR}
                focused={item.index === focusedIndex}
                onFocus={focus /* segment.index is its position: pages load in order */}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
