import { useState, type ReactNode } from 'react';
import type { AiCodeView, ItemDetail, QueueItem } from '../../../../shared/contract/review';
import { Spinner } from '../../components/Spinner';
import { useReview } from '../../stores/review';
import { DefinitionPanel } from './DefinitionPanel';
import { LabelAuditDialog } from './LabelAuditDialog';
import { REASON_LABEL, STATE_LABEL } from './reviewLabels';

// One review item: the segment between its neighbouring turns with the AI's evidence
// highlighted, the AI's decision on the item's code (rationale, confidence, why it is
// in the queue), its other codes on the segment, and the decision keys.

type Code = ItemDetail['codes'][number];

/** Codes one number key away: the item code's siblings, then its family. */
export function numberedCodes(detail: ItemDetail | null, codeKey: string | undefined): Code[] {
  if (!detail || !codeKey) return [];
  const code = detail.codes.find((c) => c.key === codeKey);
  const family = code?.parentKey ?? codeKey;
  return detail.codes
    .filter((c) => c.key !== codeKey && (c.parentKey === family || c.key === family))
    .slice(0, 9);
}

function highlight(text: string, spans: AiCodeView['evidenceSpans']): ReactNode[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: ReactNode[] = [];
  let at = 0;
  for (const s of sorted) {
    if (s.start < at || s.end > text.length) continue;
    if (s.start > at) out.push(text.slice(at, s.start));
    out.push(
      <mark key={s.start} className="rev-evidence" data-testid="evidence-mark">
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  out.push(text.slice(at));
  return out;
}

export function ItemPane() {
  const item = useReview((s) => s.items[s.index]);
  const detail = useReview((s) => s.detail);
  const loading = useReview((s) => s.loading);
  const showDefinition = useReview((s) => s.showDefinition);
  if (!item) {
    return (
      <main className="rev-item rev-center">
        {loading ? (
          <Spinner label="Loading the queue…" />
        ) : (
          <div className="empty-state" data-testid="review-empty">
            <p>Nothing to review here.</p>
            <p className="muted">Change the filters, or run an AI coder to fill the queue.</p>
          </div>
        )}
      </main>
    );
  }
  const current = detail && detail.item.itemId === item.itemId ? detail : null;
  return (
    <main className="rev-item" data-testid="review-item" data-item-id={item.itemId} data-state={item.state}>
      <ConflictBanner item={item} />
      <ItemHeader item={item} />
      {current ? <ItemBody item={item} detail={current} /> : <Spinner label="Loading the segment…" />}
      {showDefinition && current && <DefinitionPanel detail={current} codeKey={item.codeKey} />}
    </main>
  );
}

function ConflictBanner({ item }: { item: QueueItem }) {
  const conflict = useReview((s) => (s.conflict?.itemId === item.itemId ? s.conflict : null));
  const reviewer = useReview((s) => s.reviewer);
  if (conflict) {
    return (
      <div className="rev-conflict" role="alert" data-testid="review-conflict">
        <strong>Not saved — someone else decided this item first.</strong> {conflict.message}
        {conflict.theirs && (
          <span>
            {' '}
            {conflict.theirs.reviewer} chose <b>{STATE_LABEL[conflict.theirs.state]}</b> at{' '}
            {new Date(conflict.theirs.decidedAt).toLocaleTimeString()}. Decide again to put yours on top.
          </span>
        )}
      </div>
    );
  }
  if (item.lastReviewer && item.lastReviewer !== reviewer && item.state !== 'pending') {
    return (
      <div className="rev-other" data-testid="review-other-reviewer">
        Decided by <b>{item.lastReviewer}</b> ({STATE_LABEL[item.state]}). A new decision will be logged on
        top of theirs.
      </div>
    );
  }
  return null;
}

function ItemHeader({ item }: { item: QueueItem }) {
  const [auditOpen, setAuditOpen] = useState(false);
  return (
    <header className="rev-item-head">
      <span className="rev-code-chip" style={{ borderColor: item.color ?? 'var(--border-strong)' }}>
        <span className="rev-code-swatch" style={{ background: item.color ?? 'var(--border-strong)' }} />
        <span data-testid="review-code">{item.codeName ?? item.codeKey}</span>
      </span>
      <span className={`rev-ai-says ${item.aiPresent ? 'is-present' : 'is-absent'}`}>
        AI: {item.aiPresent ? 'applies' : 'does not apply'}
      </span>
      {item.reasons.map((r) => (
        <span key={r} className="rev-reason" data-testid="review-reason">
          {REASON_LABEL[r]}
        </span>
      ))}
      {item.auditRank !== null && (
        <span className="rev-reason rev-reason-audit">audit #{item.auditRank + 1}</span>
      )}
      <span className="spacer" />
      <button
        type="button"
        className="btn btn-small"
        onClick={() => setAuditOpen(true)}
        data-testid="audit-open"
        title="Who or what applied this label, under which prompt, and every review decision on it"
      >
        Audit trail
      </button>
      <span className={`rev-state rev-state-${item.state}`} data-testid="review-state">
        {STATE_LABEL[item.state]}
      </span>
      {auditOpen && <LabelAuditDialog itemId={item.itemId} onClose={() => setAuditOpen(false)} />}
    </header>
  );
}

function ItemBody({ item, detail }: { item: QueueItem; detail: ItemDetail }) {
  const mine = detail.aiCodes.find((c) => c.codeKey === item.codeKey);
  const others = detail.aiCodes.filter((c) => c.aiPresent && c.codeKey !== item.codeKey);
  const numbered = numberedCodes(detail, item.codeKey);
  const seg = detail.segment;
  return (
    <div className="rev-body">
      <section className="rev-transcript" aria-label="Segment in context">
        <p className="muted small">
          {seg?.documentName ?? item.documentName} · turn {(seg?.index ?? item.segmentIndex ?? 0) + 1}
          {seg?.attributes.group ? ` · ${seg.attributes.group}` : ''}
          {seg?.attributes.role ? ` · ${seg.attributes.role}` : ''}
        </p>
        {detail.before.map((t) => (
          <p key={t.segmentId} className="rev-turn rev-turn-context">
            <span className="rev-speaker">{t.speaker ?? '—'}</span> {t.text}
          </p>
        ))}
        {seg ? (
          <p className="rev-turn rev-turn-focus" data-testid="review-segment">
            <span className="rev-speaker">{seg.speaker ?? '—'}</span>{' '}
            {highlight(seg.text, mine?.evidenceSpans ?? [])}
          </p>
        ) : (
          <p className="form-error">This segment has been deleted; the item cannot be decided.</p>
        )}
        {detail.after.map((t) => (
          <p key={t.segmentId} className="rev-turn rev-turn-context">
            <span className="rev-speaker">{t.speaker ?? '—'}</span> {t.text}
          </p>
        ))}
      </section>
      <section className="rev-ai" aria-label="The AI's decision">
        <h3>Why the AI {item.aiPresent ? 'applied' : 'left out'} this code</h3>
        <p data-testid="review-rationale">
          {mine?.rationale || <span className="muted">No rationale given.</span>}
        </p>
        {mine?.evidence && (
          <blockquote className={`rev-quote${mine.evidenceFound === false ? ' is-missing' : ''}`}>
            “{mine.evidence}”
            {mine.evidenceFound === false && <span className="rev-missing"> not found in the segment</span>}
          </blockquote>
        )}
        <p className="muted small">
          {item.confidence !== null && `confidence ${Math.round(item.confidence * 100)}%`}
          {item.samples !== null && item.samples > 1 && ` · ${item.votes}/${item.samples} votes`}
          {item.risk !== null && ` · risk ${item.risk.toFixed(2)}`}
          {detail.provenance &&
            ` · ${detail.provenance.modelRequested}, prompt ${detail.provenance.promptHash.slice(0, 8)}`}
        </p>
        {others.length > 0 && (
          <div className="rev-others">
            <span className="muted small">Its other codes here:</span>
            {others.map((c) => (
              <span
                key={c.codeKey}
                className="rev-other-code"
                title={c.rationale}
                style={{ borderColor: c.color ?? undefined }}
              >
                {c.codeName ?? c.codeKey}
              </span>
            ))}
          </div>
        )}
        {item.memo && <p className="small">Memo: {item.memo}</p>}
      </section>
      <KeyBar item={item} numbered={numbered} />
      {detail.decisions.length > 0 && (
        <section className="rev-log" aria-label="Decision log">
          <h3>Decisions</h3>
          <ol>
            {detail.decisions.map((d) => (
              <li key={d.id} className="small">
                <span className="muted">{new Date(d.decidedAt).toLocaleTimeString()}</span> {d.reviewer}:{' '}
                {d.action.replace('_', ' ')}
                {' → '}
                {STATE_LABEL[d.state]}
                {d.replacementKey ? ` (${d.replacementKey})` : ''}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}

function KeyBar({ item, numbered }: { item: QueueItem; numbered: Code[] }) {
  const decide = useReview((s) => s.decide);
  return (
    <section className="rev-keys" aria-label="Decide">
      <button
        type="button"
        className="btn rev-key-accept"
        onClick={() => void decide('accept')}
        data-testid="review-accept"
      >
        <kbd>a</kbd> Accept
      </button>
      <button
        type="button"
        className="btn rev-key-reject"
        onClick={() => void decide('reject')}
        data-testid="review-reject"
      >
        <kbd>r</kbd> {item.aiPresent ? 'Reject' : 'Code is present'}
      </button>
      <span className="rev-keys-sep" />
      <span className="muted small">{item.aiPresent ? 'Change to' : 'Add'}:</span>
      {numbered.map((c, i) => (
        <span key={c.key} className="rev-numbered small" title={c.definition}>
          <kbd>{i + 1}</kbd> {c.name}
        </span>
      ))}
      <span className="muted small">
        <kbd>/</kbd> any code · <kbd>m</kbd> memo · <kbd>d</kbd> definition · <kbd>u</kbd> undo · <kbd>j</kbd>
        /<kbd>k</kbd> next/prev
      </span>
    </section>
  );
}
