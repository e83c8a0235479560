import { shortcutLabel } from '../../keyboard/shortcuts';
import { useCoding } from '../../stores/coding';

/** "Applied X to segment 4 — Undo": every coding action can be taken back from here. */
export function CodingToast() {
  const toast = useCoding((s) => s.toast);
  if (!toast) return null;
  return (
    <div className="coding-toast" role="status" aria-live="polite" data-testid="coding-toast">
      <span className="coding-toast-message">{toast.message}</span>
      {toast.offer === 'undo' && (
        <button
          type="button"
          className="coding-toast-action"
          onClick={() => useCoding.getState().undo()}
          data-testid="toast-undo"
        >
          Undo <kbd>{shortcutLabel('coding.undo')}</kbd>
        </button>
      )}
      {toast.offer === 'redo' && (
        <button
          type="button"
          className="coding-toast-action"
          onClick={() => useCoding.getState().redo()}
          data-testid="toast-redo"
        >
          Redo <kbd>{shortcutLabel('coding.redo')}</kbd>
        </button>
      )}
      <button
        type="button"
        className="coding-toast-close"
        aria-label="Dismiss"
        onClick={() => useCoding.getState().dismissToast()}
      >
        ×
      </button>
    </div>
  );
}
