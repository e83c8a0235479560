import type { CodeView } from '../../../../shared/contract/codebook';
import { Dialog } from '../../components/Dialog';
import { plural } from '../../format/count';
import { useCodebook } from '../../stores/codebook';

interface Props {
  open: boolean;
  code: CodeView | null;
  codes: readonly CodeView[];
  frozen: boolean;
  onClose(): void;
}

export function DeleteDialog({ open, code, codes, frozen, onClose }: Props) {
  const busy = useCodebook((s) => s.busy);
  const children = code ? codes.filter((c) => c.parentKey === code.key).length : 0;
  const usage = code ? code.usage : 0;
  return (
    <Dialog
      open={open && code !== null}
      title={code ? `Delete “${code.name}”?` : 'Delete code'}
      onClose={onClose}
      testId="delete-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={busy}
            onClick={async () => {
              if (code && (await useCodebook.getState().remove(code.key))) onClose();
            }}
            data-testid="delete-confirm"
          >
            Delete code
          </button>
        </>
      }
    >
      <div className="stack">
        {children > 0 && <p>Its {plural(children, 'sub-code')} move up one level.</p>}
        {frozen ? (
          <p>
            This version is frozen, so the code is removed in a new version;{' '}
            {usage > 0 ? `its ${plural(usage, 'label')} ` : 'labels '}
            stay with this version.
          </p>
        ) : (
          <p>The code is removed from this version.</p>
        )}
        <p className="muted small">To keep what was coded with it, merge it into another code instead.</p>
      </div>
    </Dialog>
  );
}
