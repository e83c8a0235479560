import { useEffect, useState } from 'react';
import type { CodeAudit } from '../../../../shared/contract/review';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { call, errorMessage } from '../../rpc/client';
import { shortHash, when } from './auditFormat';
import { HistoryExport } from './HistoryExport';
import { STATE_LABEL } from './reviewLabels';

// The audit of one code across the project: which AI configurations decided it and how
// their labels fared in review, who coded it by hand, who reviewed it, and the review
// decisions page by page.

const PAGE = 50;

export function CodeAuditDialog({
  codeKey,
  codeName,
  onClose,
}: {
  codeKey: string;
  codeName: string | null;
  onClose(): void;
}) {
  const [offset, setOffset] = useState(0);
  const [audit, setAudit] = useState<CodeAudit | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('review.audit.code', { codeKey, offset, limit: PAGE })
      .then(setAudit)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [codeKey, offset]);

  return (
    <Dialog
      open
      wide
      title={`Audit of ${codeName ?? codeKey}`}
      onClose={onClose}
      testId="code-audit-dialog"
      footer={<HistoryExport codeKey={codeKey} />}
    >
      {error ? (
        <p className="form-error">{error}</p>
      ) : audit ? (
        <CodeAuditBody audit={audit} offset={offset} setOffset={setOffset} />
      ) : (
        <Spinner label="Loading the code's audit…" />
      )}
    </Dialog>
  );
}

function CodeAuditBody({
  audit,
  offset,
  setOffset,
}: {
  audit: CodeAudit;
  offset: number;
  setOffset(o: number): void;
}) {
  const { code, configs, humanLabels, reviewers, decisions } = audit;
  return (
    <div className="stack rev-audit">
      <p className="muted small">
        {code.key} · {code.status.status}
        {code.versions.length > 0 && ` · in codebook v${code.versions.join(', v')}`}
        {/* an active code lists itself as its successor */}
        {code.status.status === 'merged' && ` · now ${code.status.successors.join(', ')}`}
      </p>

      <section className="rev-audit-section">
        <h3>AI configurations</h3>
        {configs.length === 0 ? (
          <p className="muted small">No AI coder has decided this code.</p>
        ) : (
          <table className="rev-table">
            <thead>
              <tr>
                <th>AI coder</th>
                <th>Model</th>
                <th>Config / prompt</th>
                <th className="num">Codebook</th>
                <th className="num">Labels / absent</th>
                <th className="num">Reviewed</th>
                <th className="num">Acc / rej / chg / add</th>
              </tr>
            </thead>
            <tbody>
              {configs.map((c) => (
                <tr key={`${c.coderId}-${c.configHash}-${c.promptHash}`} data-testid="code-audit-config">
                  <td>{c.coderName ?? `coder ${c.coderId}`}</td>
                  <td>{c.model ?? '–'}</td>
                  <td>
                    <code title={c.configHash ?? undefined}>{shortHash(c.configHash)}</code> /{' '}
                    <code title={c.promptHash ?? undefined}>{shortHash(c.promptHash)}</code>
                  </td>
                  <td className="num">{c.codebookVersion !== null ? `v${c.codebookVersion}` : '–'}</td>
                  <td className="num">
                    {c.aiLabels} / {c.aiAbsent}
                  </td>
                  <td className="num">{c.reviewed}</td>
                  <td className="num">
                    {c.accepted} / {c.rejected} / {c.changed} / {c.added}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div className="rev-audit-pair">
        <section className="rev-audit-section">
          <h3>Coded by hand</h3>
          {humanLabels.length === 0 ? (
            <p className="muted small">No human labels.</p>
          ) : (
            <ul className="rev-audit-list small">
              {humanLabels.map((h) => (
                <li key={h.coderId}>
                  {h.coderName}: {h.labels}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="rev-audit-section">
          <h3>Reviewers</h3>
          {reviewers.length === 0 ? (
            <p className="muted small">No review decisions yet.</p>
          ) : (
            <ul className="rev-audit-list small">
              {reviewers.map((r) => (
                <li key={r.reviewer}>
                  {r.reviewer}: {r.decisions}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="rev-audit-section">
        <h3>Review decisions ({decisions.total})</h3>
        {decisions.rows.length > 0 && (
          <table className="rev-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Segment</th>
                <th>AI</th>
                <th>Reviewer</th>
                <th>Action</th>
                <th>State</th>
                <th>Memo</th>
              </tr>
            </thead>
            <tbody>
              {decisions.rows.map((d) => (
                <tr key={d.id} data-testid="code-audit-decision">
                  <td className="rev-audit-time">{when(d.decidedAt)}</td>
                  <td className="truncate">
                    {d.documentName ?? `segment ${d.segmentId}`}
                    {d.segmentIndex !== null && `, turn ${d.segmentIndex + 1}`}
                  </td>
                  <td>
                    {d.coderName ?? '–'}: {d.aiPresent ? 'present' : 'absent'}
                  </td>
                  <td>{d.reviewer}</td>
                  <td>
                    {d.action.replace('_', ' ')}
                    {d.replacementKey && <span className="muted"> → {d.replacementKey}</span>}
                  </td>
                  <td>
                    <span className="muted">{STATE_LABEL[d.before.state]} →</span> {STATE_LABEL[d.state]}
                  </td>
                  <td className="rev-audit-memo">{d.memo}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {decisions.total > PAGE && (
          <div className="button-row">
            <button
              type="button"
              className="btn btn-small"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE))}
            >
              Previous
            </button>
            <span className="muted small">
              {offset + 1}–{Math.min(offset + PAGE, decisions.total)} of {decisions.total}
            </span>
            <button
              type="button"
              className="btn btn-small"
              disabled={offset + PAGE >= decisions.total}
              onClick={() => setOffset(offset + PAGE)}
            >
              Next
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
