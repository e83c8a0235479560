import type { CSSProperties } from 'react';
import type { LabelView } from '../../../../shared/contract/coding';
import type { SegmentRow } from '../../../../shared/contract/documents';
import { shortcutLabel } from '../../keyboard/shortcuts';
import { useCoding } from '../../stores/coding';
import { coderInitials } from './coderInitials';
import { MemoIcon, QuoteIcon } from './icons';
import { spanText } from './spans';

/** The segment being coded: its codes (with memos) and the passage selected in it. */
export function FocusedSegment({ segment }: { segment: SegmentRow | null }) {
  const labels = useCoding((s) => s.labels);
  const coderId = useCoding((s) => s.coderId);
  const selection = useCoding((s) => s.selection);
  const done = useCoding((s) => (segment ? s.done.includes(segment.id) : false));

  if (!segment) {
    return (
      <section className="focused-segment is-empty" aria-label="Segment being coded">
        <p className="panel-hint">
          Press <kbd>{shortcutLabel('reader.next')}</kbd> or click a segment to start coding it.
        </p>
      </section>
    );
  }
  const here = labels.filter((l) => l.segmentId === segment.id);
  const mine = here.filter((l) => l.coderId === coderId);
  const others = here.filter((l) => l.coderId !== coderId);
  const passage = selection?.segmentId === segment.id ? selection : null;

  return (
    <section className="focused-segment" aria-label="Segment being coded" data-testid="focused-segment">
      <header className="focused-head">
        <span className="focused-title">Segment {segment.index + 1}</span>
        {segment.speaker && <span className="focused-speaker truncate">{segment.speaker}</span>}
        <span className="spacer" />
        {done && mine.length === 0 && <span className="status-pill">coded: none apply</span>}
      </header>
      {passage && (
        <div className="pending-passage" data-testid="pending-passage">
          <QuoteIcon />
          <span className="pending-passage-text" title={passage.text}>
            {passage.text}
          </span>
          <button
            type="button"
            className="icon-button"
            aria-label="Clear the selected passage"
            onClick={() => useCoding.getState().setSelection(null)}
          >
            ×
          </button>
          <span className="pending-passage-hint">The next code applies to this passage.</span>
        </div>
      )}
      {here.length === 0 ? (
        <p className="panel-hint">
          No codes yet: press <kbd>{shortcutLabel('coding.toggleCode')}</kbd>, or <kbd>c</kbd> to search
          {done ? (
            ''
          ) : (
            <>
              , or <kbd>{shortcutLabel('coding.markDone')}</kbd> if none applies
            </>
          )}
          .
        </p>
      ) : (
        <ul className="focused-labels">
          {[...mine, ...others].map((l) => (
            <FocusedLabel key={l.id} label={l} own={l.coderId === coderId} segment={segment} />
          ))}
        </ul>
      )}
    </section>
  );
}

function FocusedLabel({ label, own, segment }: { label: LabelView; own: boolean; segment: SegmentRow }) {
  const quoted = spanText(segment, label.span);
  return (
    <li
      className={own ? 'focused-label' : 'focused-label is-other'}
      style={{ '--code': label.color } as CSSProperties}
      data-testid="focused-label"
    >
      <span className="code-swatch" aria-hidden="true" />
      <div className="focused-label-body">
        <div className="focused-label-name">
          <span className="truncate">{label.codeName}</span>
          {!own && (
            <span className="label-chip-coder" title={label.coderName}>
              {coderInitials(label.coderName)}
            </span>
          )}
        </div>
        {quoted && <q className="focused-label-quote">{quoted}</q>}
        {label.memo && <p className="focused-label-memo">{label.memo}</p>}
      </div>
      <button
        type="button"
        className="icon-button"
        aria-label={own ? `Memo on ${label.codeName}` : `Read the memo on ${label.codeName}`}
        title={own ? `Memo (${shortcutLabel('coding.memo')})` : 'Memo'}
        onClick={(e) => useCoding.getState().openMemo(label.id, e.currentTarget.getBoundingClientRect())}
        data-testid="focused-label-memo"
      >
        <MemoIcon size={14} />
      </button>
      {own && (
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove ${label.codeName}`}
          onClick={() => useCoding.getState().removeLabel(label, segment.index + 1)}
        >
          ×
        </button>
      )}
    </li>
  );
}
