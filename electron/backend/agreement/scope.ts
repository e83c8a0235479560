import type Database from 'better-sqlite3';
import { UserError } from '../errors';
import { type SampleRow, requireSample, sampleSegmentIds } from '../calibration/sampleLookup';
import type { SelectedCoder } from './selectCoders';

/** The units of a report: a sample's segments, or every segment all the coders finished. */
export interface Scope {
  kind: 'sample' | 'overlap';
  sample: SampleRow | null;
  /** segment ids in reading order */
  unitIds: number[];
}

function codedCounts(
  db: Database.Database,
  coders: readonly SelectedCoder[],
  sampleId: number | null,
): string {
  const count =
    sampleId === null
      ? db.prepare('SELECT count(*) FROM coded_segments WHERE coder_id = ?').pluck()
      : db
          .prepare(
            'SELECT count(*) FROM coded_segments cs JOIN sample_segments ss ON ss.segment_id = cs.segment_id AND ss.sample_id = ? WHERE cs.coder_id = ?',
          )
          .pluck();
  return coders
    .map((c) => `${c.name}: ${(sampleId === null ? count.get(c.id) : count.get(sampleId, c.id)) as number}`)
    .join(', ');
}

/**
 * Resolves the units. Comparing every coder on the same units keeps pairwise and
 * pooled figures comparable (a pair never gains units the others lack). With no sample,
 * the units are the segments every coder has marked finished; none is an error, as is
 * a sample where no segment has been finished by two of the coders.
 */
export function resolveScope(
  db: Database.Database,
  coders: readonly SelectedCoder[],
  sampleName?: string,
): Scope {
  if (sampleName !== undefined) {
    const sample = requireSample(db, sampleName);
    const unitIds = sampleSegmentIds(db, sample.id);
    if (!unitIds.length) throw new UserError(`sample "${sample.name}" has no segments`, 'no_overlap');
    const marks = coders.map(() => '?').join(', ');
    const pairable = db
      .prepare(
        `SELECT count(*) FROM (SELECT cs.segment_id FROM coded_segments cs JOIN sample_segments ss ON ss.segment_id = cs.segment_id AND ss.sample_id = ?
           WHERE cs.coder_id IN (${marks}) GROUP BY cs.segment_id HAVING count(*) >= 2)`,
      )
      .pluck()
      .get(sample.id, ...coders.map((c) => c.id)) as number;
    if (pairable === 0)
      throw new UserError(
        `no segment of sample "${sample.name}" (${unitIds.length} segments) has been finished by two of the coders (finished: ${codedCounts(db, coders, sample.id)})`,
        'no_overlap',
      );
    return { kind: 'sample', sample, unitIds };
  }
  const marks = coders.map(() => '?').join(', ');
  const unitIds = db
    .prepare(
      `SELECT s.id FROM segments s JOIN (SELECT segment_id FROM coded_segments WHERE coder_id IN (${marks})
         GROUP BY segment_id HAVING count(*) = ?) fin ON fin.segment_id = s.id ORDER BY s.document_id, s.idx`,
    )
    .pluck()
    .all(...coders.map((c) => c.id), coders.length) as number[];
  if (!unitIds.length)
    throw new UserError(
      `no overlap: no segment has been finished by all of ${coders.map((c) => `"${c.name}"`).join(', ')} (segments finished: ${codedCounts(db, coders, null)})`,
      'no_overlap',
    );
  return { kind: 'overlap', sample: null, unitIds };
}
