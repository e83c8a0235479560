import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import type { LabelView } from '../../../../shared/contract/coding';
import { formatDateTime } from '../../format/time';
import { currentLabelId, useCoding } from '../../stores/coding';
import { useReader } from '../../stores/reader';
import { spanText } from './spans';

const WIDTH = 340;
const HEIGHT = 250;

/** The memo of one label, in a small popover next to what was clicked. */
export function MemoPopover() {
  const memo = useCoding((s) => s.memo);
  const label = useCoding((s) =>
    memo ? s.labels.find((l) => l.id === currentLabelId(memo.labelId)) : undefined,
  );
  const coderId = useCoding((s) => s.coderId);
  if (!memo || !label) return null;
  return createPortal(
    <MemoEditor key={label.id} label={label} own={label.coderId === coderId} x={memo.x} y={memo.y} />,
    document.body,
  );
}

function MemoEditor({ label, own, x, y }: { label: LabelView; own: boolean; x: number; y: number }) {
  const [text, setText] = useState(label.memo);
  const ref = useRef<HTMLDivElement>(null);
  const segment = useReader((s) => s.segments.find((seg) => seg.id === label.segmentId));
  const close = () => useCoding.getState().closeMemo();
  const save = () => {
    useCoding.getState().setMemo(label, text.trim());
    close();
  };

  useEffect(() => {
    const onDown = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) useCoding.getState().closeMemo();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') useCoding.getState().closeMemo();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, []);

  const left = Math.max(8, Math.min(x, window.innerWidth - WIDTH - 8));
  const top = y + 6 + HEIGHT > window.innerHeight ? Math.max(8, y - HEIGHT - 40) : y + 6;
  const quoted = segment ? spanText(segment, label.span) : null;

  return (
    <div
      ref={ref}
      className="memo-popover"
      role="dialog"
      aria-label={`Memo on ${label.codeName}`}
      style={{ left, top, width: WIDTH, '--code': label.color } as CSSProperties}
      data-testid="memo-popover"
    >
      <header className="memo-head">
        <span className="code-swatch" aria-hidden="true" />
        <span className="memo-code truncate">{label.codeName}</span>
      </header>
      <p className="memo-meta">
        {label.coderName} · codebook v{label.codebookVersion}
        {label.id > 0 && <> · {formatDateTime(label.createdAt)}</>}
      </p>
      {quoted && <q className="focused-label-quote">{quoted}</q>}
      {own ? (
        <textarea
          className="input memo-input"
          rows={4}
          autoFocus
          placeholder="Why this code applies, doubts, links to other passages…"
          value={text}
          maxLength={20000}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              save();
            }
          }}
          data-testid="memo-input"
        />
      ) : (
        <p className="memo-readonly">{label.memo || 'No memo.'}</p>
      )}
      <footer className="memo-actions">
        {own && <span className="muted small">Ctrl+Enter saves</span>}
        <span className="spacer" />
        <button type="button" className="btn btn-small btn-ghost" onClick={close}>
          {own ? 'Cancel' : 'Close'}
        </button>
        {own && (
          <button type="button" className="btn btn-small btn-primary" onClick={save} data-testid="memo-save">
            Save memo
          </button>
        )}
      </footer>
    </div>
  );
}
