import { create } from 'zustand';
import type {
  CompareExcerpt,
  CompareLabelSource,
  CompareLevel,
  CompareOptions,
  CompareResult,
} from '../../../shared/contract/compare';
import { call, errorMessage } from '../rpc/client';
import type { SortState } from '../views/compare/rowOrder';
import type { HeatmapMeasure } from '../views/compare/schoolShares';

/** The attribute that names a document's school: the unit of the school level and the heatmap's columns. */
export const SCHOOL_ATTRIBUTE = 'school';
/** `b` meaning "every other value of the attribute". */
export const REST = '\u0000rest';

export interface CompareSettings {
  by: string;
  /** null: the attribute's two values in sorted order (the backend's default) */
  a: string | null;
  /** a value, REST, or null */
  b: string | null;
  /** one comparison per value against all the others (attributes with more than two values) */
  each: boolean;
  level: CompareLevel;
  source: CompareLabelSource;
  /** a code also counts where its subcodes were applied */
  rollup: boolean;
  breakdown: string | null;
}

export type CompareTab = 'table' | 'chart' | 'heatmap';

/** What an excerpts drawer shows: one code in one group, or one code at one school. */
export type ExcerptTarget =
  { kind: 'group'; code: string; group: 'a' | 'b' } | { kind: 'school'; code: string; school: string };

export interface ExcerptsState {
  target: ExcerptTarget;
  /** the comparison the excerpts belong to (its group names and counts) */
  result: CompareResult;
  excerpts: CompareExcerpt[];
  total: number;
  loading: boolean;
  error: string | null;
}

interface CompareState {
  settings: CompareSettings;
  /** one result, or one per value in each-vs-rest mode */
  results: CompareResult[];
  /** which of `results` is shown */
  shown: number;
  loading: boolean;
  error: string | null;
  /** the project the results belong to; another project starts afresh */
  projectPath: string | null;
  tab: CompareTab;
  heatmapMeasure: HeatmapMeasure;
  sort: SortState;
  /** the table nests subcodes under their family */
  grouped: boolean;
  drawer: ExcerptsState | null;
  /** starts over for another project (keeps nothing of the previous one) */
  resetFor(projectPath: string): void;
  configure(patch: Partial<CompareSettings>): void;
  run(): Promise<void>;
  show(index: number): void;
  setTab(tab: CompareTab): void;
  setHeatmapMeasure(measure: HeatmapMeasure): void;
  setSort(sort: SortState): void;
  setGrouped(grouped: boolean): void;
  openExcerpts(target: ExcerptTarget): Promise<void>;
  moreExcerpts(): Promise<void>;
  closeExcerpts(): void;
}

const EXCERPT_PAGE = 50;

export const DEFAULT_SETTINGS: CompareSettings = {
  by: 'group',
  a: null,
  b: null,
  each: false,
  level: 'document',
  source: 'all',
  rollup: false,
  breakdown: null,
};

/**
 * The comparison as the backend and the exports take it. `withSchools` adds the
 * breakdown by school the heatmap is drawn from (left out of exported tables).
 */
export function compareOptions(
  s: CompareSettings,
  opts: { withSchools?: boolean; value?: string } = {},
): CompareOptions {
  const breakdowns = s.breakdown ? [s.breakdown] : [];
  if (opts.withSchools && s.breakdown !== SCHOOL_ATTRIBUTE) breakdowns.push(SCHOOL_ATTRIBUTE);
  const base: CompareOptions = {
    by: s.by,
    level: s.level,
    source: s.source,
    rollup: s.rollup,
    schoolAttribute: SCHOOL_ATTRIBUTE,
    ...(breakdowns.length ? { breakdowns } : {}),
  };
  if (opts.value !== undefined) return { ...base, a: opts.value, rest: true };
  if (s.a !== null && s.b === REST) return { ...base, a: s.a, rest: true };
  if (s.a !== null && s.b !== null) return { ...base, a: s.a, b: s.b };
  return base;
}

