import type Database from 'better-sqlite3';
import { type Thresholds, ThresholdsSchema } from '../../../shared/contract/calibration';
import { recordHistory } from '../history/record';

// The lead's readiness thresholds live in the project's settings, so every report and
// every collaborator uses the same ones; a changed threshold is written to the history.

const KEY = 'agreement.thresholds';

export const DEFAULT_THRESHOLDS: Thresholds = ThresholdsSchema.parse({});

export function readThresholds(db: Database.Database): Thresholds {
  const raw = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (!raw) return DEFAULT_THRESHOLDS;
  try {
    // a setting written by another version keeps what is still valid and defaults the rest
    const parsed = ThresholdsSchema.partial().safeParse(JSON.parse(raw));
    return parsed.success
      ? ThresholdsSchema.parse({ ...DEFAULT_THRESHOLDS, ...parsed.data })
      : DEFAULT_THRESHOLDS;
  } catch {
    return DEFAULT_THRESHOLDS;
  }
}

/** Merges the change into the stored thresholds; the caller holds the transaction. */
export function writeThresholds(
  db: Database.Database,
  change: Partial<Thresholds>,
  actor: string,
): Thresholds {
  const before = readThresholds(db);
  const after = ThresholdsSchema.parse({
    ...before,
    ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
  });
  if (JSON.stringify(after) === JSON.stringify(before)) return before;
  db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(KEY, JSON.stringify(after));
  recordHistory(db, {
    actor,
    action: 'agreement.thresholds',
    entity: 'settings',
    entityId: KEY,
    before,
    after,
  });
  return after;
}
