import { useEffect, useState } from 'react';
import { Spinner } from '../../components/Spinner';
import { useCalibration } from '../../stores/calibration';
import { AgreementMatrix } from './AgreementMatrix';
import { ApprovalSection } from './ApprovalSection';
import { CompareSetupsDialog } from './CompareSetupsDialog';
import { DisagreementDrawer } from './DisagreementDrawer';
import { HistoryChart } from './HistoryChart';
import { ExportButtons, ThresholdsEditor } from './ReportActions';
import { SampleDialog } from './SampleDialog';
import { CoderKindTag } from './CoderKindTag';

// Calibration (DESIGN §1.5): pick a sample and the coders (human and AI), run the
// agreement report, see which codes are ready, drill into the disagreements, approve
// an AI coder and validate it on a held-out sample.

export function CalibrationView() {
  const load = useCalibration((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);
  const drillOpen = useCalibration((s) => s.drill !== null);

  return (
    <div className={`cal-view${drillOpen ? ' has-drawer' : ''}`} data-testid="calibration-view">
      <CalibrationSidebar />
      <ReportPane />
      <DisagreementDrawer />
    </div>
  );
}

function CalibrationSidebar() {
  const samples = useCalibration((s) => s.samples);
  const sample = useCalibration((s) => s.sample);
  const select = useCalibration((s) => s.selectSample);
  const coders = useCalibration((s) => s.coders);
  const picked = useCalibration((s) => s.picked);
  const toggle = useCalibration((s) => s.toggleCoder);
  const bootstrap = useCalibration((s) => s.bootstrap);
  const setBootstrap = useCalibration((s) => s.setBootstrap);
  const run = useCalibration((s) => s.run);
  const loading = useCalibration((s) => s.loading);
  const history = useCalibration((s) => s.history);
  const [creating, setCreating] = useState(false);
  const [comparing, setComparing] = useState(false);

  return (
    <aside className="cal-side" aria-label="Calibration setup">
      <section className="cal-side-section">
        <header className="cal-side-head">
          <h2>Samples</h2>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setCreating(true)}
            data-testid="new-sample"
          >
            New sample
          </button>
        </header>
        <ul className="cal-samples" role="listbox" aria-label="Samples">
          {samples.map((s) => (
            <li
              key={s.id}
              role="option"
              aria-selected={s.name === sample}
              className={`cal-sample${s.name === sample ? ' is-active' : ''}`}
              onClick={() => select(s.name)}
              data-testid="sample-row"
              data-name={s.name}
            >
              <span className="truncate">{s.name}</span>
              <span className="muted small">
                {s.purpose} · {s.size} seg.{s.strata.length ? ` · ${s.strata.length} strata` : ''}
              </span>
            </li>
          ))}
          <li
            role="option"
            aria-selected={sample === null}
            className={`cal-sample${sample === null ? ' is-active' : ''}`}
            onClick={() => select(null)}
          >
            <span>All segments coded by everyone</span>
          </li>
        </ul>
      </section>
      <section className="cal-side-section">
        <h2>Coders</h2>
        <ul className="cal-coders">
          {coders.map((c) => (
            <li key={c.id}>
              <label className="check-inline">
                <input
                  type="checkbox"
                  checked={picked.includes(c.name)}
                  onChange={() => toggle(c.name)}
                  data-testid="coder-check"
                  data-name={c.name}
                />
                <span className="truncate">{c.name}</span>
                <CoderKindTag kind={c.kind} />
              </label>
            </li>
          ))}
        </ul>
        <label className="field-inline small">
          <span className="muted">Bootstrap resamples</span>
          <select
            className="select input-small"
            value={bootstrap}
            onChange={(e) => setBootstrap(Number(e.target.value))}
          >
            <option value={0}>none</option>
            <option value={200}>200</option>
            <option value={1000}>1,000</option>
          </select>
        </label>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void run()}
          disabled={loading || picked.length < 2}
          data-testid="run-report"
        >
          {loading ? 'Computing…' : 'Run agreement report'}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => setComparing(true)}
          disabled={coders.length < 2}
          title="Two sets of coders side by side per code: two AI configurations, or two codebook versions"
          data-testid="compare-open"
        >
          Compare two setups…
        </button>
      </section>
      <ApprovalSection />
      <section className="cal-side-section">
        <h2>History</h2>
        <HistoryChart runs={history} />
      </section>
      <SampleDialog open={creating} onClose={() => setCreating(false)} />
      {comparing && <CompareSetupsDialog onClose={() => setComparing(false)} />}
    </aside>
  );
}

function ReportPane() {
  const report = useCalibration((s) => s.report);
  const loading = useCalibration((s) => s.loading);
  const error = useCalibration((s) => s.error);
  const thresholds = useCalibration((s) => s.thresholds);
  const drill = useCalibration((s) => s.drill);
  const openDrill = useCalibration((s) => s.openDrill);

  if (loading && !report) {
    return (
      <main className="cal-main cal-center">
        <Spinner label="Computing agreement…" />
      </main>
    );
  }
  if (!report) {
    return (
      <main className="cal-main cal-center">
        <div className="empty-state">
          <p>Pick a sample and at least two coders, then run the report.</p>
          <p className="muted">
            Human–human agreement is the baseline an AI coder must reach; codes below the threshold are
            flagged.
          </p>
          {error && <p className="form-error">{error}</p>}
        </div>
      </main>
    );
  }
  const ai = report.coders.filter((c) => c.kind === 'ai');
  return (
    <main className="cal-main" data-testid="agreement-report">
      <header className="cal-report-head">
        <div className="stack-tight">
          <h1>
            Agreement on {report.scope.sample ? `“${report.scope.sample}”` : 'the overlap'}{' '}
            <span className="muted">· {report.scope.segments} segments</span>
          </h1>
          <p className="muted small">
            {report.coders
              .map((c) => `${c.name}${c.kind === 'ai' ? ` (AI, ${c.model ?? '?'})` : ''}`)
              .join(' · ')}
            {report.bootstrap
              ? ` · 95% intervals: ${report.bootstrap.resamples} bootstrap resamples, seed ${report.bootstrap.seed}`
              : ' · no intervals (bootstrap off)'}
          </p>
        </div>
        <span className="spacer" />
        <div className="cal-summary" data-testid="flag-summary">
          <span className="cal-count cal-count-ready">{report.flags.ready} ready</span>
          <span className="cal-count cal-count-flagged">{report.flags.flagged} flagged</span>
        </div>
        <ExportButtons />
      </header>
      <div className="cal-subhead">
        {thresholds && <ThresholdsEditor key={JSON.stringify(thresholds)} thresholds={thresholds} />}
        {ai.length === 0 && (
          <span className="muted small">Add an AI coder to see human–AI agreement beside this baseline.</span>
        )}
        {loading && <Spinner inline label="Updating…" />}
      </div>
      {report.warnings.length > 0 && (
        <ul className="cal-warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {error && <p className="form-error">{error}</p>}
      <AgreementMatrix report={report} selected={drill?.codeKey ?? null} onPick={(k) => void openDrill(k)} />
    </main>
  );
}
