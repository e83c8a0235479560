import type { Comparison } from '../../../../shared/contract/calibration';
import { metric, METRIC_NAMES } from './formatMetric';

// The two setups side by side: one line per side, then B − A per code, largest change
// first, so the codes a new configuration or codebook wording moved stand out.

/** A difference with its sign: "+0.12", "−0.05", "–" when either side is undefined. */
function signed(d: number | null): string {
  if (d === null || !Number.isFinite(d)) return '–';
  return d > 0 ? `+${metric(d)}` : metric(d);
}

/** Largest absolute difference first; undefined ones last, in codebook order (the sort is stable). */
const magnitude = (d: number | null) => (d === null || !Number.isFinite(d) ? -1 : Math.abs(d));

export function ComparisonResult({ result }: { result: Comparison }) {
  const named = METRIC_NAMES[result.metric];
  const m = named
    ? { short: named.short, long: `${named.long} between each setup’s coders` }
    : { short: result.metric, long: result.metric };
  const changed = new Map(result.changed_codes.map((c) => [c.code_id, c]));
  const rows = [...result.codes].sort((x, y) => magnitude(y.difference) - magnitude(x.difference));
  // F1 needs an AI coder in the side: hide the columns when neither side has one
  const hasF1 = result.codes.some((c) => c.a?.f1 != null || c.b?.f1 != null);

  return (
    <div className="stack cal-compare-result" data-testid="compare-result">
      {result.warnings.length > 0 && (
        <ul className="cal-warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="cal-compare-heads">
        {(['a', 'b'] as const).map((side) => {
          const s = result[side];
          const coders = s.coders.join(' + ');
          // the overall n_units counts segment × code decisions; a code's counts segments
          const segments = Math.max(0, ...result.codes.map((c) => c[side]?.n_units ?? 0));
          return (
            <div key={side} className="cal-compare-head" data-testid="compare-arm" data-arm={side}>
              <span className="cal-compare-side">{side.toUpperCase()}</span>
              <div className="stack-tight">
                <strong>{s.label}</strong>
                <span className="muted small">
                  {s.label !== coders && `${coders} · `}
                  <span title={`${s.n_units} segment × code decisions pooled in the overall value`}>
                    {segments} segments
                  </span>{' '}
                  · codebook{' '}
                  {s.codebook_versions.length ? s.codebook_versions.map((v) => `v${v}`).join(', ') : '–'}
                </span>
              </div>
              <span className="cal-compare-overall" title={`Overall ${m.long}`}>
                <span className="muted small">{m.short}</span>{' '}
                <span data-testid="compare-overall">{metric(s.overall)}</span>
              </span>
            </div>
          );
        })}
      </div>
      <p className="muted small">
        {m.long}, per code; B − A, largest change first.
        {hasF1 && ' F1: each setup’s first AI coder against the reference coders.'}
        {changed.size > 0 &&
          ' “Wording changed” marks codes whose definition differs between the codebook versions.'}
      </p>
      <table className="ai-table cal-compare-table">
        <thead>
          <tr>
            <th>Code</th>
            <th className="num">
              A <span className="cal-metric-symbol">{m.short}</span>
            </th>
            <th className="num">
              B <span className="cal-metric-symbol">{m.short}</span>
            </th>
            <th className="num">B − A</th>
            {hasF1 && <th className="num">A F1</th>}
            {hasF1 && <th className="num">B F1</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => {
            const change = changed.get(c.code_id);
            const d = c.difference;
            const trend = d === null || Math.abs(d) < 0.005 ? '' : d > 0 ? ' is-up' : ' is-down';
            return (
              <tr
                key={c.code_id}
                data-testid="compare-code"
                data-code={c.code_id}
                data-changed={change ? 'true' : undefined}
              >
                <td>
                  <div className="cal-compare-code">
                    <span className="truncate">{c.code}</span>
                    {change && (
                      <span
                        className="tag tag-changed"
                        title={`${change.fields.join(', ')} differ between codebook versions ${change.versions.map((v) => `v${v}`).join(', ')}`}
                      >
                        wording changed
                      </span>
                    )}
                  </div>
                </td>
                <td className="num" title={c.a ? `${c.a.n_units} segments` : 'not in setup A'}>
                  {metric(c.a?.value)}
                </td>
                <td className="num" title={c.b ? `${c.b.n_units} segments` : 'not in setup B'}>
                  {metric(c.b?.value)}
                </td>
                <td className={`num cal-compare-diff${trend}`}>{signed(d)}</td>
                {hasF1 && <td className="num">{metric(c.a?.f1)}</td>}
                {hasF1 && <td className="num">{metric(c.b?.f1)}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
