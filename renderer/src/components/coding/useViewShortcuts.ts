import { useEffect, useEffectEvent } from 'react';
import { isTypingTarget, matchesShortcut, SHORTCUTS, type ShortcutId } from '../../keyboard/shortcuts';

export type ViewShortcutHandlers = Partial<Record<ShortcutId, (e: KeyboardEvent) => void>>;

/**
 * Binds the 'view' shortcuts of keyboard/shortcuts.ts for the view on screen. The listener
 * runs in the capture phase, so a view key that shares its key with a global shortcut
 * (`/` searches codes in the reader, documents elsewhere) wins while the view is shown;
 * the global handler sees the event as handled. Handlers get the event (which digit).
 *
 * `allowInFields` lists shortcuts that also work while typing (Ctrl+S in a form field).
 */
export function useViewShortcuts(
  handlers: ViewShortcutHandlers,
  allowInFields: readonly ShortcutId[] = [],
): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    const spec = SHORTCUTS.find((s) => s.scope === 'view' && handlers[s.id] && matchesShortcut(s, e));
    if (!spec) return;
    if (isTypingTarget(e.target) && !allowInFields.includes(spec.id)) return;
    // a modal dialog owns the keyboard
    if (document.querySelector('dialog[open]')) return;
    e.preventDefault();
    handlers[spec.id]!(e);
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);
}
