import type Database from 'better-sqlite3';
import { hostname } from 'node:os';
import {
  SelectionSchema,
  type AiCoderConfig,
  type JobStatus,
  type JobView,
  type Selection,
} from '../../../shared/contract/llm';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import type { PreparedCoder } from '../llm/preparedCoder';
import { selectionKey, selectionQuery } from './selection';

export interface JobRow {
  id: number;
  coder_id: number;
  config_hash: string;
  config: string;
  codebook_version_id: number;
  selection: string;
  selection_key: string;
  batch: number;
  status: JobStatus;
  budget_usd: number | null;
  segments_total: number;
  segments_done: number;
  segments_failed: number;
  requests: number;
  cache_hits: number;
  retries: number;
  rejected: number;
  rate_limited: number;
  labels: number;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  last_error: string | null;
  last_error_code: string | null;
  runner_pid: number | null;
  runner_host: string | null;
  heartbeat_at: number | null;
  batch_id: string | null;
  /** what the job last ran with (null: the default) */
  concurrency: number | null;
  created_at: string;
  started_at: string | null;
  updated_at: string;
  finished_at: string | null;
}

/** What only a live run knows; zeros for a job not running in this process. */
export interface LiveFigures {
  runRequests: number;
  runCacheHits: number;
  inFlight: number;
  segmentsPerSecond: number | null;
  etaSeconds: number | null;
}

export const IDLE: LiveFigures = {
  runRequests: 0,
  runCacheHits: 0,
  inFlight: 0,
  segmentsPerSecond: null,
  etaSeconds: null,
};

export function getJobRow(db: Database.Database, id: number): JobRow {
  const row = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
  if (!row) throw new UserError(`job ${id} does not exist`, 'not_found');
  return row;
}

