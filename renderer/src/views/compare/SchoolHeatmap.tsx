import { useCallback, useMemo } from 'react';
import type { CompareResult } from '../../../../shared/contract/compare';
import { SCHOOL_ATTRIBUTE, useCompare } from '../../stores/compare';
import { heatmapTitle } from './figures';
import { groupsLine } from './figures';
import { heatmapLegend, heatmapPanel, shareDomain } from './heatmapFigure';
import { PlotFigure } from './PlotFigure';
import { schoolHeatmap } from './schoolShares';

// Codes × schools. A cell opens the excerpts of that code at that school.

export function SchoolHeatmap({ result }: { result: CompareResult }) {
  const measure = useCompare((s) => s.heatmapMeasure);
  const setMeasure = useCompare((s) => s.setHeatmapMeasure);
  const openExcerpts = useCompare((s) => s.openExcerpts);
  const target = useCompare((s) => s.drawer?.target ?? null);
  const heatmap = useMemo(() => schoolHeatmap(result, measure), [result, measure]);
  const buildLegend = useCallback(
    () => heatmapLegend(measure, heatmap ? shareDomain(heatmap, measure) : [0, 1]),
    [heatmap, measure],
  );
  const build = useCallback(
    () =>
      heatmapPanel({
        heatmap: heatmap ?? { columns: [], rows: [], cells: [] },
        a: result.a,
        b: result.b,
        measure,
        interactive: true,
      }),
    [heatmap, result, measure],
  );

  if (!heatmap) {
    return (
      <div className="empty-state" data-testid="heatmap-empty">
        <p>No schools to show</p>
        <p className="muted">
          The heatmap needs a “{SCHOOL_ATTRIBUTE}” attribute on the compared documents. Set it in the
          Documents view (or import a metadata CSV with a {SCHOOL_ATTRIBUTE} column).
        </p>
      </div>
    );
  }

  return (
    <figure className="cmp-figure" data-testid="school-heatmap">
      <figcaption className="cmp-figure-head">
        <div className="cmp-figure-title-row">
          <h3 className="cmp-figure-title">{heatmapTitle(result, measure)}</h3>
          <div className="cmp-segmented cmp-segmented-small" role="radiogroup" aria-label="Share of">
            {(['documents', 'segments'] as const).map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={measure === m}
                className={measure === m ? 'is-on' : ''}
                onClick={() => setMeasure(m)}
                data-testid={`heatmap-measure-${m}`}
              >
                {m === 'documents' ? 'Interviews' : 'Segments'}
              </button>
            ))}
          </div>
        </div>
        <p className="cmp-figure-subtitle">
          Codes × schools, schools grouped by {result.by}. {groupsLine(result)}
        </p>
        <PlotFigure build={buildLegend} className="cmp-plot-legend" />
      </figcaption>
      <PlotFigure
        build={build}
        className="cmp-plot"
        testId="heatmap-plot"
        selected={
          target?.kind === 'school' ? { 'data-code': target.code, 'data-school': target.school } : null
        }
        onActivate={(t) => {
          const code = t.getAttribute('data-code');
          const school = t.getAttribute('data-school');
          if (code && school) void openExcerpts({ kind: 'school', code, school });
        }}
      />
      <footer className="cmp-figure-notes">
        <p>
          Cell value: percentage of the school’s{' '}
          {measure === 'documents'
            ? 'interviews that mention the code at least once'
            : 'segments coded with the code'}
          . Click a cell to read its excerpts.
        </p>
      </footer>
    </figure>
  );
}
