import { useMemo, useState, type ReactNode } from 'react';
import type { JobView, Provider } from '../../../../shared/contract/llm';
import { Dialog } from '../../components/Dialog';
import { formatCount, plural } from '../../format/count';
import { useAi } from '../../stores/ai';
import { useJobs } from '../../stores/jobs';
import { formatUsd } from './jobFormat';
import { KeyField } from './KeyField';

type Tone = 'ok' | 'info' | 'warn' | 'bad';

function Callout({ tone, title, children }: { tone: Tone; title: string; children?: ReactNode }) {
  return (
    <div
      className={`ai-callout ai-callout-${tone}`}
      role={tone === 'bad' ? 'alert' : 'status'}
      data-testid="job-callout"
      data-tone={tone}
    >
      <p className="ai-callout-title">{title}</p>
      {children}
    </div>
  );
}

/** What to do about the errors that stop a whole job (the provider's message comes below). */
const FATAL_ADVICE: Record<string, { title: string; advice: string; key?: boolean }> = {
  auth: {
    title: 'The provider rejected the API key',
    advice: 'Store a valid key for this provider, then resume. Nothing was labeled with the bad key.',
    key: true,
  },
  no_key: {
    title: 'No API key for this provider',
    advice: 'Store a key (or start Concord with OPENAI_API_KEY set), then resume.',
    key: true,
  },
  permission: {
    title: 'The provider denied access',
    advice: 'The key has no access to this model or project. Check its permissions, then resume.',
    key: true,
  },
  quota: {
    title: 'The provider account has no quota left',
    advice:
      'Add credits or raise the usage limit at the provider, then resume. Rate limits alone never stop a job.',
  },
  model_not_found: {
    title: 'The provider does not know this model',
    advice: 'Use “List models” in a copy of this coder to pick a name the server offers, and run the copy.',
  },
  unreachable: {
    title: 'The server cannot be reached',
    advice: 'Check that the server runs and that the base URL is right, then resume.',
  },
  bad_request: {
    title: 'The server refused the requests',
    advice: 'It may not support the answer format: try “Plain text” or “JSON mode” in a copy of this coder.',
  },
  storage: {
    title: 'The project could not be written',
    advice: 'Check free disk space and that the project file is writable, then resume.',
  },
};

function BudgetRaise({ job }: { job: JobView }) {
  const suggested = job.budgetUsd
    ? String(Math.max(job.budgetUsd * 2, (job.costUsd ?? 0) * 2).toFixed(2))
    : '';
  const [value, setValue] = useState(suggested);
  const acting = useJobs((s) => s.acting);
  const n = Number(value.trim().replace(/^\$/, ''));
  const ok = Number.isFinite(n) && n > (job.costUsd ?? 0);
  return (
    <div className="ai-inline">
      <input
        className="input input-small ai-budget-input"
        inputMode="decimal"
        aria-label="New budget in USD"
        value={value}
        data-testid="raise-budget-input"
        onChange={(e) => setValue(e.target.value)}
      />
      <button
        type="button"
        className="btn btn-small btn-primary"
        disabled={!ok || acting}
        data-testid="raise-budget"
        onClick={() => void useJobs.getState().raiseBudget(job, n)}
      >
        Raise budget and resume
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={acting}
        onClick={() => void useJobs.getState().raiseBudget(job, null)}
      >
        Remove the cap
      </button>
    </div>
  );
}

function KeyDialogButton({ job }: { job: JobView }) {
  const [open, setOpen] = useState(false);
  const coder = useAi((s) => s.coders.find((c) => c.id === job.coderId));
  // the coder list is refetched while jobs run: keep one provider object per provider
  const json = coder ? JSON.stringify(coder.config.provider) : null;
  const stable = useMemo(() => (json ? (JSON.parse(json) as Provider) : null), [json]);
  if (!stable) return null;
  const cloud = stable.kind === 'azure' || !stable.baseURL || stable.baseURL.includes('api.openai.com');
  return (
    <>
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)} data-testid="job-set-key">
        Set API key…
      </button>
      <Dialog
        open={open}
        title="API key"
        onClose={() => setOpen(false)}
        testId="job-key-dialog"
        footer={
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            Done
          </button>
        }
      >
        <KeyField provider={stable} required={cloud} />
      </Dialog>
    </>
  );
}

/** The job's state in words, with what the user can do about it. */
export function JobStatusCallout({ job }: { job: JobView }) {
  switch (job.status) {
    case 'queued':
    case 'running':
      return null;
    case 'completed':
      return (
        <Callout tone="ok" title="Completed">
          <p>
            {plural(job.segmentsDone, 'segment')} labeled; {plural(job.labels, 'label')} stored
            {job.cacheHits > 0 && `, ${formatCount(job.cacheHits)} answers from the cache`}.
          </p>
        </Callout>
      );
    case 'paused':
      return (
        <Callout tone="info" title="Paused">
          <p>Requests in flight finished and were kept. Resume to carry on where it stopped.</p>
        </Callout>
      );
    case 'cancelled':
      return (
        <Callout tone="info" title="Cancelled">
          <p>
            Labels so far are kept; unfinished segments were not charged twice. Resume to finish the rest.
          </p>
        </Callout>
      );
    case 'budget_exceeded':
      return (
        <Callout tone="warn" title="Budget reached">
          <p>
            Spent {formatUsd(job.costUsd)} of the {formatUsd(job.budgetUsd)} budget; the job stopped before
            spending more. {plural(job.segmentsTotal - job.segmentsDone - job.failed, 'segment')} left.
          </p>
          <BudgetRaise job={job} />
        </Callout>
      );
    case 'failed': {
      const code = job.lastErrorCode ?? '';
      if (code === 'items_failed' || (!code && job.failed > 0)) {
        return (
          <Callout tone="warn" title={`${plural(job.failed, 'segment')} failed`}>
            <p>
              Every other segment is labeled. The reasons are listed below; “Retry failed” asks again for
              those segments only.
            </p>
          </Callout>
        );
      }
      const advice = FATAL_ADVICE[code];
      return (
        <Callout tone="bad" title={advice?.title ?? 'The job stopped'}>
          {advice && <p>{advice.advice}</p>}
          {job.lastError && (
            <p className="ai-callout-detail" data-testid="job-last-error">
              {job.lastError}
            </p>
          )}
          {advice?.key && <KeyDialogButton job={job} />}
        </Callout>
      );
    }
  }
}
