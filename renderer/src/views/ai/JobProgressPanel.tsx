import type { ReactNode } from 'react';
import type { JobView } from '../../../../shared/contract/llm';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../format/count';
import { selectedJob, useJobs } from '../../stores/jobs';
import {
  canResume,
  formatDuration,
  formatRate,
  formatTokens,
  formatUsd,
  formatWhen,
  isActive,
  selectionLabel,
  STATUS_LABELS,
} from './jobFormat';
import { JobStatusCallout } from './JobStatusCallout';

function Stat(props: {
  label: string;
  value: ReactNode;
  sub?: ReactNode;
  tone?: 'bad' | 'warn';
  id?: string;
}) {
  return (
    <div className={props.tone ? `ai-tone-${props.tone}` : undefined}>
      <dt>{props.label}</dt>
      <dd data-testid={props.id ? `progress-${props.id}` : undefined}>{props.value}</dd>
      {props.sub !== undefined && <dd className="ai-sub">{props.sub}</dd>}
    </div>
  );
}

export function StatusBadge({ job }: { job: Pick<JobView, 'status'> }) {
  return (
    <span className={`ai-status ai-status-${job.status}`} data-testid="job-status" data-status={job.status}>
      {STATUS_LABELS[job.status]}
    </span>
  );
}

function ProgressBar({ job }: { job: JobView }) {
  const total = Math.max(1, job.segmentsTotal);
  const done = (job.segmentsDone / total) * 100;
  const failed = (job.failed / total) * 100;
  const pct = Math.floor(((job.segmentsDone + job.failed) / total) * 100);
  return (
    <div className="ai-progress">
      <div
        className={`ai-bar${isActive(job.status) ? ' is-running' : ''}`}
        role="progressbar"
        aria-label="Segments finished"
        aria-valuemin={0}
        aria-valuemax={job.segmentsTotal}
        aria-valuenow={job.segmentsDone + job.failed}
      >
        <span className="ai-bar-done" style={{ width: `${done}%` }} />
        <span className="ai-bar-failed" style={{ width: `${failed}%` }} />
      </div>
      <p className="ai-progress-text">
        <strong data-testid="progress-done">
          {formatCount(job.segmentsDone)} / {formatCount(job.segmentsTotal)}
        </strong>{' '}
        segments labeled
        {job.failed > 0 && (
          <span className="ai-tone-bad">
            {' '}
            · <span data-testid="progress-failed">{formatCount(job.failed)}</span> failed
          </span>
        )}
        <span className="spacer" />
        <span className="muted">{pct}%</span>
      </p>
    </div>
  );
}

function JobActions({ job }: { job: JobView }) {
  const acting = useJobs((s) => s.acting);
  const { pause, resume, cancel } = useJobs.getState();
  const running = isActive(job.status);
  const retryFailed = job.status === 'failed' && job.failed > 0 && job.lastErrorCode === 'items_failed';
  return (
    <div className="button-row">
      {running && (
        <button
          type="button"
          className="btn btn-small"
          disabled={acting}
          onClick={() => void pause(job.id)}
          data-testid="job-pause"
        >
          Pause
        </button>
      )}
      {canResume(job.status) && job.status !== 'budget_exceeded' && (
        <button
          type="button"
          className="btn btn-small btn-primary"
          disabled={acting}
          onClick={() => void resume(job.id)}
          data-testid="job-resume"
        >
          {retryFailed ? 'Retry failed' : 'Resume'}
        </button>
      )}
      {(running || job.status === 'paused' || job.status === 'budget_exceeded') && (
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={acting}
          onClick={() => void cancel(job.id)}
          data-testid="job-cancel"
        >
          Cancel job
        </button>
      )}
    </div>
  );
}

/** Live figures of the selected job, from progress events (polled when events stay away). */
export function JobProgressPanel() {
  const job = useJobs(selectedJob);
  const loaded = useJobs((s) => s.loaded);

  if (!job) {
    return (
      <section className="ai-card ai-progress-card" aria-labelledby="ai-progress-title">
        <header className="ai-card-head">
          <h2 id="ai-progress-title">Progress</h2>
        </header>
        <div className="empty-state empty-state-small">
          {loaded ? (
            <>
              <p>No job yet</p>
              <p className="muted small">Start one on the left; its progress shows here as it runs.</p>
            </>
          ) : (
            <Spinner inline label="Loading jobs…" />
          )}
        </div>
      </section>
    );
  }

  const cachedShare = job.inputTokens > 0 ? Math.round((job.cachedInputTokens / job.inputTokens) * 100) : 0;
  return (
    <section
      className="ai-card ai-progress-card"
      aria-labelledby="ai-progress-title"
      data-testid="job-progress"
      data-job-id={job.id}
    >
      <header className="ai-card-head">
        <div className="ai-card-title">
          <h2 id="ai-progress-title">Job #{job.id}</h2>
          <StatusBadge job={job} />
          {isActive(job.status) && <Spinner inline />}
        </div>
        <p className="ai-card-hint truncate" title={job.configHash}>
          {job.coderName} · <span className="mono">{job.model}</span> · {selectionLabel(job.selection)}
          {job.batch && ' · Batch API'}
        </p>
        <JobActions job={job} />
      </header>
      <div className="ai-card-pad stack">
        <ProgressBar job={job} />
        <dl className="ai-stats ai-stats-4" aria-label="Job figures">
          <Stat label="In flight" value={formatCount(job.inFlight)} id="inflight" />
          <Stat
            label="Rate-limited"
            value={formatCount(job.rateLimited)}
            sub={`${formatCount(job.retries)} retries`}
            tone={job.rateLimited > 0 ? 'warn' : undefined}
            id="ratelimited"
          />
          <Stat
            label="Rejected answers"
            value={formatCount(job.rejected)}
            sub="asked again"
            tone={job.rejected > 0 ? 'warn' : undefined}
            id="rejected"
          />
          <Stat
            label="Cache hits"
            value={formatCount(job.cacheHits)}
            sub={`${formatCount(job.requests)} requests sent`}
            id="cachehits"
          />
          <Stat
            label="Input tokens"
            value={formatTokens(job.inputTokens)}
            sub={`${cachedShare}% prompt-cached`}
            id="input"
          />
          <Stat label="Output tokens" value={formatTokens(job.outputTokens)} id="output" />
          <Stat
            label="Cost so far"
            value={job.costUsd === null ? 'no price' : formatUsd(job.costUsd)}
            sub={job.budgetUsd !== null ? `of ${formatUsd(job.budgetUsd)} budget` : 'no budget cap'}
            id="cost"
          />
          {isActive(job.status) ? (
            <Stat
              label="Throughput · ETA"
              value={formatRate(job.segmentsPerSecond)}
              sub={`${formatDuration(job.etaSeconds)} left`}
              id="rate"
            />
          ) : (
            <Stat
              label="Labels stored"
              value={formatCount(job.labels)}
              sub={
                job.finishedAt
                  ? `finished ${formatWhen(job.finishedAt)}`
                  : `updated ${formatWhen(job.updatedAt)}`
              }
              id="labels"
            />
          )}
        </dl>
        <JobStatusCallout job={job} />
      </div>
    </section>
  );
}
