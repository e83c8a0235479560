import type { AgreementRun } from '../../../../shared/contract/calibration';
import { metric } from './formatMetric';

// Agreement across iterations: the pooled value of each recorded run on this sample,
// oldest left, as a small line chart (plain SVG, no chart library needed for one line).

const W = 280;
const H = 72;
const PAD = 6;

export function HistoryChart({ runs }: { runs: AgreementRun[] }) {
  const points = runs
    .slice()
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((r) => ({
      run: r,
      value: r.summary.overall.krippendorff_alpha ?? r.summary.overall.gwet_ac1 ?? null,
    }))
    .filter((p): p is { run: AgreementRun; value: number } => p.value !== null);
  if (points.length === 0) return <p className="muted small">Each report you run is kept here.</p>;
  const x = (i: number) => (points.length === 1 ? W / 2 : PAD + (i * (W - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => PAD + ((1 - Math.max(-0.2, Math.min(1, v))) / 1.2) * (H - 2 * PAD);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <figure className="cal-history" data-testid="history-chart">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" height={H} role="img" aria-label="Pooled α across runs">
        <line x1={PAD} x2={W - PAD} y1={y(0.7)} y2={y(0.7)} className="cal-history-threshold" />
        <path d={path} className="cal-history-line" />
        {points.map((p, i) => (
          <circle key={p.run.id} cx={x(i)} cy={y(p.value)} r={3} className="cal-history-dot">
            <title>
              {`Run ${p.run.id} · ${new Date(p.run.createdAt).toLocaleString()} · ${p.run.coders.map((c) => c.name).join(', ')} · α ${metric(p.value)} · ${p.run.summary.flagged} flagged`}
            </title>
          </circle>
        ))}
      </svg>
      <figcaption className="muted small">
        Pooled α over {points.length} run{points.length === 1 ? '' : 's'} (dashed: 0.70)
      </figcaption>
    </figure>
  );
}
