import { useCallback, useEffect, useState } from 'react';
import type { ApprovalView, Validation } from '../../../../shared/contract/calibration';
import { Dialog } from '../../components/Dialog';
import { call } from '../../rpc/client';
import { useCalibration } from '../../stores/calibration';
import { reportError, reportInfo } from '../../stores/notices';
import { metric as formatMetric, METRIC_NAMES } from './formatMetric';

// Approving an AI coder (DESIGN §1.5): once its agreement with the humans is good
// enough, its configuration is frozen as approved (the review queue trusts approved
// coders more), and it is validated on a held-out sample it was not tuned on.

export function ApprovalSection() {
  const report = useCalibration((s) => s.report);
  const [approvals, setApprovals] = useState<ApprovalView[]>([]);
  const [validating, setValidating] = useState<ApprovalView | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(
    () => call('calibration.approvals', {}).then(setApprovals).catch(reportError),
    [],
  );
  useEffect(() => {
    call('calibration.approvals', {}).then(setApprovals).catch(reportError);
  }, []);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      reportInfo(done);
      await refresh();
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const active = approvals.filter((a) => a.active);
  const approvable = (report?.coders ?? []).filter(
    (c) => c.kind === 'ai' && !active.some((a) => a.coderName === c.name),
  );

  return (
    <section className="cal-side-section" data-testid="approvals">
      <h2>Approval</h2>
      {approvable.map((c) => (
        <button
          key={c.name}
          type="button"
          className="btn btn-small"
          disabled={busy}
          data-testid="approve-coder"
          data-name={c.name}
          title="Freeze this AI coder's configuration as approved, with this report as its evidence"
          onClick={() =>
            void act(
              () =>
                call('calibration.approve', {
                  coder: c.name,
                  ...(report?.run_id ? { runId: report.run_id } : {}),
                  note: '',
                }),
              `${c.name} approved.`,
            )
          }
        >
          Approve {c.name}
        </button>
      ))}
      {approvals.length === 0 && approvable.length === 0 && (
        <p className="muted small">Run a report with an AI coder to approve it.</p>
      )}
      <ul className="cal-approvals">
        {approvals.map((a) => (
          <li key={a.id} data-testid="approval-row" data-active={a.active}>
            <div className="stack-tight">
              <span className="truncate">
                {a.coderName}{' '}
                {a.active ? (
                  <span className="tag tag-approved">approved</span>
                ) : (
                  <span className="tag">revoked</span>
                )}
              </span>
              <span className="muted small">
                {a.model ?? '?'} · codebook v{a.codebookVersion ?? '?'} · {a.approvedBy},{' '}
                {a.approvedAt.slice(0, 10)}
              </span>
            </div>
            {a.active && (
              <div className="button-row">
                <button
                  type="button"
                  className="btn btn-small"
                  disabled={busy}
                  data-testid="validate-open"
                  onClick={() => setValidating(a)}
                >
                  Validate…
                </button>
                <button
                  type="button"
                  className="btn btn-small btn-ghost"
                  disabled={busy}
                  onClick={() =>
                    void act(() => call('calibration.revokeApproval', { id: a.id }), 'Approval revoked.')
                  }
                >
                  Revoke
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      {validating && <ValidateDialog approval={validating} onClose={() => setValidating(null)} />}
    </section>
  );
}

function ValidateDialog({ approval, onClose }: { approval: ApprovalView; onClose: () => void }) {
  const samples = useCalibration((s) => s.samples).filter((s) => s.purpose === 'holdout');
  const humans = useCalibration((s) => s.coders).filter((c) => c.kind !== 'ai');
  const picked = useCalibration((s) => s.picked);
  const [sample, setSample] = useState(samples[0]?.name ?? '');
  const [reference, setReference] = useState<string[]>(
    humans.filter((h) => picked.includes(h.name)).map((h) => h.name),
  );
  const [result, setResult] = useState<Validation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await call('calibration.validate', { coder: approval.coderId, sample, reference }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setRunning(false);
    }
  };
  const metric = METRIC_NAMES[result?.report.flags.thresholds.metric ?? '']?.short ?? 'agreement';

  return (
    <Dialog
      open
      wide
      title={`Validate ${approval.coderName} on a held-out sample`}
      onClose={onClose}
      testId="validate-dialog"
      footer={
        <button
          type="button"
          className="btn btn-primary"
          disabled={running || !sample || reference.length === 0}
          onClick={() => void run()}
          data-testid="validate-run"
        >
          {running ? 'Validating…' : 'Validate'}
        </button>
      }
    >
      {samples.length === 0 ? (
        <p className="muted">
          No held-out sample yet: create one with the purpose “hold-out”, have the reference coders and this
          AI coder code it, then validate here.
        </p>
      ) : (
        <div className="stack">
          <label className="field-inline">
            <span>Held-out sample</span>
            <select className="select" value={sample} onChange={(e) => setSample(e.target.value)}>
              {samples.map((s) => (
                <option key={s.id} value={s.name}>
                  {s.name} ({s.size} segments)
                </option>
              ))}
            </select>
          </label>
          <fieldset className="field-inline">
            <legend>Reference coders</legend>
            {humans.map((h) => (
              <label key={h.id} className="check-inline">
                <input
                  type="checkbox"
                  checked={reference.includes(h.name)}
                  onChange={() =>
                    setReference((r) => (r.includes(h.name) ? r.filter((x) => x !== h.name) : [...r, h.name]))
                  }
                />
                {h.name}
              </label>
            ))}
          </fieldset>
        </div>
      )}
      {error && <p className="form-error">{error}</p>}
      {result && (
        <div className="stack" data-testid="validation-result">
          <p className="muted small">
            {result.coverage.ai_coded} of {result.coverage.segments} held-out segments coded by the AI,{' '}
            {result.coverage.reference_coded} by every reference coder; {metric} per code, calibration beside
            hold-out.
          </p>
          <table className="ai-table">
            <thead>
              <tr>
                <th>Code</th>
                <th className="num">Calibration</th>
                <th className="num">Hold-out</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              {result.codes.map((c) => (
                <tr key={c.code_id} data-testid="validation-code">
                  <td>{c.code}</td>
                  <td className="num">{formatMetric(c.calibration)}</td>
                  <td className="num">{formatMetric(c.holdout)}</td>
                  <td>
                    <span className={`cal-status cal-status-${c.status}`}>{c.status.replace(/_/g, ' ')}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Dialog>
  );
}
