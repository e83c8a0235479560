import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Props {
  label: ReactNode;
  title?: string;
  className?: string;
  testId?: string;
  align?: 'left' | 'right';
  disabled?: boolean;
  /** the menu's items; call `close` after acting */
  children(close: () => void): ReactNode;
}

/**
 * A button that opens a small menu under it. ↑/↓ move between items, Escape and a
 * click elsewhere close it, focus returns to the button.
 */
export function MenuButton({ label, title, className, testId, align = 'left', disabled, children }: Props) {
  const [open, setOpen] = useState(false);
  const wrapRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const buttonId = `${menuId}-button`;

  // by id, not a ref: `close` is handed to the items while rendering
  const close = () => {
    setOpen(false);
    document.getElementById(buttonId)?.focus({ preventScroll: true });
  };

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrapRef.current && !wrapRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    wrapRef.current
      ?.querySelector<HTMLElement>('[role="menuitem"][aria-checked="true"], [role="menuitem"]')
      ?.focus({ preventScroll: true });
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(wrapRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? Math.min(items.length - 1, at + 1) : Math.max(0, at - 1);
      items[next]?.focus({ preventScroll: true });
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab') {
      setOpen(false);
    }
  };

  return (
    <div ref={wrapRef} className="menu-wrap">
      <button
        id={buttonId}
        type="button"
        className={className ?? 'btn btn-small'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={title}
        disabled={disabled}
        onClick={() => setOpen((v) => !v)}
        data-testid={testId}
      >
        {label}
        <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true" className="menu-caret">
          <path
            d="m3 4.5 3 3 3-3"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.5"
            strokeLinecap="round"
          />
        </svg>
      </button>
      {open && (
        <div
          id={menuId}
          role="menu"
          className={`menu menu-${align}`}
          onKeyDown={onMenuKey}
          data-testid={testId ? `${testId}-menu` : undefined}
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}
