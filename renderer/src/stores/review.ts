import { create } from 'zustand';
import type {
  Dashboard,
  DecideResult,
  DecisionView,
  ItemDetail,
  QueueItem,
  ReviewReason,
  ReviewState,
} from '../../../shared/contract/review';
import { call, errorMessage } from '../rpc/client';
import { reportError, reportInfo } from './notices';

// The review of AI labels (DESIGN §1.7): a risk-ordered queue and the random audit
// sample, one item in context, decisions by keyboard with undo, conflicts with other
// reviewers shown instead of overwritten, and the study lead's dashboard.

const PAGE = 100;
const REVIEWER_KEY = 'concord.reviewer';

export type QueueKind = 'risk' | 'audit';
export type ReviewTab = 'queue' | 'dashboard';
export type StateFilter = 'pending' | 'decided' | 'all';

export interface ReviewFilters {
  codeKey: string | null;
  documentId: number | null;
  reason: ReviewReason | null;
  state: StateFilter;
  kind: 'all' | 'present' | 'absent';
}

export interface Conflict {
  itemId: number;
  message: string;
  theirs: DecisionView | null;
}

interface ReviewState_ {
  reviewer: string;
  tab: ReviewTab;
  queue: QueueKind;
  filters: ReviewFilters;
  items: QueueItem[];
  total: number;
  nextCursor: string | null;
  index: number;
  loading: boolean;
  error: string | null;
  detail: ItemDetail | null;
  /** decisions of this session, newest last: what u / Ctrl+Z undoes */
  undoStack: number[];
  session: { decisions: number; startedAt: number | null; lastAt: number | null };
  conflict: Conflict | null;
  showDefinition: boolean;
  dashboard: Dashboard | null;
  setReviewer(name: string): void;
  setTab(tab: ReviewTab): void;
  setQueue(queue: QueueKind): void;
  setFilters(patch: Partial<ReviewFilters>): void;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  select(index: number): void;
  move(delta: number): void;
  decide(
    action: 'accept' | 'reject' | 'change_code' | 'memo',
    extra?: { codeKey?: string; memo?: string },
  ): Promise<void>;
  addCode(codeKey: string): Promise<void>;
  undo(): Promise<void>;
  toggleDefinition(): void;
  loadDashboard(): Promise<void>;
  createAuditSample(size: number, seed: number | null): Promise<void>;
}

const STATES: Record<StateFilter, ReviewState[]> = {
  pending: ['pending'],
  decided: ['accepted', 'rejected', 'changed', 'added'],
  all: ['pending', 'accepted', 'rejected', 'changed', 'added'],
};

function storedReviewer(): string {
  try {
    return localStorage.getItem(REVIEWER_KEY) || 'Reviewer';
  } catch {
    return 'Reviewer';
  }
}

// Decisions are sent one at a time, in key-press order, so a fast reviewer never races
// their own previous decision.
let chain: Promise<unknown> = Promise.resolve();
const serial = <T>(task: () => Promise<T>): Promise<T> => {
  const next = chain.then(task, task);
  chain = next.catch(() => undefined);
  return next;
};

let detailSeq = 0;
let dashboardTimer: ReturnType<typeof setTimeout> | undefined;

