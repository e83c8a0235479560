import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

// Every keyboard shortcut of the app, in one table: the handlers look them up by id,
// and the help overlay (press ?) lists them from here.

export type ShortcutId =
  | 'import.open'
  | 'documents.search'
  | 'documents.next'
  | 'documents.prev'
  | 'documents.open'
  | 'reader.next'
  | 'reader.prev'
  | 'help.toggle';

export interface Shortcut {
  id: ShortcutId;
  /** KeyboardEvent.key */
  key: string;
  /** Ctrl on Windows/Linux, ⌘ on macOS */
  mod?: boolean;
  label: string;
  group: 'General' | 'Documents' | 'Reader';
  /** 'global' shortcuts work anywhere outside text fields; 'list' ones only while the document list has focus */
  scope: 'global' | 'list';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'import.open', key: 'i', mod: true, label: 'Import transcripts', group: 'General', scope: 'global' },
  { id: 'help.toggle', key: '?', label: 'Show keyboard shortcuts', group: 'General', scope: 'global' },
  { id: 'documents.search', key: '/', label: 'Search documents', group: 'Documents', scope: 'global' },
  { id: 'documents.next', key: 'ArrowDown', label: 'Next document', group: 'Documents', scope: 'list' },
  { id: 'documents.prev', key: 'ArrowUp', label: 'Previous document', group: 'Documents', scope: 'list' },
  { id: 'documents.open', key: 'Enter', label: 'Open selected document', group: 'Documents', scope: 'list' },
  { id: 'reader.next', key: 'j', label: 'Next segment', group: 'Reader', scope: 'global' },
  { id: 'reader.prev', key: 'k', label: 'Previous segment', group: 'Reader', scope: 'global' },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const KEY_NAMES: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Enter: 'Enter' };

/** How a shortcut is written for people, e.g. "Ctrl+I" or "⌘I". */
export function shortcutLabel(id: ShortcutId): string {
  const s = SHORTCUTS.find((x) => x.id === id);
  if (!s) return '';
  const key = KEY_NAMES[s.key] ?? s.key.toUpperCase();
  if (!s.mod) return KEY_NAMES[s.key] ?? s.key;
  return isMac ? `⌘${key}` : `Ctrl+${key}`;
}

/** The aria-keyshortcuts spelling, e.g. "Control+I". */
export function ariaKeyShortcut(id: ShortcutId): string {
  const s = SHORTCUTS.find((x) => x.id === id);
  if (!s) return '';
  return s.mod ? `${isMac ? 'Meta' : 'Control'}+${s.key.toUpperCase()}` : s.key;
}

export function matchesShortcut(s: Shortcut, e: KeyboardEvent | ReactKeyboardEvent): boolean {
  if (e.altKey) return false;
  const mod = e.ctrlKey || e.metaKey;
  if (Boolean(s.mod) !== mod) return false;
  return s.mod ? e.key.toLowerCase() === s.key : e.key === s.key;
}

/** The shortcut of the given scope this key press means, if any. */
export function shortcutFor(
  e: KeyboardEvent | ReactKeyboardEvent,
  scope: Shortcut['scope'],
): ShortcutId | null {
  return SHORTCUTS.find((s) => s.scope === scope && matchesShortcut(s, e))?.id ?? null;
}

/** Plain keys (j, k, /) must keep typing into text fields. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file'].includes(type);
}
