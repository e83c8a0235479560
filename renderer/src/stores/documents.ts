import { create } from 'zustand';
import type { Result } from '../../../shared/contract';
import type { DocumentRow } from '../../../shared/contract/documents';
import { call } from '../rpc/client';
import { reportError } from './notices';

export type AttributeInfo = Result<'documents.attributeNames'>[number];

interface DocumentsState {
  docs: DocumentRow[];
  /** true until the first list of the open project has arrived */
  loading: boolean;
  search: string;
  /** attribute name → required value (all must match) */
  filters: Record<string, string>;
  attributes: AttributeInfo[];
  /** the keyboard cursor in the list (Enter opens it) */
  selectedId: number | null;
  reset(): void;
  load(): Promise<void>;
  loadAttributes(): Promise<void>;
  setSearch(search: string): void;
  setFilter(name: string, value: string | null): void;
  clearFilters(): void;
  select(id: number | null): void;
  moveSelection(delta: number): void;
  /** replaces one row after an edit, without a round trip */
  patch(row: DocumentRow): void;
}

const SEARCH_DEBOUNCE_MS = 150;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let requestSeq = 0;

export const useDocuments = create<DocumentsState>()((set, get) => ({
  docs: [],
  loading: true,
  search: '',
  filters: {},
  attributes: [],
  selectedId: null,

  reset() {
    clearTimeout(searchTimer);
    requestSeq++;
    set({ docs: [], loading: true, search: '', filters: {}, attributes: [], selectedId: null });
  },

  async load() {
    const seq = ++requestSeq;
    const { search, filters } = get();
    try {
      const docs = await call('documents.list', {
        search: search.trim() || undefined,
        filters: Object.entries(filters).map(([name, value]) => ({ name, value })),
      });
      if (seq !== requestSeq) return; // a newer search or filter won
      const { selectedId } = get();
      const keep = docs.some((d) => d.id === selectedId);
      set({ docs, loading: false, selectedId: keep ? selectedId : (docs[0]?.id ?? null) });
    } catch (e) {
      if (seq === requestSeq) set({ loading: false });
      reportError(e);
    }
  },

  async loadAttributes() {
    try {
      set({ attributes: await call('documents.attributeNames', {}) });
    } catch (e) {
      reportError(e);
    }
  },

  setSearch(search) {
    set({ search });
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void get().load(), SEARCH_DEBOUNCE_MS);
  },

  setFilter(name, value) {
    const filters = { ...get().filters };
    if (value === null) delete filters[name];
    else filters[name] = value;
    set({ filters });
    void get().load();
  },

  clearFilters() {
    set({ filters: {}, search: '' });
    void get().load();
  },

  select: (selectedId) => set({ selectedId }),

  moveSelection(delta) {
    const { docs, selectedId } = get();
    if (docs.length === 0) return;
    const at = docs.findIndex((d) => d.id === selectedId);
    const next =
      at < 0 ? (delta > 0 ? 0 : docs.length - 1) : Math.min(docs.length - 1, Math.max(0, at + delta));
    set({ selectedId: docs[next]!.id });
  },

  patch(row) {
    set((s) => ({ docs: s.docs.map((d) => (d.id === row.id ? row : d)) }));
  },
}));
