import type Database from 'better-sqlite3';
import type { CodeDecision } from '../../../shared/contract/llm';
import { isBelowThreshold, readCalibrationSignals, type CalibrationSignals } from './riskSignals';
import { scoreRisk } from './riskScore';
import { ensureItemsScored, RISK_STAMP_KEY } from './scoreItems';

// The queue is materialised here, when it is read, rather than by triggers on the
// labeling engine's tables: the engine commits an item's labels and output in one
// transaction per batch, and per-decision triggers (a JSON parse in SQL and an index
// insert per code) would have slowed every labeling job. Watermarks on llm_outputs and
// labels make a read with nothing new cost two max(id) look-ups.

// the migration's delete triggers lower these (see 0005-review.ts)
const OUTPUT_KEY = 'review.synced_output_id';
const LABEL_KEY = 'review.synced_label_id';
const CHUNK = 2000;

interface OutputRow {
  id: number;
  segment_id: number;
  coder_id: number;
  document_id: number;
  decisions: string;
  from_cache: number;
  answers: number;
  requests: number | null;
  created_at: string;
}

interface LabelRow {
  id: number;
  segment_id: number;
  coder_id: number;
  document_id: number;
  code_key: string;
  confidence: number | null;
  created_at: string;
}

const setting = (db: Database.Database, key: string): string | undefined =>
  db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;

const setSetting = (db: Database.Database, key: string, value: string) =>
  db
    .prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(key, value);

const maxId = (db: Database.Database, table: 'llm_outputs' | 'labels') =>
  (db.prepare(`SELECT max(id) FROM ${table}`).pluck().get() as number | null) ?? 0;

function parseDecisions(text: string): CodeDecision[] {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as CodeDecision[]).filter((d) => typeof d?.code === 'string') : [];
  } catch {
    // a damaged output row cannot be reviewed; its labels still come in through the label pass
    return [];
  }
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function insertOutputs(
  db: Database.Database,
  from: number,
  to: number,
  signals: CalibrationSignals,
  auditRank: Map<number, number>,
): number {
  const select = db.prepare(
    `SELECT o.id, o.segment_id, o.coder_id, s.document_id, o.decisions, o.from_cache, json_array_length(o.raw_responses) AS answers,
       ji.requests, o.created_at
     FROM llm_outputs o JOIN segments s ON s.id = o.segment_id LEFT JOIN job_items ji ON ji.id = o.item_id
     WHERE o.id > ? AND o.id <= ? ORDER BY o.id LIMIT ${CHUNK}`,
  );
  // which label each present decision wrote (jobs/itemWriter.ts links them in label_provenance)
  const links = db.prepare(
    'SELECT output_id, code_key, label_id FROM label_provenance WHERE output_id BETWEEN ? AND ?',
  );
  // a second answer for the same (segment, code, coder) keeps the first, as the labels do
  // (ON CONFLICT DO NOTHING there); it only fills in an item a bare AI label made
  const insert = db.prepare(
    `INSERT INTO review_items (segment_id, document_id, code_key, coder_id, source, output_id, label_id, ai_present, confidence,
       vote_share, votes, samples, evidence_found, extra_requests, risk, reasons, audit_rank, created_at)
     VALUES (?, ?, ?, ?, 'ai_output', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (segment_id, code_key, coder_id) DO UPDATE SET
       source = 'ai_output', output_id = excluded.output_id, confidence = excluded.confidence, vote_share = excluded.vote_share,
       votes = excluded.votes, samples = excluded.samples, evidence_found = excluded.evidence_found,
       extra_requests = excluded.extra_requests, risk = NULL
     WHERE review_items.source = 'ai_label'`,
  );
  let added = 0;
  for (let after = from; ;) {
    const rows = select.all(after, to) as OutputRow[];
    if (!rows.length) return added;
    const labelOf = new Map(
      (
        links.all(rows[0]!.id, rows[rows.length - 1]!.id) as {
          output_id: number;
          code_key: string;
          label_id: number;
        }[]
      ).map((l) => [`${l.output_id}|${l.code_key}`, l.label_id]),
    );
    for (const o of rows) {
      // requests beyond the answers kept: retries and schema repairs (a cache hit made none)
      const extra = o.from_cache ? 0 : Math.max(0, (o.requests ?? 0) - o.answers);
      for (const d of parseDecisions(o.decisions)) {
        const present = d.present === true;
        const evidenceFound = present && typeof d.evidenceFound === 'boolean' ? d.evidenceFound : null;
        const s = {
          aiPresent: present,
          confidence: num(d.confidence),
          voteShare: num(d.voteShare),
          votes: num(d.votes),
          samples: num(d.samples),
          evidenceFound,
          extraRequests: extra,
          belowThreshold: isBelowThreshold(signals, o.coder_id, d.code),
        };
        const { risk, reasons } = scoreRisk(s);
        added += insert.run(
          o.segment_id,
          o.document_id,
          d.code,
          o.coder_id,
          o.id,
          labelOf.get(`${o.id}|${d.code}`) ?? null,
          present ? 1 : 0,
          s.confidence,
          s.voteShare,
          s.votes,
          s.samples,
          evidenceFound === null ? null : evidenceFound ? 1 : 0,
          extra,
          risk,
          reasons,
          auditRank.get(o.segment_id) ?? null,
          o.created_at,
        ).changes;
      }
    }
    after = rows[rows.length - 1]!.id;
  }
}

