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
  | 'help.toggle'
  | 'coding.search'
  | 'coding.toggleCode'
  | 'coding.markDone'
  | 'coding.memo'
  | 'coding.undo'
  | 'coding.redo'
  | 'coding.undoQuick'
  | 'codebook.search'
  | 'codebook.save'
  | 'codebook.new'
  | 'codebook.newChild'
  | 'codebook.next'
  | 'codebook.prev'
  | 'codebook.expand'
  | 'codebook.collapse'
  | 'codebook.edit'
  | 'codebook.moveUp'
  | 'codebook.moveDown'
  | 'codebook.indent'
  | 'codebook.outdent'
  | 'compare.table'
  | 'compare.chart'
  | 'compare.heatmap'
  | 'compare.closeExcerpts'
  | 'review.next'
  | 'review.prev'
  | 'review.accept'
  | 'review.reject'
  | 'review.changeCode'
  | 'review.search'
  | 'review.memo'
  | 'review.definition'
  | 'review.undo'
  | 'review.undoMod';

export interface Shortcut {
  id: ShortcutId;
  /** KeyboardEvent.key */
  key: string;
  /** Ctrl on Windows/Linux, ⌘ on macOS */
  mod?: boolean;
  alt?: boolean;
  /** true/false require Shift pressed/released; absent ignores Shift */
  shift?: boolean;
  /** further keys that mean the same (1–9) */
  keys?: readonly string[];
  /** how the help shows it, when the key alone would mislead ("1–9") */
  display?: string;
  label: string;
  group: 'General' | 'Documents' | 'Reader';
  /**
   * 'global' shortcuts work anywhere outside text fields; 'list' ones only while the document list
   * has focus; 'tree' ones while the codebook tree has focus; 'view' ones are bound by the view on
   * screen (reader or codebook) and win over a global shortcut on the same key
   */
  scope: 'global' | 'list' | 'tree' | 'view';
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
  {
    id: 'coding.search',
    key: 'c',
    keys: ['/'],
    display: 'c or /',
    label: 'Find a code to apply',
    group: 'Reader',
    scope: 'view',
  },
  {
    id: 'coding.toggleCode',
    key: '1',
    keys: ['2', '3', '4', '5', '6', '7', '8', '9'],
    display: '1–9',
    label: 'Apply or remove a numbered code',
    group: 'Reader',
    scope: 'view',
  },
  {
    id: 'coding.markDone',
    key: '0',
    label: 'Mark segment coded (no code applies)',
    group: 'Reader',
    scope: 'view',
  },
  {
    id: 'coding.memo',
    key: 'm',
    label: 'Memo on the latest code of the segment',
    group: 'Reader',
    scope: 'view',
  },
  {
    id: 'coding.undo',
    key: 'z',
    mod: true,
    shift: false,
    label: 'Undo coding action',
    group: 'Reader',
    scope: 'view',
  },
  {
    id: 'coding.redo',
    key: 'z',
    mod: true,
    shift: true,
    label: 'Redo coding action',
    group: 'Reader',
    scope: 'view',
  },
  { id: 'coding.undoQuick', key: 'u', label: 'Undo coding action', group: 'Reader', scope: 'view' },
  { id: 'codebook.search', key: '/', label: 'Codebook: search codes', group: 'General', scope: 'view' },
  {
    id: 'codebook.save',
    key: 's',
    mod: true,
    shift: false,
    label: 'Codebook: save code',
    group: 'General',
    scope: 'view',
  },
  {
    id: 'codebook.new',
    key: 'n',
    mod: true,
    shift: false,
    label: 'Codebook: new code',
    group: 'General',
    scope: 'view',
  },
  {
    id: 'codebook.newChild',
    key: 'n',
    mod: true,
    shift: true,
    label: 'Codebook: new sub-code',
    group: 'General',
    scope: 'view',
  },
  { id: 'codebook.next', key: 'ArrowDown', label: 'Codebook: next code', group: 'General', scope: 'tree' },
  { id: 'codebook.prev', key: 'ArrowUp', label: 'Codebook: previous code', group: 'General', scope: 'tree' },
  { id: 'codebook.expand', key: 'ArrowRight', label: 'Codebook: expand', group: 'General', scope: 'tree' },
  { id: 'codebook.collapse', key: 'ArrowLeft', label: 'Codebook: collapse', group: 'General', scope: 'tree' },
  { id: 'codebook.edit', key: 'Enter', label: 'Codebook: edit code', group: 'General', scope: 'tree' },
  {
    id: 'codebook.moveUp',
    key: 'ArrowUp',
    alt: true,
    label: 'Codebook: move code up',
    group: 'General',
    scope: 'tree',
  },
  {
    id: 'codebook.moveDown',
    key: 'ArrowDown',
    alt: true,
    label: 'Codebook: move code down',
    group: 'General',
    scope: 'tree',
  },
  {
    id: 'codebook.indent',
    key: 'ArrowRight',
    alt: true,
    label: 'Codebook: make sub-code of the one above',
    group: 'General',
    scope: 'tree',
  },
  {
    id: 'codebook.outdent',
    key: 'ArrowLeft',
    alt: true,
    label: 'Codebook: move out of its parent',
    group: 'General',
    scope: 'tree',
  },
  { id: 'compare.table', key: 't', label: 'Compare: show the table', group: 'General', scope: 'view' },
  { id: 'compare.chart', key: 'g', label: 'Compare: show the effect chart', group: 'General', scope: 'view' },
  {
    id: 'compare.heatmap',
    key: 'h',
    label: 'Compare: show the heatmap by school',
    group: 'General',
    scope: 'view',
  },
  {
    id: 'compare.closeExcerpts',
    key: 'Escape',
    label: 'Compare: close the excerpts',
    group: 'General',
    scope: 'view',
  },
  { id: 'review.next', key: 'j', label: 'Review: next item', group: 'General', scope: 'view' },
  { id: 'review.prev', key: 'k', label: 'Review: previous item', group: 'General', scope: 'view' },
  { id: 'review.accept', key: 'a', label: 'Review: accept the AI decision', group: 'General', scope: 'view' },
  { id: 'review.reject', key: 'r', label: 'Review: reject the AI decision', group: 'General', scope: 'view' },
  {
    id: 'review.changeCode',
    key: '1',
    keys: ['2', '3', '4', '5', '6', '7', '8', '9'],
    display: '1–9',
    label: 'Review: change to (or add) a numbered code',
    group: 'General',
    scope: 'view',
  },
  {
    id: 'review.search',
    key: '/',
    keys: ['c'],
    display: '/ or c',
    label: 'Review: find another code',
    group: 'General',
    scope: 'view',
  },
  { id: 'review.memo', key: 'm', label: 'Review: memo on the item', group: 'General', scope: 'view' },
  {
    id: 'review.definition',
    key: 'd',
    label: 'Review: show the code definition',
    group: 'General',
    scope: 'view',
  },
  { id: 'review.undo', key: 'u', label: 'Review: undo the last decision', group: 'General', scope: 'view' },
  {
    id: 'review.undoMod',
    key: 'z',
    mod: true,
    shift: false,
    label: 'Review: undo the last decision',
    group: 'General',
    scope: 'view',
  },
];

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const KEY_NAMES: Record<string, string> = {
  ArrowDown: '↓',
  ArrowUp: '↑',
  ArrowLeft: '←',
  ArrowRight: '→',
  Enter: 'Enter',
};