export function jobView(db: Database.Database, row: JobRow, live: LiveFigures = IDLE): JobView {
  const coder = db.prepare('SELECT name FROM coders WHERE id = ?').get(row.coder_id) as
    { name: string } | undefined;
  const config = JSON.parse(row.config) as AiCoderConfig;
  return {
    id: row.id,
    coderId: row.coder_id,
    coderName: coder?.name ?? '',
    configHash: row.config_hash,
    model: config.model,
    selection: SelectionSchema.parse(JSON.parse(row.selection)),
    batch: row.batch === 1,
    status: row.status,
    budgetUsd: row.budget_usd,
    segmentsTotal: row.segments_total,
    segmentsDone: row.segments_done,
    failed: row.segments_failed,
    requests: row.requests,
    cacheHits: row.cache_hits,
    retries: row.retries,
    rejected: row.rejected,
    rateLimited: row.rate_limited,
    labels: row.labels,
    inputTokens: row.input_tokens,
    cachedInputTokens: row.cached_input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    ...live,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** The job of this coder, configuration and selection, if one was started before. */
export function findJob(
  db: Database.Database,
  coderId: number,
  configHash: string,
  selection: Selection,
): JobRow | undefined {
  return db
    .prepare(
      'SELECT * FROM jobs WHERE coder_id = ? AND config_hash = ? AND selection_key = ? ORDER BY id DESC LIMIT 1',
    )
    .get(coderId, configHash, selectionKey(selection)) as JobRow | undefined;
}

/**
 * Creates a job and its items in one transaction. A segment this coder has already
 * coded (in an earlier job over another selection) is entered as done and skipped,
 * so no segment is ever labeled twice by the same coder.
 */
export function createJob(
  db: Database.Database,
  args: {
    coderId: number;
    prepared: PreparedCoder;
    selection: Selection;
    budgetUsd: number | null;
    batch: boolean;
    priced: boolean;
  },
  actor: string,
): JobRow {
  const now = new Date().toISOString();
  const { sql, params } = selectionQuery(db, args.selection);
  return db.transaction(() => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO jobs (coder_id, config_hash, config, codebook_version_id, selection, selection_key, batch, status, budget_usd, cost_usd, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
        )
        .run(
          args.coderId,
          args.prepared.configHash,
          JSON.stringify(args.prepared.config),
          args.prepared.codebook.versionId,
          JSON.stringify(args.selection),
          selectionKey(args.selection),
          args.batch ? 1 : 0,
          args.budgetUsd,
          args.priced ? 0 : null,
          now,
          now,
        ).lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO job_items (job_id, segment_id, state, skipped, updated_at)
       SELECT ?, sel.id, CASE WHEN cs.segment_id IS NULL THEN 'pending' ELSE 'done' END, cs.segment_id IS NOT NULL, ?
       FROM (${sql}) sel LEFT JOIN coded_segments cs ON cs.coder_id = ? AND cs.segment_id = sel.id`,
    ).run(id, now, ...params, args.coderId);
    const counts = db
      .prepare(
        "SELECT count(*) AS total, coalesce(sum(state = 'done'), 0) AS done FROM job_items WHERE job_id = ?",
      )
      .get(id) as { total: number; done: number };
    db.prepare('UPDATE jobs SET segments_total = ?, segments_done = ? WHERE id = ?').run(
      counts.total,
      counts.done,
      id,
    );
    recordHistory(db, {
      actor,
      action: 'job.create',
      entity: 'job',
      entityId: id,
      after: {
        coderId: args.coderId,
        configHash: args.prepared.configHash,
        selection: args.selection,
        segments: counts.total,
        alreadyCoded: counts.done,
      },
    });
    return getJobRow(db, id);
  })();
}

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** A heartbeat older than this means the runner is gone, whatever host it ran on. */
const STALE_HEARTBEAT_MS = 60_000;

/**
 * Takes a job for a run in this process: refuses one that another live process is
 * running, and returns items a killed run left 'running' (and, on a resume, failed
 * ones) to 'pending'. No lock file: a kill -9 leaves nothing that blocks a resume.
 */
export function claimJob(db: Database.Database, id: number, opts: { retryFailed: boolean }): JobRow {
  return db.transaction(() => {
    const row = getJobRow(db, id);
    const host = hostname();
    if (
      row.status === 'running' &&
      row.runner_pid &&
      row.runner_pid !== process.pid &&
      row.heartbeat_at &&
      Date.now() - row.heartbeat_at < STALE_HEARTBEAT_MS
    ) {
      const alive = row.runner_host === host ? pidAlive(row.runner_pid) : true;
      if (alive)
        throw new UserError(
          `job ${id} is being run by another process (pid ${row.runner_pid} on ${row.runner_host}); wait for it or stop it first`,
          'job_busy',
        );
    }
    db.prepare("UPDATE job_items SET state = 'pending' WHERE job_id = ? AND state = 'running'").run(id);
    if (opts.retryFailed && row.segments_failed > 0) {
      db.prepare(
        "UPDATE job_items SET state = 'pending', error = NULL, error_code = NULL WHERE job_id = ? AND state = 'failed'",
      ).run(id);
    }
    const counts = db
      .prepare(
        "SELECT coalesce(sum(state = 'done'), 0) AS done, coalesce(sum(state = 'failed'), 0) AS failed FROM job_items WHERE job_id = ?",
      )
      .get(id) as { done: number; failed: number };
    const now = new Date().toISOString();
    db.prepare(
      `UPDATE jobs SET status = 'running', segments_done = ?, segments_failed = ?, runner_pid = ?, runner_host = ?, heartbeat_at = ?,
         started_at = coalesce(started_at, ?), updated_at = ?, finished_at = NULL, last_error = NULL, last_error_code = NULL WHERE id = ?`,
    ).run(counts.done, counts.failed, process.pid, host, Date.now(), now, now, id);
    recordHistory(db, {
      actor: `pid ${process.pid} on ${host}`,
      action: 'job.start',
      entity: 'job',
      entityId: id,
      after: { resumedFrom: row.status, done: counts.done, failed: counts.failed },
    });
    return getJobRow(db, id);
  })();
}

const TERMINAL = new Set<JobStatus>(['completed', 'failed', 'cancelled']);

export function finishJob(
  db: Database.Database,
  id: number,
  status: JobStatus,
  error: { code: string; message: string } | null,
  actor: string,
): JobRow {
  const now = new Date().toISOString();
  db.transaction(() => {
    db.prepare(
      `UPDATE jobs SET status = ?, last_error = ?, last_error_code = ?, runner_pid = NULL, runner_host = NULL, heartbeat_at = NULL,
         updated_at = ?, finished_at = ? WHERE id = ?`,
    ).run(status, error?.message ?? null, error?.code ?? null, now, TERMINAL.has(status) ? now : null, id);
    const r = getJobRow(db, id);
    recordHistory(db, {
      actor,
      action: 'job.stop',
      entity: 'job',
      entityId: id,
      after: {
        status,
        error: error?.message ?? null,
        done: r.segments_done,
        failed: r.segments_failed,
        requests: r.requests,
        costUsd: r.cost_usd,
      },
    });
  })();
  return getJobRow(db, id);
}
