import type Database from 'better-sqlite3';
import type { SamplePurpose } from '../../../shared/contract/calibration';
import { UserError } from '../errors';

export interface SampleRow {
  id: number;
  name: string;
  purpose: SamplePurpose;
  seed: number | null;
  spec: string;
  created_at: string;
  created_by: string;
}

const PURPOSE_WORDS = new Set<string>(['calibration', 'holdout', 'audit']);

/**
 * A sample by its name; a purpose word ("calibration", "holdout") also names the newest
 * sample with that purpose, as the labeling job's `--sample calibration` does.
 */
export function findSample(db: Database.Database, name: string): SampleRow | null {
  const byName = db.prepare('SELECT * FROM samples WHERE name = ?').get(name) as SampleRow | undefined;
  if (byName) return byName;
  if (!PURPOSE_WORDS.has(name)) return null;
  return (
    (db
      .prepare('SELECT * FROM samples WHERE purpose = ? ORDER BY created_at DESC, id DESC LIMIT 1')
      .get(name) as SampleRow | undefined) ?? null
  );
}

export function requireSample(db: Database.Database, name: string): SampleRow {
  const s = findSample(db, name);
  if (s) return s;
  const names = db.prepare('SELECT name FROM samples ORDER BY created_at, id').pluck().all() as string[];
  throw new UserError(
    `the project has no sample named "${name}"${names.length ? ` (samples: ${names.join(', ')})` : '; draw one first'}`,
    'no_sample',
  );
}

/** The sample's segment ids in reading order (document, position). */
export function sampleSegmentIds(db: Database.Database, sampleId: number): number[] {
  return db
    .prepare(
      'SELECT s.id FROM sample_segments ss JOIN segments s ON s.id = ss.segment_id WHERE ss.sample_id = ? ORDER BY s.document_id, s.idx',
    )
    .pluck()
    .all(sampleId) as number[];
}