/** The options of the comparison on screen (in each-vs-rest mode: the value shown against the rest). */
export function shownOptions(state: Pick<CompareState, 'settings' | 'results' | 'shown'>): CompareOptions {
  const shown = state.results[state.shown];
  return compareOptions(state.settings, state.settings.each && shown ? { value: shown.a } : {});
}

let runSeq = 0;
let excerptSeq = 0;

export const useCompare = create<CompareState>()((set, get) => {
  const excerptParams = (target: ExcerptTarget, offset: number) => {
    const { settings } = get();
    const common = {
      level: settings.level,
      source: settings.source,
      rollup: settings.rollup,
      offset,
      limit: EXCERPT_PAGE,
    };
    if (target.kind === 'school') {
      // one school against the rest of the schools: group a is exactly that school's documents
      return {
        ...common,
        by: SCHOOL_ATTRIBUTE,
        a: target.school,
        rest: true,
        code: target.code,
        group: 'a' as const,
      };
    }
    const { breakdowns: _unused, ...options } = shownOptions(get());
    return { ...options, ...common, code: target.code, group: target.group };
  };

  const fetchExcerpts = async (offset: number) => {
    const drawer = get().drawer;
    if (!drawer) return;
    const seq = ++excerptSeq;
    set({ drawer: { ...drawer, loading: true, error: null } });
    try {
      const page = await call('compare.excerpts', excerptParams(drawer.target, offset));
      const now = get().drawer;
      if (seq !== excerptSeq || !now) return;
      set({
        drawer: {
          ...now,
          excerpts: offset === 0 ? page.excerpts : [...now.excerpts, ...page.excerpts],
          total: page.total,
          loading: false,
        },
      });
    } catch (e) {
      const now = get().drawer;
      if (seq === excerptSeq && now) set({ drawer: { ...now, loading: false, error: errorMessage(e) } });
    }
  };

  return {
    settings: DEFAULT_SETTINGS,
    results: [],
    shown: 0,
    loading: false,
    error: null,
    projectPath: null,
    tab: 'table',
    heatmapMeasure: 'segments',
    sort: { key: 'order', dir: 'asc' },
    grouped: true,
    drawer: null,

    resetFor(projectPath) {
      if (get().projectPath === projectPath) return;
      runSeq++;
      excerptSeq++;
      set({
        settings: DEFAULT_SETTINGS,
        results: [],
        shown: 0,
        error: null,
        projectPath,
        drawer: null,
        loading: false,
      });
    },

    configure(patch) {
      const settings = { ...get().settings, ...patch };
      const shownValue = get().results[get().shown]?.a;
      set({ settings, drawer: null });
      void get()
        .run()
        .then(() => {
          // keep showing the same value when only the level or the source changed
          const at = get().results.findIndex((r) => r.a === shownValue);
          if (settings.each && at >= 0) set({ shown: at });
        });
    },

    async run() {
      const seq = ++runSeq;
      const { settings } = get();
      set({ loading: true, error: null });
      try {
        const options = compareOptions(settings, { withSchools: true });
        const results = settings.each
          ? await call('compare.eachVsRest', options)
          : [await call('compare.run', options)];
        if (seq !== runSeq) return;
        set({ results, shown: Math.min(get().shown, Math.max(0, results.length - 1)), loading: false });
      } catch (e) {
        if (seq !== runSeq) return;
        set({ results: [], loading: false, error: errorMessage(e) });
      }
    },

    show(index) {
      set({ shown: index, drawer: null });
    },

    setTab: (tab) => set({ tab }),
    setHeatmapMeasure: (heatmapMeasure) => set({ heatmapMeasure }),
    setSort: (sort) => set({ sort }),
    setGrouped: (grouped) => set({ grouped }),

    async openExcerpts(target) {
      const result = get().results[get().shown];
      if (!result) return;
      set({ drawer: { target, result, excerpts: [], total: 0, loading: true, error: null } });
      await fetchExcerpts(0);
    },

    async moreExcerpts() {
      const drawer = get().drawer;
      if (!drawer || drawer.loading || drawer.excerpts.length >= drawer.total) return;
      await fetchExcerpts(drawer.excerpts.length);
    },

    closeExcerpts() {
      excerptSeq++;
      set({ drawer: null });
    },
  };
});
