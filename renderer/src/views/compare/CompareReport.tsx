import { useEffect } from 'react';
import { useViewShortcuts } from '../../components/coding/useViewShortcuts';
import { Spinner } from '../../components/Spinner';
import { shortcutLabel } from '../../keyboard/shortcuts';
import { useCompare, type CompareTab } from '../../stores/compare';
import { useDocuments } from '../../stores/documents';
import { useProject } from '../../stores/project';
import { BreakdownTable } from './BreakdownTable';
import { CompareControls } from './CompareControls';
import { GroupSummary, LevelNote } from './CompareSummary';
import { CompareTable } from './CompareTable';
import { EffectChart } from './EffectChart';
import { ExcerptsDrawer } from './ExcerptsDrawer';
import { ExportMenu } from './ExportMenu';
import { groupLabel } from './formatStats';
import { SchoolHeatmap } from './SchoolHeatmap';

// Group comparison (DESIGN §1.8): how often each code appears in two groups of
// documents, as a table, an effect chart and a codes × schools heatmap, with the
// excerpts behind every number one click away.

const TABS: {
  id: CompareTab;
  label: string;
  shortcut: 'compare.table' | 'compare.chart' | 'compare.heatmap';
}[] = [
  { id: 'table', label: 'Table', shortcut: 'compare.table' },
  { id: 'chart', label: 'Effect chart', shortcut: 'compare.chart' },
  { id: 'heatmap', label: 'Heatmap by school', shortcut: 'compare.heatmap' },
];

function EachValueTabs() {
  const results = useCompare((s) => s.results);
  const shown = useCompare((s) => s.shown);
  const show = useCompare((s) => s.show);
  return (
    <div className="cmp-values" role="tablist" aria-label="Value compared with the rest">
      {results.map((r, i) => (
        <button
          key={r.a}
          type="button"
          role="tab"
          aria-selected={i === shown}
          className={i === shown ? 'chip chip-active' : 'chip'}
          onClick={() => show(i)}
        >
          {groupLabel(r.a)} <span className="chip-count">vs rest</span>
        </button>
      ))}
    </div>
  );
}

export default function CompareReport() {
  const projectPath = useProject((s) => s.summary?.path ?? null);
  const settings = useCompare((s) => s.settings);
  const result = useCompare((s) => s.results[s.shown]);
  const loading = useCompare((s) => s.loading);
  const error = useCompare((s) => s.error);
  const tab = useCompare((s) => s.tab);
  const setTab = useCompare((s) => s.setTab);

  const attributes = useDocuments((s) => s.attributes);

  useEffect(() => {
    if (!projectPath) return;
    const store = useCompare.getState();
    store.resetFor(projectPath);
    // labels and attributes may have changed since the view was last shown
    void store.run();
    void useDocuments.getState().loadAttributes();
  }, [projectPath]);

  useEffect(() => {
    // an attribute with more than two values has no default pair: compare each value with the rest
    const { settings, configure } = useCompare.getState();
    const values = attributes.find((a) => a.name === settings.by)?.values.length ?? 0;
    if (values > 2 && !settings.each && settings.a === null) configure({ each: true });
  }, [attributes]);

  useViewShortcuts({
    'compare.table': () => setTab('table'),
    'compare.chart': () => setTab('chart'),
    'compare.heatmap': () => setTab('heatmap'),
    'compare.closeExcerpts': () => useCompare.getState().closeExcerpts(),
  });

  return (
    <div className="cmp-view" data-testid="compare-view">
      <header className="cmp-toolbar">
        <CompareControls />
        <ExportMenu />
      </header>
      <div className="cmp-main">
        <div className="cmp-scroll">
          <div className="cmp-page">
            <LevelNote level={settings.level} result={result} />
            {settings.each && <EachValueTabs />}
            {error && (
              <div className="cmp-error" role="alert" data-testid="compare-error">
                <p className="cmp-error-title">This comparison cannot be made</p>
                <p>{error}</p>
              </div>
            )}
            {!result && !error && (
              <div className="cmp-loading">
                <Spinner label="Comparing groups…" />
              </div>
            )}
            {result && (
              <div className={loading ? 'cmp-result is-stale' : 'cmp-result'} aria-busy={loading}>
                <GroupSummary result={result} />
                <nav className="cmp-tabs" role="tablist" aria-label="Views of the comparison">
                  {TABS.map((t) => (
                    <button
                      key={t.id}
                      type="button"
                      role="tab"
                      aria-selected={tab === t.id}
                      className={tab === t.id ? 'cmp-tab is-on' : 'cmp-tab'}
                      onClick={() => setTab(t.id)}
                      title={`${t.label} (${shortcutLabel(t.shortcut)})`}
                      data-testid={`compare-tab-${t.id}`}
                    >
                      {t.label}
                    </button>
                  ))}
                  {loading && <Spinner inline label="Updating…" />}
                </nav>
                {tab === 'table' && (
                  <>
                    <CompareTable result={result} />
                    {settings.breakdown && <BreakdownTable result={result} attribute={settings.breakdown} />}
                  </>
                )}
                {tab === 'chart' && <EffectChart result={result} />}
                {tab === 'heatmap' && <SchoolHeatmap result={result} />}
              </div>
            )}
          </div>
        </div>
        <ExcerptsDrawer />
      </div>
    </div>
  );
}
