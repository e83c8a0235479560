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
  /** indices of the segments shown while a filter (segments with a code) is on; null shows all */
  visibleIndices: number[] | null;
  open(id: number): Promise<void>;
  close(): void;
  focus(index: number | null): void;
  moveFocus(delta: number): void;
  showOnly(indices: number[] | null): void;
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
  visibleIndices: null,

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
      visibleIndices: null,
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
      visibleIndices: null,
    });
  },

  focus: (focusedIndex) => set({ focusedIndex }),

  moveFocus(delta) {
    const { segments, focusedIndex, visibleIndices } = get();
    if (visibleIndices) {
      // a filter is on: move between the segments it shows
      if (visibleIndices.length === 0) return;
      const at = focusedIndex === null ? -1 : visibleIndices.indexOf(focusedIndex);
      const pos =
        at < 0
          ? delta > 0
            ? visibleIndices.findIndex((i) => focusedIndex === null || i > focusedIndex)
            : visibleIndices.findLastIndex((i) => focusedIndex === null || i < focusedIndex)
          : at + delta;
      const clamped = pos < 0 ? (delta > 0 ? visibleIndices.length - 1 : 0) : pos;
      set({ focusedIndex: visibleIndices[Math.min(visibleIndices.length - 1, Math.max(0, clamped))]! });
      return;
    }
    if (segments.length === 0) return;
    const next = focusedIndex === null ? (delta > 0 ? 0 : segments.length - 1) : focusedIndex + delta;
    set({ focusedIndex: Math.min(segments.length - 1, Math.max(0, next)) });
  },

  showOnly(visibleIndices) {
    const { focusedIndex } = get();
    const keep = visibleIndices === null || (focusedIndex !== null && visibleIndices.includes(focusedIndex));
    set({ visibleIndices, focusedIndex: keep ? focusedIndex : (visibleIndices[0] ?? null) });
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
