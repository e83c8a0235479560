import { create } from 'zustand';
import type { Result } from '../../../shared/contract';
import type { Estimate, JobProgress, JobView, Selection } from '../../../shared/contract/llm';
import { call, errorMessage, onEvent } from '../rpc/client';
import { useAi } from './ai';
import { reportError, reportInfo } from './notices';

export type JobFailure = Result<'jobs.failures'>['failures'][number];

export interface StartRequest {
  coderId: number;
  selection: Selection;
  budgetUsd: number | null;
  concurrency: number;
}

interface EstimateState {
  /** what was asked (coder + selection), so a late answer to an older question is dropped */
  key: string;
  value: Estimate | null;
  error: string | null;
  loading: boolean;
}

interface FailuresState {
  jobId: number;
  total: number;
  items: JobFailure[];
  loading: boolean;
}

interface JobsState {
  path: string | null;
  /** newest first, with live figures merged in from progress events */
  jobs: JobView[];
  loaded: boolean;
  selectedJobId: number | null;
  estimate: EstimateState | null;
  /** moves when a job stops, so estimates of what is left are asked for again */
  estimateRevision: number;
  failures: FailuresState | null;
  /** a start / pause / resume / cancel request is on its way */
  acting: boolean;
  ensureLoaded(path: string): Promise<void>;
  reload(): Promise<void>;
  selectJob(id: number | null): void;
  loadEstimate(coderId: number, selection: Selection): Promise<void>;
  start(req: StartRequest): Promise<JobView | null>;
  pause(id: number): Promise<void>;
  resume(id: number): Promise<void>;
  cancel(id: number): Promise<void>;
  /** a new cap for a job stopped by its budget, and carry on */
  raiseBudget(job: JobView, budgetUsd: number | null): Promise<void>;
  loadFailures(jobId: number, more?: boolean): Promise<void>;
  onProgress(p: JobProgress): void;
}

const FAILURE_PAGE = 100;
const POLL_MS = 1000;
/** no event for this long while a job runs: ask for it instead */
const EVENT_SILENCE_MS = 1500;
const CODER_REFRESH_MS = 2000;

const estimateKey = (coderId: number, selection: Selection) => JSON.stringify([coderId, selection]);
const active = (j: JobView) => j.status === 'running' || j.status === 'queued';

const lastEventAt = new Map<number, number>();
// the backend does not keep a job's concurrency: a resume from this window asks for the same again
const concurrencyOf = new Map<number, number>();
const withConcurrency = (jobId: number) => {
  const c = concurrencyOf.get(jobId);
  return c === undefined ? {} : { concurrency: c };
};
let lastCoderRefresh = 0;
let live: { unsubscribe(): void; timer: ReturnType<typeof setInterval> } | null = null;
let estimateSeq = 0;

