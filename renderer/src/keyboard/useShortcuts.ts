import { useEffect, useEffectEvent } from 'react';
import { isTypingTarget, SHORTCUTS, shortcutFor, type ShortcutId } from './shortcuts';

export type ShortcutHandlers = Partial<Record<ShortcutId, () => void>>;

/** Binds handlers to the global shortcuts of keyboard/shortcuts.ts while the component is mounted. */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    const id = shortcutFor(e, 'global');
    if (!id) return;
    const handler = handlers[id];
    if (!handler) return;
    const spec = SHORTCUTS.find((s) => s.id === id);
    if (!spec?.mod && isTypingTarget(e.target)) return;
    // a modal dialog owns the keyboard; only its own keys apply
    if (document.querySelector('dialog[open]') && id !== 'import.open') return;
    e.preventDefault();
    handler();
  });

  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
