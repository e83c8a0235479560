import { create } from 'zustand';
import type { DocumentRow, SegmentRow } from '../../../shared/contract/documents';
import { call, errorMessage } from '../rpc/client';
import { useDocuments } from './documents';
import { useProject } from './project';

/** Segments are fetched in pages so a very long transcript starts showing early. */
export const SEGMENT_PAGE = 2000;

interface ReaderState {
  documentId: number | null;
  doc: DocumentRow | null;
  segments: SegmentRow[];
  total: number;
  /** still fetching pages of segments */
  loading: boolean;
  error: string | null;
  /** the segment j/k moves between; null until the reader is used */
  focusedIndex: number | null;
  open(id: number): Promise<void>;
  close(): void;
  focus(index: number | null): void;
  moveFocus(delta: number): void;
  /** null removes an attribute; throws the backend's message (shown inline by the editor) */
  saveAttributes(changes: Record<string, string | null>): Promise<void>;
}

let openSeq = 0;

export const useReader = create<ReaderState>()((set, get) => ({
  documentId: null,
  doc: null,
  segments: [],
  total: 0,
  loading: false,
  error: null,
  focusedIndex: null,

  async open(id) {
    const seq = ++openSeq;
    set({
      documentId: id,
      doc: null,
      segments: [],
      total: 0,
      loading: true,
      error: null,
      focusedIndex: null,
    });
    try {
      const doc = await call('documents.get', { id });
      if (seq !== openSeq) return;
      set({ doc });
      let segments: SegmentRow[] = [];
      for (;;) {
        const page = await call('documents.segments', {
          documentId: id,
          offset: segments.length,
          limit: SEGMENT_PAGE,
        });
        if (seq !== openSeq) return;
        segments = segments.concat(page.segments);
        const done = page.segments.length === 0 || segments.length >= page.total;
        set({ segments, total: page.total, loading: !done });
        if (done) break;
      }
    } catch (e) {
      if (seq === openSeq) set({ loading: false, error: errorMessage(e) });
    }
  },

  close() {
    openSeq++;
    set({
      documentId: null,
      doc: null,
      segments: [],
      total: 0,
      loading: false,
      error: null,
      focusedIndex: null,
    });
  },

  focus: (focusedIndex) => set({ focusedIndex }),

  moveFocus(delta) {
    const { segments, focusedIndex } = get();
    if (segments.length === 0) return;
    const next = focusedIndex === null ? (delta > 0 ? 0 : segments.length - 1) : focusedIndex + delta;
    set({ focusedIndex: Math.min(segments.length - 1, Math.max(0, next)) });
  },

  async saveAttributes(changes) {
    const { documentId } = get();
    if (documentId === null) return;
    const doc = await call('documents.setAttributes', { id: documentId, attributes: changes });
    if (get().documentId === documentId) set({ doc });
    useDocuments.getState().patch(doc);
    void useDocuments.getState().load(); // the edit may move it in or out of the active filters
    void useDocuments.getState().loadAttributes();
    void useProject.getState().refresh();
  },
}));
