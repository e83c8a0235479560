import { useState } from 'react';
import type { Proportion } from '../../../../shared/contract/review';
import { Spinner } from '../../components/Spinner';
import { useReview } from '../../stores/review';
import { CodeAuditDialog } from './CodeAuditDialog';
import { HistoryExport } from './HistoryExport';
import { REASON_LABEL, STATE_LABEL } from './reviewLabels';

// For the study lead: how much of the AI's work has been reviewed (by code and by
// reason), the AI's precision and recall estimated from the random audit sample with
// 95% intervals, agreement between reviewers, and what is left.

const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '–' : `${Math.round(v * 100)}%`;

function ProportionCell({ p, testId }: { p: Proportion; testId?: string }) {
  return (
    <span title={p.reason ?? `${p.successes} of ${p.n}`} data-testid={testId}>
      <strong>{pct(p.value)}</strong>
      {p.ci95 && (
        <span className="muted small">
          {' '}
          [{pct(p.ci95[0])}, {pct(p.ci95[1])}]
        </span>
      )}
      <span className="muted small"> n={p.n}</span>
    </span>
  );
}

export function ReviewDashboard() {
  const d = useReview((s) => s.dashboard);
  const createAudit = useReview((s) => s.createAuditSample);
  const [size, setSize] = useState(50);
  const [auditCode, setAuditCode] = useState<{ key: string; name: string | null } | null>(null);
  if (!d) return <Spinner label="Loading the dashboard…" />;
  const decided = d.items.total - (d.states.pending ?? 0);
  return (
    <div className="rev-dash" data-testid="review-dashboard">
      <div className="rev-cards">
        <div className="rev-card">
          <span className="muted small">Items remaining</span>
          <strong className="rev-big" data-testid="dash-remaining">
            {d.remaining.total.toLocaleString()}
          </strong>
          <span className="muted small">
            {d.remaining.riskQueue.toLocaleString()} risk queue · {d.remaining.auditQueue.toLocaleString()}{' '}
            audit
          </span>
        </div>
        <div className="rev-card">
          <span className="muted small">AI labels reviewed</span>
          <strong className="rev-big" data-testid="dash-coverage">
            {d.coverage.reviewed} / {d.coverage.aiLabels}
          </strong>
          <div className="rev-bar" aria-hidden="true">
            <span style={{ width: pct(d.coverage.share ?? 0) }} />
          </div>
          <span className="muted small">
            {pct(d.coverage.share)} · non-labels {d.coverage.absentReviewed} / {d.coverage.absentTotal}
          </span>
        </div>
        <div className="rev-card">
          <span className="muted small">Decisions in force</span>
          <strong className="rev-big" data-testid="dash-decided">
            {decided.toLocaleString()}
          </strong>
          <span className="muted small">
            {(['accepted', 'rejected', 'changed', 'added'] as const)
              .map((s) => `${d.states[s] ?? 0} ${STATE_LABEL[s].toLowerCase()}`)
              .join(' · ')}
          </span>
        </div>
        <div className="rev-card">
          <span className="muted small">Reviewer agreement</span>
          {d.reviewerAgreement ? (
            <>
              <strong className="rev-big">κ {d.reviewerAgreement.cohenKappa?.toFixed(2) ?? '–'}</strong>
              <span className="muted small">
                {d.reviewerAgreement.items} double-reviewed · {pct(d.reviewerAgreement.percentAgreement)}{' '}
                agree
              </span>
            </>
          ) : (
            <span className="muted small">No item reviewed by two people yet.</span>
          )}
        </div>
      </div>

      <section className="rev-dash-section">
        <h3>AI precision and recall (random audit sample)</h3>
        {d.audit.sample ? (
          <>
            <p className="muted small">
              “{d.audit.sample.name}”: {d.audit.sample.segments} segments, {d.audit.items} items,{' '}
              {d.audit.decided} decided ({pct(d.audit.completeness)} complete).
            </p>
            <table className="rev-table">
              <thead>
                <tr>
                  <th>AI coder</th>
                  <th>Precision [95% CI]</th>
                  <th>Recall [95% CI]</th>
                  <th className="num">F1</th>
                  <th className="num">TP / FP / FN</th>
                </tr>
              </thead>
              <tbody>
                {d.audit.coders.map((c) => (
                  <tr key={c.coderId}>
                    <td>{c.coderName}</td>
                    <td>
                      <ProportionCell p={c.precision} testId="dash-precision" />
                    </td>
                    <td>
                      <ProportionCell p={c.recall} testId="dash-recall" />
                    </td>
                    <td className="num">{c.f1?.toFixed(2) ?? '–'}</td>
                    <td className="num">
                      {c.truePositives} / {c.falsePositives} / {c.falseNegatives}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{d.audit.ciMethod}</p>
          </>
        ) : (
          <form
            className="rev-audit-form"
            onSubmit={(e) => {
              e.preventDefault();
              void createAudit(size, null);
            }}
          >
            <span className="small">
              No audit sample yet. Estimates need a random sample reviewed apart from the risk queue.
            </span>
            <input
              className="input input-small"
              type="number"
              min={1}
              value={size}
              onChange={(e) => setSize(Math.max(1, Number(e.target.value)))}
              aria-label="Segments in the audit sample"
            />
            <button type="submit" className="btn btn-small">
              Draw audit sample
            </button>
          </form>
        )}
      </section>

      <div className="rev-dash-grid">
        <section className="rev-dash-section">
          <h3>Coverage by reason</h3>
          <table className="rev-table">
            <tbody>
              {d.coverage.byReason.map((r) => (
                <tr key={r.reason}>
                  <td>{REASON_LABEL[r.reason]}</td>
                  <td className="num">
                    {r.reviewed} / {r.aiLabels}
                  </td>
                  <td className="num">{pct(r.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Reviewers</h3>
          <table className="rev-table" data-testid="dash-reviewers">
            <thead>
              <tr>
                <th>Reviewer</th>
                <th className="num">Items</th>
                <th className="num">Undos</th>
                <th className="num">Items/hour</th>
              </tr>
            </thead>
            <tbody>
              {d.reviewers.map((r) => (
                <tr key={r.reviewer}>
                  <td>{r.reviewer}</td>
                  <td className="num">{r.items}</td>
                  <td className="num">{r.undos}</td>
                  <td className="num">{r.itemsPerHour?.toFixed(0) ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="rev-dash-section">
          <h3>Coverage by code</h3>
          <table className="rev-table rev-table-codes">
            <tbody>
              {d.coverage.byCode
                .filter((c) => c.aiLabels > 0)
                .map((c) => (
                  <tr key={c.codeKey}>
                    <td className="truncate">
                      <button
                        type="button"
                        className="link-button rev-code-link"
                        title="Audit of this code: AI configurations, reviewers, decisions"
                        onClick={() => setAuditCode({ key: c.codeKey, name: c.codeName })}
                        data-testid="dash-code-audit"
                      >
                        {c.codeName ?? c.codeKey}
                      </button>
                    </td>
                    <td className="rev-bar-cell">
                      <div className="rev-bar">
                        <span style={{ width: pct(c.share ?? 0) }} />
                      </div>
                    </td>
                    <td className="num">
                      {c.reviewed} / {c.aiLabels}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
      </div>

      <section className="rev-dash-section">
        <h3>Audit trail</h3>
        <p className="muted small">
          Every label change in time order (AI labels with their prompt and model, human coding, review
          decisions), for R, Python or a spreadsheet. Click a code above for its own audit.
        </p>
        <HistoryExport />
      </section>
      {auditCode && (
        <CodeAuditDialog
          codeKey={auditCode.key}
          codeName={auditCode.name}
          onClose={() => setAuditCode(null)}
        />
      )}
    </div>
  );
}
