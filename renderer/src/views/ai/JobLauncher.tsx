import { useEffect, useMemo, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { formatCount, plural } from '../../format/count';
import { useAi } from '../../stores/ai';
import { estimateKey, useJobs } from '../../stores/jobs';
import { EstimateSummary } from './EstimateSummary';
import { formatUsd, isActive, selectionLabel } from './jobFormat';
import { INITIAL_SELECTION, SelectionPicker, selectionOf, type SelectionDraft } from './SelectionPicker';

const ESTIMATE_DEBOUNCE_MS = 300;
const DEFAULT_CONCURRENCY = 8;

const parseBudget = (text: string): number | null | 'invalid' => {
  const t = text.trim().replace(/^\$/, '');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) && n > 0 ? n : 'invalid';
};

/** Runs the selected AI coder over a selection: estimate first, then budget, concurrency, start. */
export function JobLauncher() {
  const coder = useAi((s) => s.coders.find((c) => c.id === s.selectedId) ?? null);
  const jobs = useJobs((s) => s.jobs);
  const estimateState = useJobs((s) => s.estimate);
  const acting = useJobs((s) => s.acting);
  const [draft, setDraft] = useState<SelectionDraft>(INITIAL_SELECTION);
  const [budget, setBudget] = useState('');
  const [concurrency, setConcurrency] = useState(String(DEFAULT_CONCURRENCY));
  const [confirming, setConfirming] = useState(false);
  const selection = useMemo(() => selectionOf(draft), [draft]);
  const key = coder && selection ? estimateKey(coder.id, selection) : null;
  const estimate = estimateState && estimateState.key === key ? estimateState : null;

  const coderId = coder?.id ?? null;
  // asked again whenever a job stops: what is left to do has changed
  const revision = useJobs((s) => s.estimateRevision);
  // and when prices change: the cost does
  const prices = useAi((s) => s.prices);

  useEffect(() => {
    if (coderId === null || !selection) return;
    const t = setTimeout(
      () => void useJobs.getState().loadEstimate(coderId, selection),
      ESTIMATE_DEBOUNCE_MS,
    );
    return () => clearTimeout(t);
  }, [coderId, selection, revision, prices]);

  if (!coder) {
    return (
      <section className="ai-card ai-launcher" aria-labelledby="ai-launch-title">
        <header className="ai-card-head">
          <h2 id="ai-launch-title">Run a labeling job</h2>
        </header>
        <p className="muted ai-card-pad">Create or select an AI coder to run it over your segments.</p>
      </section>
    );
  }

  const value = estimate?.value ?? null;
  // the job this coder and selection already have (a start resumes it)
  const existing = selection
    ? jobs.find((j) => j.coderId === coder.id && JSON.stringify(j.selection) === JSON.stringify(selection))
    : undefined;
  const running = existing !== undefined && isActive(existing.status);
  const budgetValue = parseBudget(budget);
  const threads = Number(concurrency);
  const concurrencyOk = Number.isInteger(threads) && threads >= 1 && threads <= 256;
  const unpriced = value !== null && !value.priced;
  const nothingLeft = value !== null && value.segments === 0;
  const canStart =
    selection !== null &&
    value !== null &&
    !estimate?.loading &&
    !nothingLeft &&
    !running &&
    budgetValue !== 'invalid' &&
    !(unpriced && budgetValue !== null) &&
    concurrencyOk &&
    !acting;

  const start = async () => {
    if (!selection || budgetValue === 'invalid') return;
    setConfirming(false);
    await useJobs
      .getState()
      .start({ coderId: coder.id, selection, budgetUsd: budgetValue, concurrency: threads });
  };

  return (
    <section className="ai-card ai-launcher" aria-labelledby="ai-launch-title" data-testid="job-launcher">
      <header className="ai-card-head">
        <h2 id="ai-launch-title">Run a labeling job</h2>
        <span className="ai-launch-coder" title={coder.configHash}>
          {coder.name} · <span className="mono">{coder.config.model}</span>
        </span>
      </header>
      <div className="ai-card-pad stack">
        <SelectionPicker value={draft} onChange={setDraft} />
        {running && existing ? (
          <p className="ai-callout ai-callout-info" role="status">
            Job #{existing.id} is running this coder over these segments; its progress shows on the right.
          </p>
        ) : nothingLeft ? (
          <p className="ai-callout ai-callout-ok" role="status" data-testid="nothing-left">
            Nothing left to label: this coder has answered every segment of this selection.
          </p>
        ) : selection ? (
          <EstimateSummary
            estimate={value}
            loading={estimate?.loading ?? true}
            error={estimate?.error ?? null}
          />
        ) : (
          <p className="muted small">Name the sample to see the estimate.</p>
        )}
        <div className="ai-field-grid ai-field-grid-2">
          <label className="field">
            <span className="field-label">Budget (USD)</span>
            <input
              className={`input input-small${budgetValue === 'invalid' || (unpriced && budgetValue !== null) ? ' input-invalid' : ''}`}
              inputMode="decimal"
              placeholder={unpriced ? 'Needs a price' : 'No cap'}
              value={budget}
              data-testid="budget"
              onChange={(e) => setBudget(e.target.value)}
            />
            <span
              className={budgetValue === 'invalid' || (unpriced && budgetValue) ? 'form-error' : 'field-hint'}
            >
              {budgetValue === 'invalid'
                ? 'A positive amount, or empty for no cap'
                : unpriced
                  ? 'A budget needs a price for this model'
                  : 'The job pauses before spending more'}
            </span>
          </label>
          <label className="field">
            <span className="field-label">Concurrency</span>
            <input
              className={`input input-small${concurrencyOk ? '' : ' input-invalid'}`}
              type="number"
              min={1}
              max={256}
              value={concurrency}
              data-testid="concurrency"
              onChange={(e) => setConcurrency(e.target.value)}
            />
            <span className="field-hint">Requests at once; lowered on rate limits</span>
          </label>
        </div>
        <div className="ai-launch-actions">
          <span className="muted small" data-testid="launch-note">
            {existing?.status === 'completed'
              ? `Job #${existing.id} already covered this selection.`
              : existing && !running
                ? `Continues job #${existing.id} where it stopped (failed segments are asked again).`
                : 'A job for the same coder and selection resumes where it stopped.'}
          </span>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!canStart}
            onClick={() => setConfirming(true)}
            data-testid="start-job"
          >
            Start job…
          </button>
        </div>
      </div>

      <Dialog
        open={confirming}
        title="Start labeling job"
        onClose={() => setConfirming(false)}
        testId="confirm-job"
        footer={
          <>
            <button type="button" className="btn" onClick={() => setConfirming(false)}>
              Back
            </button>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void start()}
              data-testid="confirm-start"
            >
              Start
            </button>
          </>
        }
      >
        {value && selection && (
          <dl className="ai-confirm">
            <dt>AI coder</dt>
            <dd>
              {coder.name} (<span className="mono">{coder.config.model}</span>)
            </dd>
            <dt>Segments</dt>
            <dd>
              {selectionLabel(selection)}: {plural(value.segments, 'segment')}
              {value.cachedSegments > 0 && `, ${formatCount(value.cachedSegments)} answered from cache`}
            </dd>
            <dt>Requests</dt>
            <dd>≈ {formatCount(value.requests)}</dd>
            <dt>Estimated cost</dt>
            <dd>
              {value.priced ? `≈ ${formatUsd(value.costUsd)}` : `unknown (no price for ${value.model})`}
            </dd>
            <dt>Budget</dt>
            <dd>{budgetValue === null || budgetValue === 'invalid' ? 'no cap' : formatUsd(budgetValue)}</dd>
            <dt>Concurrency</dt>
            <dd>{threads}</dd>
          </dl>
        )}
        <p className="muted small">
          The job runs in the background; you can pause, resume or cancel it, and it resumes after a restart.
        </p>
      </Dialog>
    </section>
  );
}
