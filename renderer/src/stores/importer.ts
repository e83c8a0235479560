import { create } from 'zustand';
import type { ImportProgress, ImportReport } from '../../../shared/contract/documents';
import { fileToBase64 } from '../import/base64';
import { call, errorMessage } from '../rpc/client';
import { useDocuments } from './documents';
import { useProject } from './project';

export const DEFAULT_MAX_SEGMENT_CHARS = 1200;
export const MIN_SEGMENT_CHARS = 200;
export const MAX_SEGMENT_CHARS = 20000;
export const TRANSCRIPT_TYPES = '.txt,.md,.docx,.vtt,.srt,.csv';

type Phase = 'choose' | 'reading' | 'importing' | 'done';

interface ImporterState {
  isOpen: boolean;
  phase: Phase;
  files: File[];
  meta: File | null;
  maxSegmentChars: string;
  progress: ImportProgress | null;
  report: ImportReport | null;
  /** the whole request failed (a per-file failure is in the report instead) */
  error: string | null;
  openDialog(): void;
  closeDialog(): void;
  setFiles(files: File[]): void;
  setMeta(file: File | null): void;
  setMaxSegmentChars(value: string): void;
  onProgress(p: ImportProgress): void;
  /** back to file choice after a finished import */
  again(): void;
  run(): Promise<void>;
}

const blank = {
  phase: 'choose' as Phase,
  files: [] as File[],
  meta: null,
  maxSegmentChars: String(DEFAULT_MAX_SEGMENT_CHARS),
  progress: null,
  report: null,
  error: null,
};

export function parseMaxSegmentChars(value: string): number | null {
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= MIN_SEGMENT_CHARS && n <= MAX_SEGMENT_CHARS ? n : null;
}

export const useImporter = create<ImporterState>()((set, get) => ({
  isOpen: false,
  ...blank,

  openDialog() {
    if (get().isOpen) return;
    set({ isOpen: true, ...blank });
  },

  closeDialog() {
    const { phase } = get();
    if (phase === 'reading' || phase === 'importing') return; // the backend keeps going; stay to show the result
    set({ isOpen: false });
  },

  setFiles: (files) => set({ files, error: null }),
  setMeta: (meta) => set({ meta, error: null }),
  setMaxSegmentChars: (maxSegmentChars) => set({ maxSegmentChars }),

  onProgress(progress) {
    if (get().phase === 'importing') set({ progress });
  },

  again: () => set({ ...blank, maxSegmentChars: get().maxSegmentChars }),

  async run() {
    const { files, meta, maxSegmentChars } = get();
    const max = parseMaxSegmentChars(maxSegmentChars);
    if (files.length === 0 || max === null) return;
    set({
      phase: 'reading',
      progress: { done: 0, total: files.length, file: '' },
      error: null,
      report: null,
    });
    try {
      const payload = await Promise.all(
        files.map(async (f) => ({ name: f.name, contentBase64: await fileToBase64(f) })),
      );
      const metaPayload = meta ? { name: meta.name, contentBase64: await fileToBase64(meta) } : undefined;
      set({ phase: 'importing' });
      const report = await call('import.files', { files: payload, meta: metaPayload, maxSegmentChars: max });
      set({ phase: 'done', report });
    } catch (e) {
      set({ phase: 'choose', error: errorMessage(e) });
      return;
    }
    const docs = useDocuments.getState();
    await Promise.all([docs.load(), docs.loadAttributes(), useProject.getState().refresh()]);
  },
}));