/** How a shortcut is written for people, e.g. "Ctrl+I" or "⌘I". */
export function shortcutLabel(id: ShortcutId): string {
  const s = SHORTCUTS.find((x) => x.id === id);
  if (!s) return '';
  if (s.display) return s.display;
  const key = KEY_NAMES[s.key] ?? s.key.toUpperCase();
  if (!s.mod && !s.alt && !s.shift) return KEY_NAMES[s.key] ?? s.key;
  if (isMac) return `${s.alt ? '⌥' : ''}${s.shift ? '⇧' : ''}${s.mod ? '⌘' : ''}${key}`;
  return [s.mod && 'Ctrl', s.alt && 'Alt', s.shift && 'Shift', key].filter(Boolean).join('+');
}

/** The aria-keyshortcuts spelling, e.g. "Control+I". */
export function ariaKeyShortcut(id: ShortcutId): string {
  const s = SHORTCUTS.find((x) => x.id === id);
  if (!s) return '';
  const key = s.mod ? s.key.toUpperCase() : s.key;
  return [s.mod && (isMac ? 'Meta' : 'Control'), s.alt && 'Alt', s.shift && 'Shift', key]
    .filter(Boolean)
    .join('+');
}

export function matchesShortcut(s: Shortcut, e: KeyboardEvent | ReactKeyboardEvent): boolean {
  if (Boolean(s.alt) !== e.altKey) return false;
  const mod = e.ctrlKey || e.metaKey;
  if (Boolean(s.mod) !== mod) return false;
  if (s.shift !== undefined && s.shift !== e.shiftKey) return false;
  const keys = s.keys ? [s.key, ...s.keys] : [s.key];
  return s.mod ? keys.includes(e.key.toLowerCase()) : keys.includes(e.key);
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
