import { useEffect, useRef } from 'react';
import { REVIEW_REASONS } from '../../../../shared/contract/review';
import { useDocuments } from '../../stores/documents';
import { useReview, type StateFilter } from '../../stores/review';
import { REASON_LABEL, STATE_LABEL } from './reviewLabels';

// The queue, riskiest first (or the audit sample in its random order), with filters by
// code, document, reason, state and kind. The list shows one page at a time and pages on.

export function QueueList({ codes }: { codes: { key: string; name: string }[] }) {
  const items = useReview((s) => s.items);
  const index = useReview((s) => s.index);
  const total = useReview((s) => s.total);
  const filters = useReview((s) => s.filters);
  const setFilters = useReview((s) => s.setFilters);
  const select = useReview((s) => s.select);
  const docs = useDocuments((s) => s.docs);
  const listRef = useRef<HTMLOListElement>(null);

  useEffect(() => {
    listRef.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  return (
    <aside className="rev-queue" aria-label="Review queue">
      <div className="rev-filters">
        <select
          className="select input-small"
          value={filters.state}
          onChange={(e) => setFilters({ state: e.target.value as StateFilter })}
          aria-label="State"
          data-testid="filter-state"
        >
          <option value="pending">Pending</option>
          <option value="decided">Decided</option>
          <option value="all">All states</option>
        </select>
        <select
          className="select input-small"
          value={filters.kind}
          onChange={(e) => setFilters({ kind: e.target.value as 'all' | 'present' | 'absent' })}
          aria-label="Kind"
        >
          <option value="present">AI labels</option>
          <option value="absent">AI non-labels</option>
          <option value="all">Both</option>
        </select>
        <select
          className="select input-small"
          value={filters.codeKey ?? ''}
          onChange={(e) => setFilters({ codeKey: e.target.value || null })}
          aria-label="Code"
          data-testid="filter-code"
        >
          <option value="">All codes</option>
          {codes.map((c) => (
            <option key={c.key} value={c.key}>
              {c.name}
            </option>
          ))}
        </select>
        <select
          className="select input-small"
          value={filters.documentId ?? ''}
          onChange={(e) => setFilters({ documentId: e.target.value ? Number(e.target.value) : null })}
          aria-label="Document"
        >
          <option value="">All documents</option>
          {docs.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
        <select
          className="select input-small"
          value={filters.reason ?? ''}
          onChange={(e) => setFilters({ reason: (e.target.value || null) as typeof filters.reason })}
          aria-label="Reason"
        >
          <option value="">Any reason</option>
          {REVIEW_REASONS.map((r) => (
            <option key={r} value={r}>
              {REASON_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      <p className="muted small rev-queue-count" data-testid="queue-total">
        {total.toLocaleString()} item{total === 1 ? '' : 's'}
      </p>
      <ol className="rev-queue-list" ref={listRef}>
        {items.map((it, i) => (
          <li
            key={it.itemId}
            className={`rev-queue-row${i === index ? ' is-current' : ''}`}
            aria-current={i === index}
            onClick={() => select(i)}
            data-testid="queue-row"
            data-state={it.state}
          >
            <div className="rev-queue-row-top">
              <span className="rev-code-swatch" style={{ background: it.color ?? 'var(--border-strong)' }} />
              <span className="truncate rev-queue-code">
                {it.aiPresent ? '' : 'missing? '}
                {it.codeName ?? it.codeKey}
              </span>
              <span className={`rev-dot rev-state-${it.state}`} title={STATE_LABEL[it.state]} />
            </div>
            <p className="rev-queue-snippet">{it.snippet}</p>
            <p className="muted rev-queue-meta">
              {it.reasons.length
                ? it.reasons.map((r) => REASON_LABEL[r]).join(' · ')
                : `risk ${it.risk?.toFixed(2) ?? '–'}`}
            </p>
          </li>
        ))}
      </ol>
    </aside>
  );
}
