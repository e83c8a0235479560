// Which labels count as "the segment has the code" in a comparison. Every source is a
// SQL filter over `labels` (alias l); a segment has a code when at least one label the
// filter keeps applies it, whoever the coder (labels of several coders of one source
// are pooled, not counted twice).
//
// The seam for later issues: 'consensus' (a code is present when most human coders of
// the segment applied it) and 'effective' (AI labels as corrected by the review queue)
// each add one entry here, with whatever joins they need, and their name to
// COMPARE_LABEL_SOURCES in shared/contract/compare.ts. Nothing else in compare/ changes.

import type Database from 'better-sqlite3';
import type { CompareLabelSource } from '../../../shared/contract/compare';
import { effectiveLabelSource } from '../review/effectiveLabels';
import { maxRowid } from './packedIntegers';

export interface LabelSourceDefinition {
  /** a boolean SQL expression over `labels l` (no parameters) */
  where: string;
  /** a table expression aliased `l` with the columns of `labels` used (default: the labels table) */
  from?: (db: Database.Database) => string;
  /** at least as many as the rows of `from`, read in O(1) (default: max(rowid) of labels) */
  maxRows?: (db: Database.Database) => number;
  /** one sentence for the methods paragraph and the result's notes */
  describe: string;
}

export const LABEL_SOURCES: Record<CompareLabelSource, LabelSourceDefinition> = {
  human: {
    where: "l.source = 'human'",
    describe: 'human labels (pooled over human coders: a segment has a code when any human coder applied it)',
  },
  ai: {
    where: "l.source = 'ai'",
    describe:
      'AI labels (pooled over AI coder configurations: a segment has a code when any of them applied it)',
  },
  all: {
    // every label (the column's CHECK allows no other value), spelled so the index on
    // (source, segment_id) can seek segment ranges
    where: "l.source IN ('human', 'ai')",
    describe: 'all labels, human and AI (a segment has a code when any coder applied it)',
  },
  effective: {
    where: 'l.present = 1',
    // brings the review queue up to date first (a write), then reads the decisions in force
    from: (db) => effectiveLabelSource(db).from,
    // one row per item, plus one per replacement code a reviewer gave
    maxRows: (db) => 2 * maxRowid(db, 'review_items'),
    describe:
      "effective labels: for each segment and code, a reviewer's decision, else an approved AI coder's label, else any AI label",
  },
};

/** The FROM clause of a label source. */
export const labelSourceFrom = (db: Database.Database, source: CompareLabelSource): string =>
  LABEL_SOURCES[source].from?.(db) ?? 'labels l';

export const labelSourceDefinition = (source: CompareLabelSource): LabelSourceDefinition =>
  LABEL_SOURCES[source];
