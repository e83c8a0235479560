import type Database from 'better-sqlite3';
import { reviewedLabelIds as reviewed } from '../review/effectiveLabels';

/**
 * Ids of labels a person has reviewed (confirmed or corrected), for the `reviewed`
 * column of the label table and the review coverage of the methods paragraph.
 */
export function reviewedLabelIds(db: Database.Database): Set<number> {
  return reviewed(db);
}
