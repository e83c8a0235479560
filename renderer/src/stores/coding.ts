import { create } from 'zustand';
import type { CoderView, LabelView } from '../../../shared/contract/coding';
import type { SegmentRow } from '../../../shared/contract/documents';
import { documentSpan, type Range } from '../components/coding/spans';
import type { SegmentSelection } from '../components/coding/textSelection';
import { call } from '../rpc/client';
import { useCodebook } from './codebook';
import { reportError, reportInfo } from './notices';
import { useReader } from './reader';

/**
 * A coding action as the undo stack keeps it. Labels are named by the id they had when
 * the action happened; `realId` follows them when undo/redo re-creates a label.
 */
export type CodingAction =
  | { kind: 'apply'; label: LabelView; segmentNumber: number }
  | { kind: 'remove'; label: LabelView; segmentNumber: number }
  | { kind: 'memo'; label: LabelView; before: string; after: string }
  | { kind: 'done'; segmentId: number; coderId: number; done: boolean; segmentNumber: number };

export interface CodingToast {
  id: number;
  message: string;
  /** the button the toast offers */
  offer: 'undo' | 'redo' | null;
}

export interface CodeFilter {
  codeKey: string;
  segmentIds: number[];
}

interface CodingState {
  path: string | null;
  coders: CoderView[];
  coderId: number | null;
  /** blind mode: only the current coder's labels are fetched */
  blind: boolean;
  documentId: number | null;
  labels: LabelView[];
  /** segments the current coder has coded or marked as coded */
  done: number[];
  labelsLoading: boolean;
  selection: SegmentSelection | null;
  filter: CodeFilter | null;
  /** codes given number keys before the default ones */
  pins: string[];
  memo: { labelId: number; x: number; y: number } | null;
  undoStack: CodingAction[];
  redoStack: CodingAction[];
  toast: CodingToast | null;
  ensureLoaded(path: string): Promise<void>;
  createCoder(name: string): Promise<boolean>;
  chooseCoder(id: number): void;
  setBlind(blind: boolean): void;
  loadDocument(documentId: number | null): Promise<void>;
  /** applies the code to the segment (to the selected text, if any), or removes the coder's label */
  toggleCode(segment: SegmentRow, codeKey: string): void;
  removeLabel(label: LabelView, segmentNumber: number): void;
  setMemo(label: LabelView, memo: string): void;
  toggleDone(segment: SegmentRow): void;
  undo(): void;
  redo(): void;
  setSelection(selection: SegmentSelection | null): void;
  setFilter(codeKey: string | null): Promise<void>;
  togglePin(key: string): void;
  openMemo(labelId: number, anchor: DOMRect): void;
  closeMemo(): void;
  dismissToast(): void;
}

const PREFS_KEY = 'concord.coding';
interface Prefs {
  coderId: number | null;
  blind: boolean;
  pins: string[];
}

function readPrefs(path: string): Prefs {
  try {
    const all = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Record<string, Partial<Prefs>>;
    const p = all[path] ?? {};
    return { coderId: p.coderId ?? null, blind: p.blind ?? false, pins: p.pins ?? [] };
  } catch {
    return { coderId: null, blind: false, pins: [] };
  }
}

function writePrefs(path: string | null, prefs: Prefs): void {
  if (!path) return;
  try {
    const all = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Record<string, Prefs>;
    all[path] = prefs;
    localStorage.setItem(PREFS_KEY, JSON.stringify(all));
  } catch {
    // private mode or full storage: preferences just do not persist
  }
}

const TOAST_MS = 6000;
let toastSeq = 0;
let toastTimer: ReturnType<typeof setTimeout> | undefined;
let loadSeq = 0;
let tempSeq = 0;
/** label id → the id of the label that replaced it (temporary → saved, removed → re-applied) */
const successor = new Map<number, number>();
const realId = (id: number): number => {
  let x = id;
  for (let guard = 0; successor.has(x) && guard < 1000; guard++) x = successor.get(x)!;
  return x;
};
/** coding calls run one after another, in the order the keys were pressed */
let queue: Promise<unknown> = Promise.resolve();
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task);
  queue = run.catch(() => undefined);
  return run;
}

const sameSpan = (a: Range | null, b: Range | null) =>
  a === b || (a !== null && b !== null && a.start === b.start && a.end === b.end);
const quote = (s: string) => `“${s}”`;