export const useJobs = create<JobsState>()((set, get) => {
  const upsert = (view: JobView) => {
    const jobs = get().jobs;
    const at = jobs.findIndex((j) => j.id === view.id);
    const next = at < 0 ? [view, ...jobs] : jobs.map((j) => (j.id === view.id ? view : j));
    next.sort((a, b) => b.id - a.id);
    set({ jobs: next });
  };

  /** Whatever a job's end changes elsewhere: label counts, the failures list, the estimate. */
  const afterStop = (job: JobView) => {
    void useAi.getState().refreshCoders();
    if (get().selectedJobId === job.id) void get().loadFailures(job.id);
    set({ estimateRevision: get().estimateRevision + 1 });
  };

  const applyView = (view: JobView) => {
    const before = get().jobs.find((j) => j.id === view.id);
    upsert(view);
    if (before && active(before) && !active(view)) afterStop(view);
  };

  const act = async (request: () => Promise<JobView>) => {
    set({ acting: true });
    try {
      const view = await request();
      lastEventAt.set(view.id, Date.now());
      applyView(view);
      return view;
    } catch (e) {
      reportError(e);
      return null;
    } finally {
      set({ acting: false });
    }
  };

  /** Events carry the figures; between events (or without them) running jobs are polled. */
  const poll = async () => {
    const now = Date.now();
    for (const job of get().jobs.filter(active)) {
      if (now - (lastEventAt.get(job.id) ?? 0) < EVENT_SILENCE_MS) continue;
      lastEventAt.set(job.id, now);
      try {
        applyView(await call('jobs.get', { jobId: job.id }));
      } catch {
        // the project closed or the job is gone; the next reload tells
      }
    }
  };

  const ensureLive = () => {
    if (live) return;
    const unsubscribe = onEvent((e) => {
      if (e.event === 'job.progress') get().onProgress(e.payload);
    });
    live = { unsubscribe, timer: setInterval(() => void poll(), POLL_MS) };
  };

  return {
    path: null,
    jobs: [],
    loaded: false,
    selectedJobId: null,
    estimate: null,
    estimateRevision: 0,
    failures: null,
    acting: false,

    async ensureLoaded(path) {
      ensureLive();
      if (get().path !== path) {
        lastEventAt.clear();
        set({ path, jobs: [], loaded: false, selectedJobId: null, estimate: null, failures: null });
      }
      await get().reload();
    },

    async reload() {
      try {
        const jobs = await call('jobs.list', {});
        const selected = get().selectedJobId;
        const keep = jobs.some((j) => j.id === selected);
        // the job to look at: the one chosen, else a running one, else the newest
        const selectedJobId = keep ? selected : (jobs.find(active)?.id ?? jobs[0]?.id ?? null);
        set({ jobs, loaded: true, selectedJobId });
        if (selectedJobId !== null && (!keep || get().failures?.jobId !== selectedJobId)) {
          void get().loadFailures(selectedJobId);
        }
      } catch (e) {
        set({ loaded: true });
        reportError(e);
      }
    },

    selectJob(id) {
      set({ selectedJobId: id });
      if (id !== null) void get().loadFailures(id);
      else set({ failures: null });
    },

    async loadEstimate(coderId, selection) {
      const key = estimateKey(coderId, selection);
      const seq = ++estimateSeq;
      const previous = get().estimate;
      set({
        estimate: { key, value: previous?.key === key ? previous.value : null, error: null, loading: true },
      });
      try {
        const value = await call('jobs.estimate', { coderId, selection });
        if (seq === estimateSeq) set({ estimate: { key, value, error: null, loading: false } });
      } catch (e) {
        if (seq === estimateSeq)
          set({ estimate: { key, value: null, error: errorMessage(e), loading: false } });
      }
    },

    async start({ coderId, selection, budgetUsd, concurrency }) {
      const view = await act(() =>
        call('jobs.start', { coderId, selection, budgetUsd: budgetUsd ?? null, concurrency }),
      );
      if (view) {
        concurrencyOf.set(view.id, concurrency);
        set({ estimateRevision: get().estimateRevision + 1 });
        get().selectJob(view.id);
        reportInfo(`Job #${view.id} started`);
      }
      return view;
    },

    async pause(id) {
      await act(() => call('jobs.pause', { jobId: id }));
    },

    async resume(id) {
      const view = await act(() => call('jobs.resume', { jobId: id, ...withConcurrency(id) }));
      if (view && get().selectedJobId === id) void get().loadFailures(id);
    },

    async cancel(id) {
      await act(() => call('jobs.cancel', { jobId: id }));
    },

    async raiseBudget(job, budgetUsd) {
      await act(() =>
        call('jobs.start', {
          coderId: job.coderId,
          selection: job.selection,
          budgetUsd,
          ...withConcurrency(job.id),
        }),
      );
    },

    async loadFailures(jobId, more = false) {
      const current = get().failures;
      const offset = more && current?.jobId === jobId ? current.items.length : 0;
      const keep = offset > 0 && current ? current.items : [];
      set({
        failures: { jobId, total: current?.jobId === jobId ? current.total : 0, items: keep, loading: true },
      });
      try {
        const page = await call('jobs.failures', { jobId, offset, limit: FAILURE_PAGE });
        if (get().selectedJobId !== jobId) return;
        set({ failures: { jobId, total: page.total, items: [...keep, ...page.failures], loading: false } });
      } catch (e) {
        set({ failures: null });
        reportError(e);
      }
    },

    onProgress(p) {
      lastEventAt.set(p.id, Date.now());
      const before = get().jobs.find((j) => j.id === p.id);
      if (!before) {
        // a job started elsewhere (the CLI, another window): fetch it whole
        void call('jobs.get', { jobId: p.id }).then(applyView, () => undefined);
        return;
      }
      if (active(before) && !active({ ...before, ...p })) {
        // an event carries figures only: the stored error code, end time and label count
        // come with the whole view, so the end is shown once, complete
        upsert({ ...before, ...p, status: before.status });
        void call('jobs.get', { jobId: p.id }).then(applyView, () => applyView({ ...before, ...p }));
        return;
      }
      applyView({ ...before, ...p });
      if (before.segmentsDone !== p.segmentsDone && Date.now() - lastCoderRefresh > CODER_REFRESH_MS) {
        lastCoderRefresh = Date.now();
        void useAi.getState().refreshCoders();
      }
    },
  };
});

/** The selected job as shown: the figures of the latest event or poll. */
export const selectedJob = (s: Pick<JobsState, 'jobs' | 'selectedJobId'>): JobView | null =>
  s.jobs.find((j) => j.id === s.selectedJobId) ?? null;

export { estimateKey };
