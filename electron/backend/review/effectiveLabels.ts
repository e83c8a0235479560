import type Database from 'better-sqlite3';
import {
  DEFAULT_SOURCE_PRIORITY,
  EFFECTIVE_SOURCES,
  type EffectiveSource,
} from '../../../shared/contract/review';
import { UserError } from '../errors';
import { readCalibrationSignals } from './riskSignals';
import { refreshReviewQueue } from './syncQueue';

// The effective-label rule: for each (segment, code) the label that counts in analyses
// comes from the strongest source that has one, in this order unless the caller asks
// for another:
//   1. review       a reviewer's decision in force (present or absent; a changed label
//                   also makes its replacement code present); the latest decision wins
//   2. approved_ai  an AI decision of a coder whose configuration calibration approved
//   3. ai           any other AI decision
// Within an AI source, coders are pooled as compare pools them (present when any of
// them applied the code). Leaving a source out of `sourcePriority` excludes it: ["review"]
// counts reviewed decisions only; ["review", "approved_ai"] drops unapproved AI labels.
// Absent decisions take part, so a reviewer's rejection overrides an AI label.

export interface EffectiveLabelOptions {
  sourcePriority?: readonly EffectiveSource[];
  /** only these segments / this code (for one label's audit view, without computing the whole project) */
  scope?: { segmentId?: number; codeKey?: string };
}

export interface EffectiveLabel {
  segmentId: number;
  codeKey: string;
  present: boolean;
  source: EffectiveSource;
  /** the review item the value comes from, the reviewer's decision (source review) and the AI label if any */
  itemId: number;
  decisionId: number | null;
  labelId: number | null;
}

function checkedPriority(priority: readonly EffectiveSource[]): readonly EffectiveSource[] {
  if (!priority.length) throw new UserError('the effective-label source priority is empty');
  for (const s of priority)
    if (!EFFECTIVE_SOURCES.includes(s)) throw new UserError(`unknown effective-label source "${String(s)}"`);
  if (new Set(priority).size !== priority.length)
    throw new UserError('a source appears twice in the effective-label source priority');
  return priority;
}

/**
 * One SELECT (no parameters) yielding the effective labels with the columns of
 * `labels` an analysis reads: id, segment_id, code_id (a row of the code's key),
 * coder_id (the AI coder of the item), span_start / span_end (NULL: whole segment),
 * plus code_key, present (0/1), source, item_id, decision_id, label_id. Absent rows are
 * included; filter `present = 1` to count.
 */
export function effectiveLabelsSql(db: Database.Database, opts: EffectiveLabelOptions = {}): string {
  const priority = checkedPriority(opts.sourcePriority ?? DEFAULT_SOURCE_PRIORITY);
  // integers only, so inlining them keeps the statement parameter-free
  const approved =
    readCalibrationSignals(db)
      .approvedCoders.map((id) => Math.trunc(id))
      .join(', ') || 'NULL';
  const rank = (s: EffectiveSource) => priority.indexOf(s);
  const kept = EFFECTIVE_SOURCES.filter((s) => priority.includes(s));
  const segmentTerm =
    opts.scope?.segmentId === undefined ? '' : ` AND i.segment_id = ${Math.trunc(opts.scope.segmentId)}`;
  const keyLiteral = opts.scope?.codeKey === undefined ? null : `'${opts.scope.codeKey.replace(/'/g, "''")}'`;
  const within = (keyColumn: string) =>
    segmentTerm + (keyLiteral === null ? '' : ` AND ${keyColumn} = ${keyLiteral}`);
  return `WITH keyed AS (SELECT code_key, max(id) AS code_id FROM codes GROUP BY code_key),
  claims AS (
    SELECT i.segment_id, i.code_key, i.verdict AS present, 'review' AS source, i.top_decision_id AS pick, i.coder_id, i.id AS item_id,
      i.top_decision_id AS decision_id, i.label_id
    FROM review_items i WHERE i.orphaned = 0 AND i.verdict IS NOT NULL${within('i.code_key')}
    UNION ALL
    SELECT i.segment_id, i.replacement_key, 1, 'review', i.top_decision_id, i.coder_id, i.id, i.top_decision_id, NULL
    FROM review_items i WHERE i.orphaned = 0 AND i.verdict IS NOT NULL AND i.replacement_key IS NOT NULL${within('i.replacement_key')}
    UNION ALL
    SELECT i.segment_id, i.code_key, i.ai_present, CASE WHEN i.coder_id IN (${approved}) THEN 'approved_ai' ELSE 'ai' END,
      i.ai_present, i.coder_id, i.id, NULL, i.label_id
    FROM review_items i WHERE i.orphaned = 0 AND i.source <> 'review'${within('i.code_key')}
  ),
  ranked AS (
    SELECT c.*, row_number() OVER (
      PARTITION BY c.segment_id, c.code_key
      ORDER BY CASE c.source ${kept.map((s) => `WHEN '${s}' THEN ${rank(s)}`).join(' ')} END, c.pick DESC, c.item_id DESC
    ) AS rn
    FROM claims c WHERE c.source IN (${kept.map((s) => `'${s}'`).join(', ')})
  )
  SELECT r.item_id AS id, r.segment_id, k.code_id, r.coder_id, NULL AS span_start, NULL AS span_end, r.code_key, r.present,
    r.source, r.item_id, r.decision_id, r.label_id
  FROM ranked r JOIN keyed k ON k.code_key = r.code_key WHERE r.rn = 1`;
}