export const useCoding = create<CodingState>()((set, get) => {
  const prefs = (): Prefs => ({ coderId: get().coderId, blind: get().blind, pins: get().pins });

  const toast = (message: string, offer: CodingToast['offer']) => {
    clearTimeout(toastTimer);
    const id = ++toastSeq;
    set({ toast: { id, message, offer } });
    toastTimer = setTimeout(() => {
      if (get().toast?.id === id) set({ toast: null });
    }, TOAST_MS);
  };

  /** Whether a label belongs in the list the reader shows now. */
  const shown = (l: LabelView) => {
    const s = get();
    if (s.blind && l.coderId !== s.coderId) return false;
    return useReader.getState().segments.some((seg) => seg.id === l.segmentId);
  };
  const addLocal = (l: LabelView) => {
    if (!shown(l)) return;
    set((s) => ({ labels: [...s.labels.filter((x) => x.id !== l.id), l] }));
    if (l.coderId === get().coderId && !get().done.includes(l.segmentId))
      set((s) => ({ done: [...s.done, l.segmentId] }));
  };
  const removeLocal = (id: number) => {
    const gone = get().labels.find((l) => l.id === id);
    set((s) => ({ labels: s.labels.filter((l) => l.id !== id) }));
    // removing a coder's last label there makes the segment uncoded again (as the backend does)
    if (gone && gone.coderId === get().coderId) {
      const left = get().labels.some((l) => l.segmentId === gone.segmentId && l.coderId === gone.coderId);
      if (!left) set((s) => ({ done: s.done.filter((x) => x !== gone.segmentId) }));
    }
  };
  const replaceLocal = (id: number, l: LabelView) =>
    set((s) => ({ labels: s.labels.map((x) => (x.id === id ? l : x)) }));

  /** Re-creates a label (optimistically); `previousId` will resolve to the new one. */
  const applyLabel = (label: LabelView, previousId?: number): Promise<LabelView> => {
    const temp = { ...label, id: --tempSeq };
    if (previousId !== undefined) successor.set(previousId, temp.id);
    addLocal(temp);
    return enqueue(async () => {
      const saved = await call('coding.apply', {
        segmentId: label.segmentId,
        codeKey: label.codeKey,
        coderId: label.coderId,
        span: label.span,
        memo: label.memo || undefined,
      });
      successor.set(temp.id, saved.id);
      return saved;
    }).then(
      (saved) => {
        if (get().labels.some((l) => l.id === temp.id)) replaceLocal(temp.id, saved);
        return saved;
      },
      (e: unknown) => {
        removeLocal(temp.id);
        throw e;
      },
    );
  };

  const removeLabelNow = (label: LabelView): Promise<void> => {
    const before = get().labels.find((l) => l.id === realId(label.id)) ?? label;
    removeLocal(realId(label.id));
    return enqueue(async () => {
      const id = realId(label.id);
      if (id < 0) return; // its apply failed: nothing to remove
      await call('coding.remove', { labelId: id, coderId: label.coderId });
    }).catch((e: unknown) => {
      addLocal(before);
      throw e;
    });
  };

  const memoNow = (label: LabelView, memo: string): Promise<void> => {
    const id = realId(label.id);
    const local = get().labels.find((l) => l.id === id);
    if (local) replaceLocal(id, { ...local, memo });
    return enqueue(async () => {
      await call('coding.setMemo', { labelId: realId(label.id), memo });
    }).catch((e: unknown) => {
      if (local) replaceLocal(realId(label.id), local);
      throw e;
    });
  };

  const doneNow = (segmentId: number, coderId: number, done: boolean): Promise<void> => {
    const was = get().done;
    if (coderId === get().coderId)
      set({
        done: done ? [...was.filter((x) => x !== segmentId), segmentId] : was.filter((x) => x !== segmentId),
      });
    return enqueue(async () => {
      await call('coding.setSegmentDone', { segmentId, coderId, done });
    }).catch((e: unknown) => {
      if (coderId === get().coderId) set({ done: was });
      throw e;
    });
  };

  /** A new action: runs it, makes it undoable, and drops it from the stack again if it fails. */
  const record = (action: CodingAction, run: Promise<unknown>, message: string) => {
    set((s) => ({ undoStack: [...s.undoStack, action].slice(-200), redoStack: [] }));
    toast(message, 'undo');
    run.catch((e: unknown) => {
      set((s) => ({ undoStack: s.undoStack.filter((a) => a !== action) }));
      if (get().toast?.message === message) set({ toast: null });
      reportError(e);
    });
  };

  const describe = (a: CodingAction): string => {
    switch (a.kind) {
      case 'apply':
        return `applied ${quote(a.label.codeName)} to segment ${a.segmentNumber}`;
      case 'remove':
        return `removed ${quote(a.label.codeName)} from segment ${a.segmentNumber}`;
      case 'memo':
        return `memo on ${quote(a.label.codeName)}`;
      case 'done':
        return `${a.done ? 'marked' : 'unmarked'} segment ${a.segmentNumber} as coded`;
    }
  };

  /** Runs an action backwards (undo) or forwards again (redo). */
  const replay = (a: CodingAction, forward: boolean): Promise<unknown> => {
    switch (a.kind) {
      case 'apply':
        return forward ? applyLabel(a.label, realId(a.label.id)) : removeLabelNow(a.label);
      case 'remove':
        return forward ? removeLabelNow(a.label) : applyLabel(a.label, realId(a.label.id));
      case 'memo':
        return memoNow(a.label, forward ? a.after : a.before);
      case 'done':
        return doneNow(a.segmentId, a.coderId, forward ? a.done : !a.done);
    }
  };

  const loadCoders = async () => {
    const coders = await call('coders.list', {});
    set({ coders });
    return coders;
  };

  return {
    path: null,
    coders: [],
    coderId: null,
    blind: false,
    documentId: null,
    labels: [],
    done: [],
    labelsLoading: false,
    selection: null,
    filter: null,
    pins: [],
    memo: null,
    undoStack: [],
    redoStack: [],
    toast: null,

    async ensureLoaded(path) {
      if (get().path === path) return;
      const p = readPrefs(path);
      successor.clear();
      set({
        path,
        coders: [],
        coderId: null,
        blind: p.blind,
        pins: p.pins,
        documentId: null,
        labels: [],
        done: [],
        selection: null,
        filter: null,
        memo: null,
        undoStack: [],
        redoStack: [],
        toast: null,
      });
      try {
        const humans = (await loadCoders()).filter((c) => c.kind === 'human');
        const remembered = humans.find((c) => c.id === p.coderId);
        const coderId = remembered?.id ?? (humans.length === 1 ? humans[0]!.id : null);
        set({ coderId });
        if (get().documentId !== null) await get().loadDocument(get().documentId);
      } catch (e) {
        reportError(e);
      }
    },

    async createCoder(name) {
      try {
        const coder = await call('coders.create', { name });
        set((s) => ({ coders: [...s.coders.filter((c) => c.id !== coder.id), coder] }));
        get().chooseCoder(coder.id);
        return true;
      } catch (e) {
        reportError(e);
        return false;
      }
    },

    chooseCoder(coderId) {
      set({ coderId, selection: null });
      writePrefs(get().path, prefs());
      void get().loadDocument(get().documentId);
    },

    setBlind(blind) {
      set({ blind });
      writePrefs(get().path, prefs());
      void get().loadDocument(get().documentId);
    },

    async loadDocument(documentId) {
      const seq = ++loadSeq;
      const changed = documentId !== get().documentId;
      set({
        documentId,
        labelsLoading: documentId !== null,
        ...(changed ? { labels: [], done: [], selection: null, filter: null, memo: null } : {}),
      });
      if (documentId === null) return;
      const { coderId, blind, filter } = get();
      try {
        const [labels, done] = await Promise.all([
          call('coding.documentLabels', {
            documentId,
            onlyCoderId: blind && coderId !== null ? coderId : undefined,
          }),
          coderId === null ? Promise.resolve([]) : call('coding.doneSegments', { documentId, coderId }),
        ]);
        if (seq !== loadSeq) return;
        set({ labels, done, labelsLoading: false });
        // the filter follows blind mode and the coder: a blind coder sees only their own segments
        if (filter && !changed) await get().setFilter(filter.codeKey);
      } catch (e) {
        if (seq === loadSeq) set({ labelsLoading: false });
        reportError(e);
      }
    },

    toggleCode(segment, codeKey) {
      const s = get();
      const coder = s.coders.find((c) => c.id === s.coderId);
      if (!coder) {
        reportInfo('Choose or add a coder first (top of the coding panel).');
        return;
      }
      const active = useCodebook.getState().active;
      const code = active?.codes.find((c) => c.key === codeKey);
      if (!active || !code) return;
      const selection = s.selection?.segmentId === segment.id ? s.selection : null;
      const span = selection ? documentSpan(segment, selection) : null;
      const number = segment.index + 1;
      if (selection) {
        set({ selection: null });
        window.getSelection()?.removeAllRanges();
      }
      const existing = s.labels.find(
        (l) =>
          l.segmentId === segment.id &&
          l.codeKey === codeKey &&
          l.coderId === coder.id &&
          sameSpan(l.span, span),
      );
      if (existing) {
        record(
          { kind: 'remove', label: existing, segmentNumber: number },
          removeLabelNow(existing),
          `Removed ${quote(code.name)} from segment ${number}`,
        );
        return;
      }
      const label: LabelView = {
        id: --tempSeq,
        segmentId: segment.id,
        codeId: code.id,
        codeKey,
        codeName: code.name,
        color: code.color,
        coderId: coder.id,
        coderName: coder.name,
        source: 'human',
        span,
        memo: '',
        confidence: null,
        codebookVersion: active.version,
        createdAt: new Date().toISOString(),
      };
      record(
        { kind: 'apply', label, segmentNumber: number },
        applyLabel(label, label.id),
        `Applied ${quote(code.name)} to ${span ? 'a passage of ' : ''}segment ${number}`,
      );
    },

    removeLabel(label, segmentNumber) {
      record(
        { kind: 'remove', label, segmentNumber },
        removeLabelNow(label),
        `Removed ${quote(label.codeName)} from segment ${segmentNumber}`,
      );
    },

    setMemo(label, memo) {
      const current = get().labels.find((l) => l.id === realId(label.id)) ?? label;
      if (current.memo === memo) return;
      record(
        { kind: 'memo', label, before: current.memo, after: memo },
        memoNow(label, memo),
        memo ? `Memo saved on ${quote(label.codeName)}` : `Memo removed from ${quote(label.codeName)}`,
      );
    },

    toggleDone(segment) {
      const { coderId, labels, done } = get();
      if (coderId === null) {
        reportInfo('Choose or add a coder first (top of the coding panel).');
        return;
      }
      if (labels.some((l) => l.segmentId === segment.id && l.coderId === coderId)) {
        reportInfo(`Segment ${segment.index + 1} has your codes, so it counts as coded already.`);
        return;
      }
      const next = !done.includes(segment.id);
      const number = segment.index + 1;
      record(
        { kind: 'done', segmentId: segment.id, coderId, done: next, segmentNumber: number },
        doneNow(segment.id, coderId, next),
        next ? `Segment ${number} marked as coded: no code applies` : `Segment ${number} no longer marked`,
      );
    },

    undo() {
      const action = get().undoStack.at(-1);
      if (!action) {
        toast('Nothing to undo', null);
        return;
      }
      set((s) => ({ undoStack: s.undoStack.slice(0, -1), redoStack: [...s.redoStack, action] }));
      toast(`Undone: ${describe(action)}`, 'redo');
      replay(action, false).catch(reportError);
    },

    redo() {
      const action = get().redoStack.at(-1);
      if (!action) {
        toast('Nothing to redo', null);
        return;
      }
      set((s) => ({ redoStack: s.redoStack.slice(0, -1), undoStack: [...s.undoStack, action] }));
      toast(`Redone: ${describe(action)}`, 'undo');
      replay(action, true).catch(reportError);
    },

    setSelection: (selection) => set({ selection }),

    async setFilter(codeKey) {
      const { documentId, coderId, blind } = get();
      if (codeKey === null || documentId === null) {
        set({ filter: null });
        useReader.getState().showOnly(null);
        return;
      }
      try {
        const found = await call('coding.segmentsWithCode', {
          codeKey,
          documentId,
          coderId: blind && coderId !== null ? coderId : undefined,
        });
        if (get().documentId !== documentId) return;
        set({ filter: { codeKey, segmentIds: found.map((f) => f.segmentId) } });
        useReader.getState().showOnly(found.map((f) => f.index));
      } catch (e) {
        reportError(e);
      }
    },

    togglePin(key) {
      set((s) => ({ pins: s.pins.includes(key) ? s.pins.filter((k) => k !== key) : [...s.pins, key] }));
      writePrefs(get().path, prefs());
    },

    openMemo(labelId, anchor) {
      set({ memo: { labelId, x: anchor.left, y: anchor.bottom } });
    },

    closeMemo: () => set({ memo: null }),

    dismissToast: () => set({ toast: null }),
  };
});

/** The label a (possibly re-created) label id stands for now. */
export const currentLabelId = realId;
