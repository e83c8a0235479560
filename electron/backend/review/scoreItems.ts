import type Database from 'better-sqlite3';
import { REVIEW_STATES } from '../../../shared/contract/review';
import { isBelowThreshold, readCalibrationSignals } from './riskSignals';
import { scoreRisk } from './riskScore';

/** The calibration signals the stored risks were computed under (riskSignals.ts stamp). */
export const RISK_STAMP_KEY = 'review.risk_stamp';
/** From this many items on, the queue index is rebuilt rather than updated entry by entry (half the time). */
const REBUILD_FROM = 10_000;

const SIGNALS =
  'ai_present, confidence, vote_share, votes, samples, evidence_found, extra_requests, coder_id, code_key';

// Unscored items are found through the queue's own indexes (risk NULL sorts first within
// each state of review_items_queue; the audit index is small), so no index has to be
// kept just for them. Items of deleted segments are never shown and stay unscored.
const probes = [
  ...REVIEW_STATES.map(
    (s) =>
      `SELECT 1 FROM review_items WHERE orphaned = 0 AND audit_rank IS NULL AND state = '${s}' AND risk IS NULL`,
  ),
  'SELECT 1 FROM review_items WHERE audit_rank IS NOT NULL AND orphaned = 0 AND risk IS NULL',
].join(' UNION ALL ');

/**
 * Keeps every review item's risk current. Items come in scored (syncQueue.ts); one
 * whose AI claim changed since (an AI label added to it or removed) waits unscored,
 * and a change in the codes calibration flags rescores everything. A few index
 * probes when there is nothing to do. Returns the number of items scored.
 */
export function ensureItemsScored(db: Database.Database): number {
  if (db.readonly) return 0;
  const signals = readCalibrationSignals(db);
  const stored = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(RISK_STAMP_KEY) as
    string | undefined;
  const all = stored !== signals.stamp;
  if (!all && db.prepare(`SELECT EXISTS (${probes})`).pluck().get() === 0) return 0;

  // one UPDATE calling the pure scorer row by row: several times faster than a statement per item
  const score = (...v: unknown[]) =>
    scoreRisk({
      aiPresent: v[0] === 1,
      confidence: v[1] as number | null,
      voteShare: v[2] as number | null,
      votes: v[3] as number | null,
      samples: v[4] as number | null,
      evidenceFound: v[5] === null ? null : v[5] === 1,
      extraRequests: v[6] as number,
      belowThreshold: isBelowThreshold(signals, v[7] as number, v[8] as string),
    });
  db.function('review_risk', { deterministic: true, varargs: true }, (...v: unknown[]) => score(...v).risk);
  db.function(
    'review_reasons',
    { deterministic: true, varargs: true },
    (...v: unknown[]) => score(...v).reasons,
  );
  const where = all ? '1' : 'risk IS NULL AND orphaned = 0';
  return db.transaction((): number => {
    const count = db.prepare(`SELECT count(*) FROM review_items WHERE ${where}`).pluck().get() as number;
    const index =
      count >= REBUILD_FROM
        ? (db
            .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'review_items_queue'")
            .pluck()
            .get() as string | undefined)
        : undefined;
    // a mass rescore (after a large job, or a calibration change) rebuilds the queue index once instead
    if (index) db.exec('DROP INDEX review_items_queue');
    db.prepare(
      `UPDATE review_items SET risk = review_risk(${SIGNALS}), reasons = review_reasons(${SIGNALS}) WHERE ${where}`,
    ).run();
    if (index) db.exec(index);
    db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(RISK_STAMP_KEY, signals.stamp);
    return count;
  })();
}
