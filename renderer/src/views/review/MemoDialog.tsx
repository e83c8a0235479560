import { useState } from 'react';
import { Dialog } from '../../components/Dialog';

export function MemoDialog({
  open,
  initial,
  onSave,
  onClose,
}: {
  open: boolean;
  initial: string;
  onSave(memo: string): void;
  onClose(): void;
}) {
  const [memo, setMemo] = useState(initial);
  return (
    <Dialog
      open={open}
      title="Memo on this item"
      onClose={onClose}
      testId="review-memo"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => onSave(memo)}
            disabled={!memo.trim()}
          >
            Save memo
          </button>
        </>
      }
    >
      <textarea
        className="input rev-memo-input"
        autoFocus
        rows={5}
        value={memo}
        onChange={(e) => setMemo(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && memo.trim()) onSave(memo);
        }}
        placeholder="Why you decided this way (Ctrl+Enter saves)"
      />
    </Dialog>
  );
}
