import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';

// The seam between calibration (migration 0004, electron/backend/calibration) and the
// review queue. Calibration records each agreement report's summary in
// `agreement_runs.summary` (RunSummarySchema: per code, per AI coder, a status) and
// approvals of AI configurations in `coder_approvals`. This module is the only place
// the review code reads them; if those tables are missing (an older file) or hold
// nothing, every signal is empty and the queue works on the AI's own signals.

/** Statuses of a code for an AI coder that mean "its agreement with humans is not good enough". */
const FLAGGED = new Set(['below_threshold', 'below_human']);

export interface CalibrationSignals {
  /** code keys flagged for each AI coder (by the coder's latest report that rated it) */
  belowThreshold: ReadonlyMap<number, ReadonlySet<string>>;
  /** AI coders whose current configuration has an active approval */
  approvedCoders: readonly number[];
  /** changes whenever a flagged code changes: the queue is rescored then */
  stamp: string;
}

const hasTable = (db: Database.Database, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?").get(name) !==
  undefined;

interface SummaryCode {
  code_id?: unknown;
  ai?: unknown;
}

function flaggedByCoderName(db: Database.Database): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!hasTable(db, 'agreement_runs')) return out;
  // newest first: a coder's statuses come from the latest report that rated it
  const rows = db
    .prepare('SELECT summary FROM agreement_runs ORDER BY created_at DESC, id DESC')
    .pluck()
    .all() as string[];
  const settled = new Set<string>();
  for (const text of rows) {
    let summary: { codes?: unknown };
    try {
      summary = JSON.parse(text) as { codes?: unknown };
    } catch {
      continue;
    }
    if (!Array.isArray(summary.codes)) continue;
    const seenHere = new Set<string>();
    for (const c of summary.codes as SummaryCode[]) {
      if (typeof c?.code_id !== 'string' || !Array.isArray(c.ai)) continue;
      for (const a of c.ai as { coder?: unknown; status?: unknown }[]) {
        if (typeof a?.coder !== 'string' || settled.has(a.coder)) continue;
        seenHere.add(a.coder);
        if (typeof a.status === 'string' && FLAGGED.has(a.status)) {
          const set = out.get(a.coder) ?? new Set<string>();
          set.add(c.code_id);
          out.set(a.coder, set);
        }
      }
    }
    for (const coder of seenHere) settled.add(coder);
  }
  return out;
}

export function readCalibrationSignals(db: Database.Database): CalibrationSignals {
  const coders = db
    .prepare("SELECT id, name, config_hash FROM coders WHERE kind = 'ai' ORDER BY id")
    .all() as {
    id: number;
    name: string;
    config_hash: string | null;
  }[];
  const byName = flaggedByCoderName(db);
  const belowThreshold = new Map<number, ReadonlySet<string>>();
  for (const c of coders) {
    const set = byName.get(c.name);
    if (set?.size) belowThreshold.set(c.id, set);
  }
  const approvedCoders = hasTable(db, 'coder_approvals')
    ? (db
        .prepare(
          `SELECT DISTINCT a.coder_id FROM coder_approvals a JOIN coders c ON c.id = a.coder_id
           WHERE a.revoked_at IS NULL AND a.config_hash = c.config_hash ORDER BY a.coder_id`,
        )
        .pluck()
        .all() as number[])
    : [];
  const canonical = JSON.stringify([...belowThreshold].map(([id, keys]) => [id, [...keys].sort()]));
  return {
    belowThreshold,
    approvedCoders,
    stamp: createHash('sha256').update(canonical).digest('hex').slice(0, 16),
  };
}

export const isBelowThreshold = (signals: CalibrationSignals, coderId: number, codeKey: string): boolean =>
  signals.belowThreshold.get(coderId)?.has(codeKey) ?? false;
