import { create } from 'zustand';
import type { Params } from '../../../shared/contract';
import type {
  AgreementReportView,
  AgreementRun,
  Drilldown,
  SampleView,
  Thresholds,
} from '../../../shared/contract/calibration';
import type { CoderView } from '../../../shared/contract/coding';
import { call, errorMessage } from '../rpc/client';
import { reportError, reportInfo } from './notices';

// Calibration (DESIGN §1.5): samples, which coders to compare, the agreement report,
// its drill-down into disagreeing segments and the agreement history.

const DRILL_PAGE = 20;

export interface DrillState {
  codeKey: string;
  code: Drilldown | null;
  loading: boolean;
  error: string | null;
}

interface CalibrationState {
  samples: SampleView[];
  coders: CoderView[];
  /** the sample the report is about; null = every segment the coders have all finished */
  sample: string | null;
  /** coder names, in the order picked */
  picked: string[];
  /** resamples for the 95% intervals (0 = none) */
  bootstrap: number;
  thresholds: Thresholds | null;
  report: AgreementReportView | null;
  loading: boolean;
  error: string | null;
  history: AgreementRun[];
  drill: DrillState | null;
  load(): Promise<void>;
  selectSample(name: string | null): void;
  toggleCoder(name: string): void;
  setBootstrap(n: number): void;
  createSample(params: Params<'calibration.samples.create'>): Promise<boolean>;
  saveThresholds(patch: Partial<Thresholds>): Promise<void>;
  run(): Promise<void>;
  openDrill(codeKey: string): Promise<void>;
  moreDrill(): Promise<void>;
  closeDrill(): void;
  /** adjudicates one (segment, code) disagreement of the picked human coders into the consensus */
  resolve(segmentId: number, codeKey: string, present: boolean): Promise<void>;
}

const scopeOf = (s: Pick<CalibrationState, 'picked' | 'sample'>) => ({
  coders: s.picked,
  ...(s.sample ? { sample: s.sample } : {}),
});

export const useCalibration = create<CalibrationState>()((set, get) => ({
  samples: [],
  coders: [],
  sample: null,
  picked: [],
  bootstrap: 200,
  thresholds: null,
  report: null,
  loading: false,
  error: null,
  history: [],
  drill: null,

  async load() {
    try {
      const [samples, coders, thresholds] = await Promise.all([
        call('calibration.samples.list', {}),
        call('coders.list', {}),
        call('agreement.thresholds.get', {}),
      ]);
      const s = get();
      const sample = s.sample ?? samples.find((x) => x.purpose === 'calibration')?.name ?? null;
      // by default the coders assigned to the sample, or every coder with labels
      const assigned = samples.find((x) => x.name === sample)?.assignments.map((a) => a.name) ?? [];
      const withLabels = coders.filter((c) => c.labels > 0).map((c) => c.name);
      const picked = s.picked.length ? s.picked : assigned.length >= 2 ? assigned : withLabels;
      set({ samples, coders, thresholds, sample, picked });
      void loadHistory(sample);
    } catch (e) {
      reportError(e);
    }
  },

  selectSample(name) {
    set({ sample: name, report: null, drill: null });
    void loadHistory(name);
  },

  toggleCoder(name) {
    const picked = get().picked;
    set({ picked: picked.includes(name) ? picked.filter((n) => n !== name) : [...picked, name] });
  },

  setBootstrap: (bootstrap) => set({ bootstrap }),

  async createSample(params) {
    try {
      const created = await call('calibration.samples.create', params);
      const samples = await call('calibration.samples.list', {});
      set({ samples });
      get().selectSample(created.name);
      reportInfo(`Sample “${created.name}” drawn: ${created.size} segments (seed ${created.seed ?? '—'}).`);
      return true;
    } catch (e) {
      reportError(e);
      return false;
    }
  },

  async saveThresholds(patch) {
    try {
      set({ thresholds: await call('agreement.thresholds.set', patch) });
      if (get().report) await get().run();
    } catch (e) {
      reportError(e);
    }
  },

  async run() {
    const s = get();
    if (s.picked.length < 2) {
      set({ error: 'Pick at least two coders to compare.' });
      return;
    }
    set({ loading: true, error: null, drill: null });
    try {
      const report = await call('agreement.report', {
        ...scopeOf(s),
        bootstrap: s.bootstrap,
        record: true,
      });
      set({ report, loading: false });
      void loadHistory(s.sample);
    } catch (e) {
      set({ loading: false, error: errorMessage(e), report: null });
    }
  },

  async openDrill(codeKey) {
    set({ drill: { codeKey, code: null, loading: true, error: null } });
    try {
      const code = await call('agreement.disagreements', {
        ...scopeOf(get()),
        codeKey,
        context: 1,
        limit: DRILL_PAGE,
      });
      if (get().drill?.codeKey === codeKey) set({ drill: { codeKey, code, loading: false, error: null } });
    } catch (e) {
      set({ drill: { codeKey, code: null, loading: false, error: errorMessage(e) } });
    }
  },

  async moreDrill() {
    const drill = get().drill;
    if (!drill?.code || drill.loading) return;
    set({ drill: { ...drill, loading: true } });
    try {
      const next = await call('agreement.disagreements', {
        ...scopeOf(get()),
        codeKey: drill.codeKey,
        context: 1,
        offset: drill.code.items.length,
        limit: DRILL_PAGE,
      });
      const items = [...drill.code.items, ...next.items];
      set({ drill: { ...drill, loading: false, code: { ...drill.code, items } } });
    } catch (e) {
      set({ drill: { ...drill, loading: false, error: errorMessage(e) } });
    }
  },

  closeDrill: () => set({ drill: null }),

  async resolve(segmentId, codeKey, present) {
    const s = get();
    const humans = s.report?.coders.filter((c) => c.role === 'human').map((c) => c.name) ?? [];
    if (!s.sample || humans.length < 2) {
      reportError(new Error('Consensus needs a sample and at least two human coders in the report.'));
      return;
    }
    try {
      // creates the consensus coder the first time; later calls find it
      await call('calibration.consensus.start', { sample: s.sample, coders: humans });
      await call('calibration.consensus.resolve', { segmentId, codeKey, present });
      reportInfo(`Consensus recorded: ${present ? 'applies' : 'does not apply'}.`);
      const coders = await call('coders.list', {});
      set({ coders });
    } catch (e) {
      reportError(e);
    }
  },
}));

async function loadHistory(sample: string | null): Promise<void> {
  try {
    const history = await call('agreement.history', sample ? { sample } : {});
    useCalibration.setState({ history });
  } catch {
    // the history is an extra: the report works without it
    useCalibration.setState({ history: [] });
  }
}
