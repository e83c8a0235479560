import type { Disagreement } from '../../../../shared/contract/calibration';
import { Spinner } from '../../components/Spinner';
import { useCalibration } from '../../stores/calibration';
import { percent } from './formatMetric';

// The segments where the coders disagree on one code, side by side: the segment in its
// context, each coder's decision, and for an AI coder its rationale, evidence and
// confidence. With two or more human coders a disagreement can be resolved into the
// consensus (the gold standard).

export function DisagreementDrawer() {
  const drill = useCalibration((s) => s.drill);
  const close = useCalibration((s) => s.closeDrill);
  const more = useCalibration((s) => s.moreDrill);
  const canResolve = useCalibration(
    (s) => !!s.sample && (s.report?.coders.filter((c) => c.role === 'human').length ?? 0) >= 2,
  );
  if (!drill) return null;
  const code = drill.code;
  return (
    <aside className="cal-drawer" data-testid="disagreements" aria-label="Disagreements">
      <header className="cal-drawer-head">
        <div className="stack-tight">
          <span className="muted small upper">Disagreements</span>
          <h2>{code?.code ?? drill.codeKey}</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Close disagreements" onClick={close}>
          ×
        </button>
      </header>
      {code && (
        <details className="cal-definition">
          <summary>Definition</summary>
          <p>{code.definition}</p>
          {code.inclusion && (
            <p>
              <strong>Include: </strong>
              {code.inclusion}
            </p>
          )}
          {code.exclusion && (
            <p>
              <strong>Exclude: </strong>
              {code.exclusion}
            </p>
          )}
        </details>
      )}
      {drill.error && <p className="form-error">{drill.error}</p>}
      {code && (
        <p className="muted small" data-testid="disagreement-total">
          {code.total === 0
            ? 'The coders agree on every segment for this code.'
            : `${code.total} segment${code.total === 1 ? '' : 's'} where the coders disagree`}
        </p>
      )}
      <div className="cal-drawer-list">
        {code?.items.map((item) => (
          <DisagreementCard
            key={item.segment_id}
            item={item}
            codeKey={drill.codeKey}
            canResolve={canResolve}
          />
        ))}
        {drill.loading && <Spinner label="Loading…" />}
        {code && code.items.length < code.total && !drill.loading && (
          <button type="button" className="btn btn-small" onClick={() => void more()}>
            Show more ({code.total - code.items.length} left)
          </button>
        )}
      </div>
    </aside>
  );
}

function DisagreementCard({
  item,
  codeKey,
  canResolve,
}: {
  item: Disagreement;
  codeKey: string;
  canResolve: boolean;
}) {
  const resolve = useCalibration((s) => s.resolve);
  return (
    <article className="cal-dis" data-testid="disagreement">
      <header className="cal-dis-head">
        <span className="truncate">{item.document}</span>
        <span className="muted small">turn {item.index + 1}</span>
      </header>
      <div className="cal-context">
        {item.before.map((t) => (
          <p key={t.index} className="cal-turn cal-turn-context">
            <span className="cal-speaker">{t.speaker ?? '—'}</span> {t.text}
          </p>
        ))}
        <p className="cal-turn cal-turn-focus">
          <span className="cal-speaker">{item.speaker ?? '—'}</span> {item.text}
        </p>
        {item.after.map((t) => (
          <p key={t.index} className="cal-turn cal-turn-context">
            <span className="cal-speaker">{t.speaker ?? '—'}</span> {t.text}
          </p>
        ))}
      </div>
      <div className="cal-decisions">
        {item.decisions.map((d) => (
          <div
            key={d.coder}
            className={`cal-decision cal-decision-${d.value === 1 ? 'yes' : d.value === 0 ? 'no' : 'none'}`}
            data-testid="coder-decision"
            data-coder={d.coder}
            data-value={d.value ?? ''}
          >
            <div className="cal-decision-head">
              <span className="cal-decision-mark" aria-hidden="true">
                {d.value === 1 ? '✓' : d.value === 0 ? '✕' : '?'}
              </span>
              <span className="truncate" title={d.coder}>
                {d.coder}
              </span>
              <span className={`tag tag-${d.kind}`}>{d.role}</span>
            </div>
            <p className="small">{d.value === 1 ? 'Applied' : d.value === 0 ? 'Not applied' : 'Not coded'}</p>
            {d.confidence !== null && (
              <p className="muted small">
                confidence {percent(d.confidence)}
                {d.vote_share !== null && ` · votes ${percent(d.vote_share)}`}
              </p>
            )}
            {d.rationale && <p className="cal-rationale small">{d.rationale}</p>}
            {d.evidence && (
              <blockquote className={`cal-evidence small${d.evidence_found === false ? ' is-missing' : ''}`}>
                “{d.evidence}”
                {d.evidence_found === false && <span className="muted"> (not found in the text)</span>}
              </blockquote>
            )}
            {d.memo && <p className="muted small">Memo: {d.memo}</p>}
          </div>
        ))}
      </div>
      {canResolve && (
        <footer className="cal-dis-actions">
          <span className="muted small">Consensus:</span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void resolve(item.segment_id, codeKey, true)}
          >
            Applies
          </button>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void resolve(item.segment_id, codeKey, false)}
          >
            Does not apply
          </button>
        </footer>
      )}
    </article>
  );
}
