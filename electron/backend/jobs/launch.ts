import type Database from 'better-sqlite3';
import type { Estimate, ModelPrice, Provider, Selection } from '../../../shared/contract/llm';
import { UserError } from '../errors';
import { aiCoderConfigOf, getAiCoderRow } from '../llm/aiCoders';
import type { KeyStore } from '../llm/keyStore';
import { prepareCoder, type PreparedCoder } from '../llm/preparedCoder';
import { priceFor } from '../llm/prices';
import { isOpenAiCloud } from '../llm/provider';
import { JobRun, type RunSettings } from './engine';
import { estimateSegments, pendingSegmentIds } from './estimate';
import { createJob, findJob, getJobRow, type JobRow } from './jobStore';
import { trackRun } from './registry';
import { DEFAULT_POLICY, type RequestPolicy } from './runtimeFactory';
import { resolveSelection, selectionQuery } from './selection';

export interface LaunchRequest {
  coderId: number;
  selection: Selection;
  /** undefined keeps the job's cap, null removes it */
  budgetUsd?: number | null;
  batch?: boolean;
  useCache: boolean;
  actor: string;
}

export interface PreparedLaunch {
  job: JobRow;
  prepared: PreparedCoder;
  price: ModelPrice | null;
  estimate: Estimate;
  /** true when this call created the job, false when it resumes one */
  created: boolean;
}

/** The API key for a provider; local servers often need none, OpenAI and Azure always do. */
export async function resolveApiKey(keys: KeyStore, provider: Provider): Promise<string> {
  const key = await keys.get(provider);
  if (key) return key;
  if (provider.kind === 'azure' || isOpenAiCloud(provider)) {
    throw new UserError(
      'no API key: set OPENAI_API_KEY (or store a key in the app) to use this provider',
      'no_key',
    );
  }
  // the SDK insists on some key; OpenAI-compatible local servers ignore it
  return 'no-key';
}

/**
 * Finds the job of this coder, configuration and selection (a re-run resumes it) or
 * creates it, applies a new budget, and estimates what is left to do. Nothing is sent.
 */
export function prepareLaunch(db: Database.Database, req: LaunchRequest): PreparedLaunch {
  const coder = getAiCoderRow(db, req.coderId);
  const prepared = prepareCoder(db, aiCoderConfigOf(coder));
  if (prepared.configHash !== coder.config_hash) {
    throw new UserError(
      `AI coder "${coder.name}" no longer matches its stored configuration (its codebook version changed); create a new coder`,
      'config_conflict',
    );
  }
  const selection = resolveSelection(db, req.selection);
  const price = priceFor(db, prepared.config.model);
  const noPrice = () =>
    new UserError(
      `no price is known for model ${prepared.config.model}, so a budget cannot be enforced; add a price for it or leave out the budget`,
      'no_price',
    );
  // checked before anything is stored, so a refused start leaves no job behind
  if (req.budgetUsd != null && !price) throw noPrice();
  let job = findJob(db, coder.id, prepared.configHash, selection);
  const created = !job;
  job ??= createJob(
    db,
    {
      coderId: coder.id,
      prepared,
      selection,
      budgetUsd: req.budgetUsd ?? null,
      batch: Boolean(req.batch),
      priced: price !== null,
    },
    req.actor,
  );
  if (req.budgetUsd !== undefined && req.budgetUsd !== job.budget_usd) {
    db.prepare('UPDATE jobs SET budget_usd = ? WHERE id = ?').run(req.budgetUsd, job.id);
    job = getJobRow(db, job.id);
  }
  // a job whose model lost its price since its budget was set
  if (job.budget_usd !== null && !price) throw noPrice();
  if (req.batch !== undefined && Boolean(req.batch) !== (job.batch === 1) && job.status !== 'completed') {
    db.prepare('UPDATE jobs SET batch = ? WHERE id = ?').run(req.batch ? 1 : 0, job.id);
    job = getJobRow(db, job.id);
  }
  const estimate = estimateSegments(db, prepared, pendingSegmentIds(db, job.id, true), {
    useCache: req.useCache,
    price,
    batch: job.batch === 1,
  });
  return { job, prepared, price, estimate, created };
}

export interface RunRequest extends Partial<RequestPolicy> {
  useCache: boolean;
  actor: string;
  onProgress?: RunSettings['onProgress'];
  flushSize?: number;
  flushIntervalMs?: number;
  progressIntervalMs?: number;
}

/** Starts a run of a prepared job in this process; progress and the end come from the run. */
export function startRun(
  db: Database.Database,
  launch: PreparedLaunch,
  apiKey: string,
  req: RunRequest,
): JobRun {
  const perItem =
    launch.estimate.costUsd !== null && launch.estimate.segments > 0
      ? launch.estimate.costUsd / launch.estimate.segments
      : null;
  // a resume without a concurrency goes on at the job's last pace; a given one is remembered
  const stored = launch.job.concurrency;
  const concurrency = req.concurrency ?? stored ?? DEFAULT_POLICY.concurrency;
  if (concurrency !== stored)
    db.prepare('UPDATE jobs SET concurrency = ? WHERE id = ?').run(concurrency, launch.job.id);
  const run = new JobRun(db, launch.job.id, launch.prepared, apiKey, {
    ...DEFAULT_POLICY,
    ...Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined)),
    concurrency,
    useCache: req.useCache,
    retryFailed: true,
    actor: req.actor,
    price: launch.price,
    estimatedItemCostUsd: perItem,
  });
  trackRun(db, run);
  return run;
}

/** The estimate of starting (or resuming) a coder over a selection, without creating anything. */
export function estimateLaunch(
  db: Database.Database,
  req: { coderId: number; selection: Selection; batch?: boolean; useCache: boolean },
): Estimate {
  const coder = getAiCoderRow(db, req.coderId);
  const prepared = prepareCoder(db, aiCoderConfigOf(coder));
  const selection = resolveSelection(db, req.selection);
  const price = priceFor(db, prepared.config.model);
  const job = findJob(db, coder.id, prepared.configHash, selection);
  const opts = { useCache: req.useCache, price, batch: Boolean(req.batch ?? job?.batch) };
  if (job) return estimateSegments(db, prepared, pendingSegmentIds(db, job.id, true), opts);
  const { sql, params } = selectionQuery(db, selection);
  const ids = db
    .prepare(
      `SELECT sel.id FROM (${sql}) sel WHERE NOT EXISTS (SELECT 1 FROM coded_segments cs WHERE cs.coder_id = ? AND cs.segment_id = sel.id)`,
    )
    .pluck();
  return estimateSegments(db, prepared, ids.iterate(...params, coder.id) as IterableIterator<number>, opts);
}