/** AI labels no output item accounts for: labels written without the engine, or added to an item the AI had left absent. */
function insertLabels(
  db: Database.Database,
  from: number,
  to: number,
  signals: CalibrationSignals,
  auditRank: Map<number, number>,
): number {
  const rows = db
    .prepare(
      `SELECT l.id, l.segment_id, l.coder_id, s.document_id, c.code_key, l.confidence, l.created_at
       FROM labels l JOIN codes c ON c.id = l.code_id JOIN segments s ON s.id = l.segment_id
       WHERE l.source = 'ai' AND l.id > ? AND l.id <= ? AND NOT EXISTS (SELECT 1 FROM review_items i WHERE i.label_id = l.id)`,
    )
    .all(from, to) as LabelRow[];
  const upsert = db.prepare(
    `INSERT INTO review_items (segment_id, document_id, code_key, coder_id, source, label_id, ai_present, confidence, risk, reasons,
       audit_rank, created_at)
     VALUES (?, ?, ?, ?, 'ai_label', ?, 1, ?, ?, ?, ?, ?)
     ON CONFLICT (segment_id, code_key, coder_id) DO UPDATE SET label_id = excluded.label_id, ai_present = 1, risk = NULL
     WHERE review_items.label_id IS NULL`,
  );
  let added = 0;
  for (const l of rows) {
    const { risk, reasons } = scoreRisk({
      aiPresent: true,
      confidence: l.confidence,
      voteShare: null,
      votes: null,
      samples: null,
      evidenceFound: null,
      extraRequests: 0,
      belowThreshold: isBelowThreshold(signals, l.coder_id, l.code_key),
    });
    added += upsert.run(
      l.segment_id,
      l.document_id,
      l.code_key,
      l.coder_id,
      l.id,
      l.confidence,
      risk,
      reasons,
      auditRank.get(l.segment_id) ?? null,
      l.created_at,
    ).changes;
  }
  return added;
}

/**
 * Brings review_items up to date with the AI's answers and labels written since the
 * last read: one item per code decision of each new output (absent ones included),
 * scored as it is inserted, joining the audit sample when its segment is in it.
 * Returns the number of items added or changed.
 */
export function syncReviewItems(db: Database.Database): number {
  if (db.readonly) return 0;
  const outputs = maxId(db, 'llm_outputs');
  const labels = maxId(db, 'labels');
  if (outputs <= Number(setting(db, OUTPUT_KEY) ?? 0) && labels <= Number(setting(db, LABEL_KEY) ?? 0))
    return 0;
  return db
    .transaction((): number => {
      // read again under the write lock: another process may have synced meanwhile
      const outputFrom = Number(setting(db, OUTPUT_KEY) ?? 0);
      const labelFrom = Number(setting(db, LABEL_KEY) ?? 0);
      const signals = readCalibrationSignals(db);
      // the first sync scores under the current calibration: nothing to rescore afterwards
      if (setting(db, RISK_STAMP_KEY) === undefined) setSetting(db, RISK_STAMP_KEY, signals.stamp);
      const auditRank = new Map(
        (
          db
            .prepare(
              'SELECT segment_id, min(audit_rank) AS r FROM review_items WHERE audit_rank IS NOT NULL GROUP BY segment_id',
            )
            .all() as { segment_id: number; r: number }[]
        ).map((a) => [a.segment_id, a.r]),
      );
      let changed = 0;
      if (outputs > outputFrom) changed += insertOutputs(db, outputFrom, outputs, signals, auditRank);
      if (labels > labelFrom) changed += insertLabels(db, labelFrom, labels, signals, auditRank);
      setSetting(db, OUTPUT_KEY, String(Math.max(outputs, outputFrom)));
      setSetting(db, LABEL_KEY, String(Math.max(labels, labelFrom)));
      return changed;
    })
    .immediate();
}

/** What every reader of the queue calls first: new AI answers in, every item scored. */
export function refreshReviewQueue(db: Database.Database): void {
  syncReviewItems(db);
  ensureItemsScored(db);
}
