import { useEffect, useState, type ReactNode } from 'react';
import type { LabelAudit } from '../../../../shared/contract/review';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { call, errorMessage } from '../../rpc/client';
import { REASON_LABEL, STATE_LABEL } from './reviewLabels';
import { shortHash, when } from './auditFormat';

// The audit trail of one review item: who or what applied the label, under which
// configuration, prompt and codebook version, what the AI answered, and every review
// decision on it, so a reader of the study can trace any label back to its origin.

const SOURCE_LABEL: Record<NonNullable<LabelAudit['effective']['source']>, string> = {
  review: 'review decision',
  approved_ai: 'approved AI coder',
  ai: 'AI coder',
};

export function LabelAuditDialog({ itemId, onClose }: { itemId: number; onClose(): void }) {
  const [audit, setAudit] = useState<LabelAudit | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('review.audit.label', { itemId })
      .then(setAudit)
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [itemId]);

  return (
    <Dialog open wide title="Audit trail" onClose={onClose} testId="audit-dialog">
      {error ? (
        <p className="form-error">{error}</p>
      ) : audit ? (
        <AuditBody audit={audit} />
      ) : (
        <Spinner label="Loading the audit trail…" />
      )}
    </Dialog>
  );
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="muted small">{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </>
  );
}

function AuditBody({ audit }: { audit: LabelAudit }) {
  const { segment, code, appliedBy, prompt, review } = audit;
  const decision = prompt?.decision ?? null;
  // oldest first, so the log reads as the label's story
  const decisions = [...(review?.decisions ?? [])].sort(
    (a, b) => a.decidedAt.localeCompare(b.decidedAt) || a.id - b.id,
  );
  return (
    <div className="stack rev-audit">
      <p className="muted small">
        <strong>{code.name ?? code.key}</strong> ({code.key})
        {code.codebookVersion !== null && ` · codebook v${code.codebookVersion}`}
        {segment && ` · ${segment.documentName}, turn ${segment.index + 1}`}
        {segment?.speaker && ` · ${segment.speaker}`}
      </p>

      <section className="rev-audit-section">
        <h3>Origin</h3>
        <dl className="rev-audit-fields">
          <Field label="Applied by">
            {appliedBy ? (
              <>
                {appliedBy.coderName ?? `coder ${appliedBy.coderId}`}{' '}
                <span className="tag">{appliedBy.kind === 'ai' ? 'AI' : 'human'}</span>
                {appliedBy.at && <span className="muted small"> · {when(appliedBy.at)}</span>}
              </>
            ) : (
              <span className="muted">No label: the AI decided the code does not apply.</span>
            )}
          </Field>
          {prompt && (
            <>
              <Field label="AI coder" testId="audit-coder">
                {prompt.coderName ?? '–'}
              </Field>
              <Field label="Model" testId="audit-model">
                {prompt.modelRequested}
                {prompt.modelReturned && prompt.modelReturned !== prompt.modelRequested && (
                  <span className="muted small"> (answered as {prompt.modelReturned})</span>
                )}
                {prompt.temperature !== null && (
                  <span className="muted small"> · temperature {prompt.temperature}</span>
                )}
                {prompt.samples > 1 && <span className="muted small"> · {prompt.samples} samples</span>}
              </Field>
              <Field label="Config hash">
                <code title={prompt.configHash}>{shortHash(prompt.configHash)}</code>
              </Field>
              <Field label="Prompt hash">
                <code title={prompt.promptHash}>{shortHash(prompt.promptHash)}</code>
              </Field>
              <Field label="Codebook version">
                {prompt.codebookVersion !== null ? `v${prompt.codebookVersion}` : '–'}
              </Field>
              <Field label="Run">
                {prompt.jobId !== null ? `job ${prompt.jobId}` : 'no job'} · {when(prompt.createdAt)}
                {prompt.fromCache && <span className="tag">from cache</span>}
              </Field>
            </>
          )}
        </dl>
        {!prompt && appliedBy?.kind !== 'human' && (
          <p className="muted small">No record of the prompt that produced this label.</p>
        )}
      </section>

      {decision && (
        <section className="rev-audit-section">
          <h3>The AI&apos;s answer</h3>
          <dl className="rev-audit-fields">
            <Field label="Decision" testId="audit-present">
              {decision.present ? 'present' : 'absent'}
            </Field>
            <Field label="Confidence">
              {decision.confidence !== null ? `${Math.round(decision.confidence * 100)}%` : '–'}
            </Field>
            {(decision.votes !== null || decision.voteShare !== null) && (
              <Field label="Votes">
                {decision.votes !== null && decision.samples !== null
                  ? `${decision.votes} of ${decision.samples} samples`
                  : ''}
                {decision.voteShare !== null && (
                  <span className="muted small"> ({Math.round(decision.voteShare * 100)}% agree)</span>
                )}
              </Field>
            )}
            <Field label="Rationale" testId="audit-rationale">
              {decision.rationale || <span className="muted">none given</span>}
            </Field>
            <Field label="Evidence">
              {decision.evidence ? (
                <>
                  <q>{decision.evidence}</q>{' '}
                  {decision.evidenceFound === true && <span className="tag">found in the segment</span>}
                  {decision.evidenceFound === false && (
                    <span className="rev-missing">not found in the segment</span>
                  )}
                </>
              ) : (
                <span className="muted">none quoted</span>
              )}
            </Field>
          </dl>
        </section>
      )}

      <section className="rev-audit-section">
        <h3>Review</h3>
        {review ? (
          <dl className="rev-audit-fields">
            <Field label="State">
              {STATE_LABEL[review.state]}
              {review.inAudit && <span className="tag">audit sample</span>}
            </Field>
            {review.reasons.length > 0 && (
              <Field label="Queued because">{review.reasons.map((r) => REASON_LABEL[r]).join(', ')}</Field>
            )}
            {review.risk !== null && <Field label="Risk">{review.risk.toFixed(2)}</Field>}
          </dl>
        ) : (
          <p className="muted small">Not in the review queue.</p>
        )}
        <p className="small">
          Counts as{' '}
          {audit.effective.present === null ? (
            <span className="muted">undecided</span>
          ) : (
            <strong>{audit.effective.present ? 'present' : 'absent'}</strong>
          )}
          {audit.effective.source && (
            <span className="muted"> (from the {SOURCE_LABEL[audit.effective.source]})</span>
          )}
        </p>
        {decisions.length > 0 ? (
          <table className="rev-table">
            <thead>
              <tr>
                <th>Time</th>
                <th>Reviewer</th>
                <th>Action</th>
                <th>State</th>
                <th>Memo</th>
              </tr>
            </thead>
            <tbody>
              {decisions.map((d) => (
                <tr key={d.id} data-testid="audit-decision" data-action={d.action}>
                  <td className="rev-audit-time">{when(d.decidedAt)}</td>
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
        ) : (
          review && <p className="muted small">No review decisions yet.</p>
        )}
      </section>

      {audit.history.length > 0 && (
        <details className="rev-audit-history">
          <summary className="small">
            Change history ({audit.history.length} {audit.history.length === 1 ? 'entry' : 'entries'})
          </summary>
          <pre>{audit.history.map((h) => JSON.stringify(h, null, 2)).join('\n')}</pre>
        </details>
      )}
    </div>
  );
}
