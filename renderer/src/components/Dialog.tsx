import { useEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
  wide?: boolean;
  /** false while work runs that the dialog must stay open for (Escape is ignored too) */
  canClose?: boolean;
}

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page behind it
 * inert and closes on Escape (routed through onClose, which may refuse).
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  testId,
  wide,
  canClose = true,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={testId ? `${testId}-title` : undefined}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        if (canClose) onClose();
      }}
    >
      {open && (
        <div className="dialog-frame">
          <header className="dialog-header">
            <h2 id={testId ? `${testId}-title` : undefined}>{title}</h2>
            {canClose && (
              <button type="button" className="icon-button" aria-label="Close dialog" onClick={onClose}>
                ×
              </button>
            )}
          </header>
          <div className="dialog-body">{children}</div>
          {footer && <footer className="dialog-footer">{footer}</footer>}
        </div>
      )}
    </dialog>
  );
}