interface Row {
  segment_id: number;
  code_key: string;
  present: number;
  source: EffectiveSource;
  item_id: number;
  decision_id: number | null;
  label_id: number | null;
}

/** The effective labels of the project (see the rule above), present and absent, by segment then code; the queue is brought up to date first. */
export function effectiveLabels(
  db: Database.Database,
  opts: EffectiveLabelOptions & { presentOnly?: boolean } = {},
): EffectiveLabel[] {
  refreshReviewQueue(db);
  const sql = `SELECT * FROM (${effectiveLabelsSql(db, opts)}) ${opts.presentOnly ? 'WHERE present = 1' : ''} ORDER BY segment_id, code_key`;
  return (db.prepare(sql).all() as Row[]).map((r) => ({
    segmentId: r.segment_id,
    codeKey: r.code_key,
    present: r.present === 1,
    source: r.source,
    itemId: r.item_id,
    decisionId: r.decision_id,
    labelId: r.label_id,
  }));
}

/** Per code: segments where it is effectively present, and from which source. */
export function effectiveCounts(
  db: Database.Database,
  opts: EffectiveLabelOptions = {},
): { codeKey: string; present: number; review: number; approvedAi: number; ai: number }[] {
  refreshReviewQueue(db);
  return db
    .prepare(
      `SELECT code_key AS codeKey, count(*) AS present, sum(source = 'review') AS review, sum(source = 'approved_ai') AS approvedAi,
         sum(source = 'ai') AS ai
       FROM (${effectiveLabelsSql(db, opts)}) WHERE present = 1 GROUP BY code_key ORDER BY code_key`,
    )
    .all() as { codeKey: string; present: number; review: number; approvedAi: number; ai: number }[];
}

/** Ids of AI labels a reviewer has decided (confirmed or corrected): the `reviewed` column of label exports. */
export function reviewedLabelIds(db: Database.Database): Set<number> {
  return new Set(
    db
      .prepare("SELECT label_id FROM review_items WHERE label_id IS NOT NULL AND state <> 'pending'")
      .pluck()
      .all() as number[],
  );
}

/**
 * The effective labels as a label source of an analysis that reads `labels l`
 * (compare/labelSource.ts): a table expression aliased `l` with the columns of
 * `labels` it uses, and the filter keeping present labels. Brings the review queue up
 * to date first (a write), so AI answers of a job that just finished count.
 */
export function effectiveLabelSource(
  db: Database.Database,
  opts: EffectiveLabelOptions = {},
): { from: string; where: string; describe: string } {
  refreshReviewQueue(db);
  const priority = checkedPriority(opts.sourcePriority ?? DEFAULT_SOURCE_PRIORITY);
  const words: Record<EffectiveSource, string> = {
    review: "a reviewer's decision",
    approved_ai: "an approved AI coder's label",
    ai: 'any AI label',
  };
  return {
    from: `(${effectiveLabelsSql(db, { sourcePriority: priority })}) l`,
    where: 'l.present = 1',
    describe: `effective labels: for each segment and code, ${priority.map((s) => words[s]).join(', else ')} (AI coders pooled: present when any applied the code)`,
  };
}
