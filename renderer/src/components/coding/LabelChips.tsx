import type { CSSProperties } from 'react';
import type { LabelView } from '../../../../shared/contract/coding';
import { shortcutLabel } from '../../keyboard/shortcuts';
import { useCoding } from '../../stores/coding';
import { coderInitials } from './coderInitials';
import { MemoIcon, QuoteIcon } from './icons';

interface Props {
  labels: readonly LabelView[];
  coderId: number | null;
  /** several coders' labels are on screen: each chip says whose it is */
  showCoders: boolean;
  segmentNumber: number;
}

/** The codes on a segment as chips: click one for its memo, × removes your own. */
export function LabelChips({ labels, coderId, showCoders, segmentNumber }: Props) {
  const ordered = [...labels].sort(
    (a, b) => Number(b.coderId === coderId) - Number(a.coderId === coderId) || a.coderId - b.coderId,
  );
  return (
    <div className="label-chips" data-testid="label-chips">
      {ordered.map((l) => (
        <LabelChip
          key={l.id}
          label={l}
          own={l.coderId === coderId}
          showCoder={showCoders}
          segmentNumber={segmentNumber}
        />
      ))}
    </div>
  );
}

interface ChipProps {
  label: LabelView;
  own: boolean;
  showCoder: boolean;
  segmentNumber: number;
}

export function LabelChip({ label, own, showCoder, segmentNumber }: ChipProps) {
  const title = [
    label.codeName,
    `${label.coderName} · codebook v${label.codebookVersion}`,
    label.span ? 'Evidence passage (highlighted in the text)' : 'Whole segment',
    label.memo ? `Memo: ${label.memo}` : own ? 'Click to add a memo' : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span
      className={`label-chip${own ? '' : ' is-other'}${label.id < 0 ? ' is-saving' : ''}`}
      style={{ '--code': label.color } as CSSProperties}
      data-testid="label-chip"
      data-code-key={label.codeKey}
      data-coder={label.coderName}
      data-label-id={label.id}
      data-span={label.span ? `${label.span.start}-${label.span.end}` : undefined}
    >
      <button
        type="button"
        className="label-chip-main"
        title={title}
        onClick={(e) => useCoding.getState().openMemo(label.id, e.currentTarget.getBoundingClientRect())}
      >
        <span className="label-chip-dot" aria-hidden="true" />
        <span className="label-chip-name">{label.codeName}</span>
        {label.span && (
          <span className="label-chip-flag" aria-label="passage">
            <QuoteIcon />
          </span>
        )}
        {label.memo && (
          <span className="label-chip-flag" aria-label="has memo" data-testid="memo-flag">
            <MemoIcon />
          </span>
        )}
        {showCoder && (
          <span className="label-chip-coder" aria-label={`by ${label.coderName}`}>
            {coderInitials(label.coderName)}
          </span>
        )}
      </button>
      {own && (
        <button
          type="button"
          className="label-chip-remove"
          aria-label={`Remove ${label.codeName}`}
          title={`Remove (undo: ${shortcutLabel('coding.undo')})`}
          onClick={() => useCoding.getState().removeLabel(label, segmentNumber)}
        >
          ×
        </button>
      )}
    </span>
  );
}
