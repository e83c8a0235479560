import { memo } from 'react';
import type { SegmentRow } from '../../../../shared/contract/documents';
import { formatTimestamp } from '../../format/time';

interface Props {
  segment: SegmentRow;
  /** first segment of a speaker turn: shows the speaker; continuations do not repeat it */
  turnStart: boolean;
  color: string;
  focused: boolean;
  onFocus(index: number): void;
}

export const SegmentView = memo(function SegmentView({ segment, turnStart, color, focused, onFocus }: Props) {
  const classes = ['segment', turnStart ? 'turn-start' : 'turn-cont', focused && 'is-focused']
    .filter(Boolean)
    .join(' ');
  const number = segment.index + 1;
  return (
    <div
      role="listitem"
      className={classes}
      aria-current={focused || undefined}
      aria-label={`Segment ${number}${segment.speaker ? `, ${segment.speaker}` : ''}`}
      onClick={() => onFocus(segment.index)}
      data-testid="segment"
      data-segment-index={segment.index}
    >
      <div className="segment-gutter">
        <span className="segment-number" title={`Segment ${number}`}>
          {number}
        </span>
        {segment.timeStart !== null && (
          <span className="segment-time" data-testid="segment-time">
            {formatTimestamp(segment.timeStart)}
          </span>
        )}
      </div>
      <div className="segment-body" style={{ borderLeftColor: color }}>
        {turnStart && segment.speaker && (
          <div className="segment-speaker" style={{ color }} data-testid="segment-speaker">
            {segment.speaker}
          </div>
        )}
        <p className="segment-text">{segment.text}</p>
      </div>
    </div>
  );
});