export const useReview = create<ReviewState_>()((set, get) => {
  const queueParams = () => {
    const { filters, queue } = get();
    return {
      queue,
      filters: {
        states: STATES[filters.state],
        kind: filters.kind,
        ...(filters.codeKey ? { codeKeys: [filters.codeKey] } : {}),
        ...(filters.documentId !== null ? { documentIds: [filters.documentId] } : {}),
        ...(filters.reason ? { reasons: [filters.reason] } : {}),
      },
      limit: PAGE,
    };
  };

  const loadDetail = async (itemId: number) => {
    const seq = ++detailSeq;
    try {
      const detail = await call('review.item', { itemId, contextTurns: 2 });
      if (seq === detailSeq) set({ detail });
    } catch (e) {
      if (seq === detailSeq) set({ detail: null, error: errorMessage(e) });
    }
  };

  const refreshDashboardSoon = () => {
    clearTimeout(dashboardTimer);
    dashboardTimer = setTimeout(() => void get().loadDashboard(), 250);
  };

  const replaceItem = (item: QueueItem) =>
    set((s) => ({ items: s.items.map((x) => (x.itemId === item.itemId ? item : x)) }));

  /** applies a decision's result: the item's new state, or the conflict to show */
  const applyResult = (r: DecideResult, advance: boolean) => {
    replaceItem(r.item);
    if (r.status === 'conflict') {
      set({ conflict: { itemId: r.item.itemId, message: r.message, theirs: r.theirs } });
      void loadDetail(r.item.itemId);
      return false;
    }
    set((s) => ({
      conflict: s.conflict?.itemId === r.item.itemId ? null : s.conflict,
      session: r.repeated
        ? s.session
        : {
            decisions: s.session.decisions + 1,
            startedAt: s.session.startedAt ?? Date.now(),
            lastAt: Date.now(),
          },
    }));
    if (advance) get().move(1);
    else if (get().items[get().index]?.itemId === r.item.itemId) void loadDetail(r.item.itemId);
    refreshDashboardSoon();
    return true;
  };

  return {
    reviewer: storedReviewer(),
    tab: 'queue',
    queue: 'risk',
    filters: { codeKey: null, documentId: null, reason: null, state: 'pending', kind: 'present' },
    items: [],
    total: 0,
    nextCursor: null,
    index: 0,
    loading: false,
    error: null,
    detail: null,
    undoStack: [],
    session: { decisions: 0, startedAt: null, lastAt: null },
    conflict: null,
    showDefinition: false,
    dashboard: null,

    setReviewer(name) {
      set({ reviewer: name });
      try {
        localStorage.setItem(REVIEWER_KEY, name);
      } catch {
        // private mode: the name lasts for the session
      }
    },

    setTab(tab) {
      set({ tab });
      if (tab === 'dashboard') void get().loadDashboard();
    },

    setQueue(queue) {
      set({ queue });
      void get().load();
    },

    setFilters(patch) {
      set((s) => ({ filters: { ...s.filters, ...patch } }));
      void get().load();
    },

    async load() {
      set({ loading: true, error: null, conflict: null });
      try {
        const page = await call('review.queue', queueParams());
        set({ items: page.items, total: page.total, nextCursor: page.nextCursor, index: 0, loading: false });
        if (page.items[0]) void loadDetail(page.items[0].itemId);
        else set({ detail: null });
      } catch (e) {
        set({ loading: false, error: errorMessage(e), items: [], total: 0, detail: null });
      }
      void get().loadDashboard();
    },

    async loadMore() {
      const cursor = get().nextCursor;
      if (!cursor || get().loading) return;
      set({ loading: true });
      try {
        const page = await call('review.queue', { ...queueParams(), cursor });
        set((s) => ({ items: [...s.items, ...page.items], nextCursor: page.nextCursor, loading: false }));
      } catch (e) {
        set({ loading: false });
        reportError(e);
      }
    },

    select(index) {
      const item = get().items[index];
      if (!item) return;
      set({ index, showDefinition: get().showDefinition });
      void loadDetail(item.itemId);
      if (index >= get().items.length - 10) void get().loadMore();
    },

    move(delta) {
      const { index, items } = get();
      const next = Math.max(0, Math.min(items.length - 1, index + delta));
      if (next !== index) get().select(next);
    },

    decide(action, extra = {}) {
      return serial(async () => {
        const { items, index, reviewer } = get();
        const item = items[index];
        if (!item) return;
        try {
          const r = await call('review.decide', {
            itemId: item.itemId,
            baseRevision: item.revision,
            reviewer,
            action,
            ...extra,
          });
          if (applyResult(r, action !== 'memo') && action !== 'memo') {
            set((s) => ({ undoStack: [...s.undoStack, item.itemId] }));
          }
        } catch (e) {
          reportError(e);
        }
      });
    },

    addCode(codeKey) {
      return serial(async () => {
        const { items, index, reviewer, detail } = get();
        const item = items[index];
        if (!item) return;
        // the item of that code on this segment, if the AI decided it
        const existing = detail?.aiCodes.find((c) => c.codeKey === codeKey);
        try {
          const r = await call('review.addCode', {
            segmentId: item.segmentId,
            coderId: item.coderId,
            codeKey,
            reviewer,
            baseRevision: existing?.revision ?? 0,
          });
          if (r.status === 'applied') {
            reportInfo(`Added “${r.item.codeName ?? codeKey}” to this segment.`);
            set((s) => ({
              undoStack: [...s.undoStack, r.item.itemId],
              session: {
                decisions: s.session.decisions + 1,
                startedAt: s.session.startedAt ?? Date.now(),
                lastAt: Date.now(),
              },
            }));
            void loadDetail(item.itemId);
            refreshDashboardSoon();
          } else {
            set({ conflict: { itemId: r.item.itemId, message: r.message, theirs: r.theirs } });
          }
        } catch (e) {
          reportError(e);
        }
      });
    },

    undo() {
      return serial(async () => {
        const stack = get().undoStack;
        const itemId = stack.at(-1);
        if (itemId === undefined) {
          reportInfo('Nothing to undo in this session.');
          return;
        }
        const known = get().items.find((x) => x.itemId === itemId);
        let revision = known?.revision;
        if (revision === undefined)
          revision = (await call('review.item', { itemId, contextTurns: 0 })).item.revision;
        try {
          const r = await call('review.undo', { itemId, baseRevision: revision, reviewer: get().reviewer });
          set({ undoStack: stack.slice(0, -1) });
          replaceItem(r.item);
          if (r.status === 'conflict') {
            set({ conflict: { itemId, message: r.message, theirs: r.theirs } });
          } else {
            set((s) => ({ session: { ...s.session, decisions: Math.max(0, s.session.decisions - 1) } }));
            refreshDashboardSoon();
          }
          const at = get().items.findIndex((x) => x.itemId === itemId);
          if (at >= 0) get().select(at);
        } catch (e) {
          reportError(e);
        }
      });
    },

    toggleDefinition: () => set((s) => ({ showDefinition: !s.showDefinition })),

    async loadDashboard() {
      try {
        set({ dashboard: await call('review.dashboard', {}) });
      } catch (e) {
        reportError(e);
      }
    },

    async createAuditSample(size, seed) {
      try {
        const sample = await call('review.auditSample.create', { size, ...(seed !== null ? { seed } : {}) });
        reportInfo(
          `Audit sample drawn: ${sample.segments} segments, ${sample.items} items (seed ${sample.seed ?? '—'}).`,
        );
        await get().load();
      } catch (e) {
        reportError(e);
      }
    },
  };
});

/** Items per hour between this session's first and latest decision, once there is enough to say. */
export function sessionRate(session: ReviewState_['session']): number | null {
  if (!session.startedAt || !session.lastAt || session.decisions < 2) return null;
  // the first decision took time too: count the span as one more interval
  const hours =
    ((session.lastAt - session.startedAt) * session.decisions) / (session.decisions - 1) / 3_600_000;
  return hours > 0 ? session.decisions / hours : null;
}
