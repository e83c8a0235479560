import { memo } from 'react';
import type { LabelView } from '../../../../shared/contract/coding';
import type { SegmentRow } from '../../../../shared/contract/documents';
import { formatTimestamp } from '../../format/time';
import { CodingStripes } from '../coding/CodingStripes';
import { CheckIcon } from '../coding/icons';
import { LabelChips } from '../coding/LabelChips';
import { SegmentText } from '../coding/SegmentText';
import type { Range } from '../coding/spans';

interface Props {
  segment: SegmentRow;
  /** first segment of a speaker turn: shows the speaker; continuations do not repeat it */
  turnStart: boolean;
  color: string;
  focused: boolean;
  onFocus(index: number): void;
  /** the labels on this segment that the reader shows (blind mode: the coder's own) */
  labels: readonly LabelView[];
  coderId: number | null;
  showCoders: boolean;
  /** the current coder has coded (or marked) this segment */
  done: boolean;
  /** selected text the next code applies to */
  pending: Range | null;
}

export const SegmentView = memo(function SegmentView({
  segment,
  turnStart,
  color,
  focused,
  onFocus,
  labels,
  coderId,
  showCoders,
  done,
  pending,
}: Props) {
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
      data-segment-id={segment.id}
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
        {done && (
          <span className="segment-done" title="You have coded this segment" data-testid="segment-done">
            <CheckIcon />
          </span>
        )}
      </div>
      <div className="segment-body" style={{ borderLeftColor: color }}>
        {turnStart && segment.speaker && (
          <div className="segment-speaker" style={{ color }} data-testid="segment-speaker">
            {segment.speaker}
          </div>
        )}
        <SegmentText segment={segment} labels={labels} pending={pending} />
        {labels.length > 0 && (
          <LabelChips labels={labels} coderId={coderId} showCoders={showCoders} segmentNumber={number} />
        )}
      </div>
      <CodingStripes labels={labels} coderId={coderId} />
    </div>
  );
});
