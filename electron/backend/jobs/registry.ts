import type Database from 'better-sqlite3';
import type { JobView } from '../../../shared/contract/llm';

/** A job running in this process (synchronous requests or the Batch API). */
export interface ActiveRun {
  readonly jobId: number;
  readonly done: Promise<JobView>;
  pause(): void;
  cancel(): void;
  view(): JobView;
  setBudget(usd: number | null): void;
}

// Runs alive in this process, per open database, so pause / cancel / progress calls
// reach the run that owns the job. A closed project's map goes with its connection.
const runs = new WeakMap<Database.Database, Map<number, ActiveRun>>();

export function trackRun(db: Database.Database, run: ActiveRun): void {
  const map = runs.get(db) ?? new Map<number, ActiveRun>();
  runs.set(db, map);
  map.set(run.jobId, run);
  const forget = () => {
    if (map.get(run.jobId) === run) map.delete(run.jobId);
  };
  run.done.then(forget, forget);
}

export const activeRun = (db: Database.Database, jobId: number): ActiveRun | undefined =>
  runs.get(db)?.get(jobId);

export const activeRuns = (db: Database.Database): ActiveRun[] => [...(runs.get(db)?.values() ?? [])];
