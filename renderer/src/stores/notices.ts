import { create } from 'zustand';
import { errorMessage } from '../rpc/client';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

interface NoticesState {
  notices: Notice[];
  push(kind: Notice['kind'], message: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
const INFO_TTL_MS = 5000;

/** Messages for the user: errors stay until dismissed, confirmations fade. */
export const useNotices = create<NoticesState>()((set, get) => ({
  notices: [],
  push(kind, message) {
    const id = nextId++;
    // the same error twice in a row is one message, not a stack of them
    const last = get().notices.at(-1);
    if (last && last.kind === kind && last.message === message) return;
    set((s) => ({ notices: [...s.notices, { id, kind, message }].slice(-5) }));
    if (kind === 'info') setTimeout(() => get().dismiss(id), INFO_TTL_MS);
  },
  dismiss(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
  },
}));

export function reportError(e: unknown): void {
  useNotices.getState().push('error', errorMessage(e));
}

export function reportInfo(message: string): void {
  useNotices.getState().push('info', message);
}
