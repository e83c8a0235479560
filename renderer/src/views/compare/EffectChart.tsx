import { useCallback, useMemo } from 'react';
import type { CompareResult } from '../../../../shared/contract/compare';
import { useCompare } from '../../stores/compare';
import { codeFamilies, type CodeFamily } from './codeTree';
import { effectPanel } from './effectFigure';
import { effectLegend, effectNotes, effectSubtitle, effectTitle, FIGURE_WIDTH } from './figures';
import { FigureLegend } from './FigureLegend';
import { PlotFigure } from './PlotFigure';

// The diverging bar chart, one panel per code family, as it will look in a report.
// Clicking a row opens the excerpts of the group the bar points to.

function FamilyPanel({ family, result }: { family: CodeFamily; result: CompareResult }) {
  const openExcerpts = useCompare((s) => s.openExcerpts);
  const selectedCode = useCompare((s) => s.drawer?.target.code ?? null);
  const build = useCallback(
    () => effectPanel({ family, result, width: FIGURE_WIDTH, interactive: true }),
    [family, result],
  );
  return (
    <section className="cmp-panel" data-testid="effect-panel" data-family={family.id}>
      <h4 className="cmp-panel-title">
        <span className="cmp-code-dot" style={{ background: family.color }} aria-hidden="true" />
        {family.name}
      </h4>
      <PlotFigure
        build={build}
        className="cmp-plot"
        selected={selectedCode ? { 'data-code': selectedCode } : null}
        onActivate={(t) => {
          const code = t.getAttribute('data-code');
          const group = t.getAttribute('data-group') === 'b' ? 'b' : 'a';
          if (code) void openExcerpts({ kind: 'group', code, group });
        }}
      />
    </section>
  );
}

export function EffectChart({ result }: { result: CompareResult }) {
  const families = useMemo(() => codeFamilies(result.codes), [result]);
  return (
    <figure className="cmp-figure" data-testid="effect-chart">
      <figcaption className="cmp-figure-head">
        <h3 className="cmp-figure-title">{effectTitle(result)}</h3>
        <p className="cmp-figure-subtitle">{effectSubtitle(result)}</p>
        <FigureLegend items={effectLegend(result)} />
      </figcaption>
      {families.map((f) => (
        <FamilyPanel key={f.id} family={f} result={result} />
      ))}
      <footer className="cmp-figure-notes">
        {effectNotes(result).map((n) => (
          <p key={n}>{n}</p>
        ))}
      </footer>
    </figure>
  );
}
