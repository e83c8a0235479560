import { useEffect, useMemo, useState } from 'react';
import { useViewShortcuts } from '../../components/coding/useViewShortcuts';
import { call } from '../../rpc/client';
import { sessionRate, useReview, type QueueKind } from '../../stores/review';
import { CodeSearch } from './CodeSearch';
import { ItemPane, numberedCodes } from './ItemPane';
import { MemoDialog } from './MemoDialog';
import { QueueList } from './QueueList';
import { ReviewDashboard } from './ReviewDashboard';

// Human review of AI labels (DESIGN §1.7): the risk queue, the audit sample and the
// dashboard. Every decision is one key; see keyboard/shortcuts.ts (review.*).

export function ReviewView() {
  const tab = useReview((s) => s.tab);
  const queue = useReview((s) => s.queue);
  const setTab = useReview((s) => s.setTab);
  const setQueue = useReview((s) => s.setQueue);
  const load = useReview((s) => s.load);
  const [codes, setCodes] = useState<{ key: string; name: string }[]>([]);

  useEffect(() => {
    void load();
    call('codebook.get', {})
      .then((cb) => setCodes(cb?.codes.map((c) => ({ key: c.key, name: c.name })) ?? []))
      .catch(() => setCodes([]));
  }, [load]);

  const showQueue = (q: QueueKind) => {
    setTab('queue');
    if (q !== queue) setQueue(q);
  };

  return (
    <div className="rev-view" data-testid="review-view">
      <header className="rev-top">
        <div className="rev-tabs" role="tablist" aria-label="Review">
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'queue' && queue === 'risk'}
            className={`rev-tab${tab === 'queue' && queue === 'risk' ? ' is-active' : ''}`}
            onClick={() => showQueue('risk')}
            data-testid="review-tab-risk"
          >
            Risk queue
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'queue' && queue === 'audit'}
            className={`rev-tab${tab === 'queue' && queue === 'audit' ? ' is-active' : ''}`}
            onClick={() => showQueue('audit')}
            data-testid="review-tab-audit"
          >
            Audit sample
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={tab === 'dashboard'}
            className={`rev-tab${tab === 'dashboard' ? ' is-active' : ''}`}
            onClick={() => setTab('dashboard')}
            data-testid="review-tab-dashboard"
          >
            Dashboard
          </button>
        </div>
        <span className="spacer" />
        <Progress />
        <ReviewerField />
      </header>
      {tab === 'dashboard' ? (
        <div className="rev-dash-scroll">
          <ReviewDashboard />
        </div>
      ) : (
        <div className="rev-main">
          <QueueList codes={codes} />
          <ItemPane />
          <ReviewKeys />
        </div>
      )}
    </div>
  );
}

function Progress() {
  const session = useReview((s) => s.session);
  const dashboard = useReview((s) => s.dashboard);
  const rate = sessionRate(session);
  const total = dashboard?.items.total ?? 0;
  const done = total - (dashboard?.remaining.total ?? 0);
  return (
    <div className="rev-progress" data-testid="review-progress">
      <span>
        <strong data-testid="session-decisions">{session.decisions}</strong> this session
        {rate !== null && <span className="muted"> · {Math.round(rate)} items/hour</span>}
      </span>
      {total > 0 && (
        <span className="muted small">
          {done.toLocaleString()} of {total.toLocaleString()} reviewed
        </span>
      )}
    </div>
  );
}

function ReviewerField() {
  const reviewer = useReview((s) => s.reviewer);
  const setReviewer = useReview((s) => s.setReviewer);
  return (
    <label className="rev-reviewer">
      <span className="muted small">Reviewer</span>
      <input
        className="input input-small"
        value={reviewer}
        onChange={(e) => setReviewer(e.target.value)}
        onBlur={(e) => {
          if (!e.target.value.trim()) setReviewer('Reviewer');
        }}
        data-testid="reviewer-name"
      />
    </label>
  );
}

/** The keyboard: bound while the queue is on screen, never while typing. */
function ReviewKeys() {
  const [searching, setSearching] = useState(false);
  const [memoOpen, setMemoOpen] = useState(false);
  const item = useReview((s) => s.items[s.index]);
  const detail = useReview((s) => s.detail);
  const current = detail && item && detail.item.itemId === item.itemId ? detail : null;
  const numbered = useMemo(() => numberedCodes(current, item?.codeKey), [current, item?.codeKey]);

  const changeTo = (codeKey: string) => {
    const review = useReview.getState();
    if (!item) return;
    if (item.aiPresent) void review.decide('change_code', { codeKey });
    else void review.addCode(codeKey);
  };

  useViewShortcuts({
    'review.next': () => useReview.getState().move(1),
    'review.prev': () => useReview.getState().move(-1),
    'review.accept': () => void useReview.getState().decide('accept'),
    'review.reject': () => void useReview.getState().decide('reject'),
    'review.changeCode': (e) => {
      const code = numbered[Number(e.key) - 1];
      if (code) changeTo(code.key);
    },
    'review.search': () => setSearching(true),
    'review.memo': () => setMemoOpen(true),
    'review.definition': () => useReview.getState().toggleDefinition(),
    'review.undo': () => void useReview.getState().undo(),
    'review.undoMod': () => void useReview.getState().undo(),
  });

  return (
    <>
      <CodeSearch
        open={searching}
        detail={current}
        title={item?.aiPresent ? 'Change the code to…' : 'Add a code the AI missed'}
        onClose={() => setSearching(false)}
        onPick={(key) => {
          setSearching(false);
          changeTo(key);
        }}
      />
      {memoOpen && (
        <MemoDialog
          open
          initial={item?.memo ?? ''}
          onClose={() => setMemoOpen(false)}
          onSave={(memo) => {
            setMemoOpen(false);
            void useReview.getState().decide('memo', { memo });
          }}
        />
      )}
    </>
  );
}
