import type Database from 'better-sqlite3';
import type { CoderRef, SampleProgress } from '../../../shared/contract/calibration';
import { requireCoder } from '../agreement/selectCoders';
import { recordHistory } from '../history/record';
import { requireSample } from './sampleLookup';

// Who codes a sample, blind or not, and how far each coder is. Progress is derived,
// never stored: a coder's finished segments (coded_segments) inside the sample, for
// assigned coders and for anyone else who has coded there (an AI coder's job, say).

export function assignCoders(
  db: Database.Database,
  sampleName: string,
  refs: readonly CoderRef[],
  blind: boolean,
  actor: string,
): SampleProgress {
  const sample = requireSample(db, sampleName);
  const now = new Date().toISOString();
  for (const ref of refs) {
    const coder = requireCoder(db, ref);
    const before = db
      .prepare('SELECT blind FROM sample_assignments WHERE sample_id = ? AND coder_id = ?')
      .pluck()
      .get(sample.id, coder.id) as number | undefined;
    if (before === (blind ? 1 : 0)) continue;
    db.prepare(
      `INSERT INTO sample_assignments (sample_id, coder_id, blind, assigned_at, assigned_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sample_id, coder_id) DO UPDATE SET blind = excluded.blind`,
    ).run(sample.id, coder.id, blind ? 1 : 0, now, actor);
    recordHistory(db, {
      actor,
      action: 'sample.assign',
      entity: 'sample',
      entityId: sample.id,
      before: before === undefined ? null : { coder: coder.name, blind: before === 1 },
      after: { coder: coder.name, blind },
    });
  }
  return sampleProgress(db, sample.name);
}

export function unassignCoders(
  db: Database.Database,
  sampleName: string,
  refs: readonly CoderRef[],
  actor: string,
): SampleProgress {
  const sample = requireSample(db, sampleName);
  for (const ref of refs) {
    const coder = requireCoder(db, ref);
    if (
      db
        .prepare('DELETE FROM sample_assignments WHERE sample_id = ? AND coder_id = ?')
        .run(sample.id, coder.id).changes
    )
      recordHistory(db, {
        actor,
        action: 'sample.unassign',
        entity: 'sample',
        entityId: sample.id,
        before: { coder: coder.name },
      });
  }
  return sampleProgress(db, sample.name);
}

export function sampleProgress(db: Database.Database, sampleName: string): SampleProgress {
  const sample = requireSample(db, sampleName);
  const total = db
    .prepare('SELECT count(*) FROM sample_segments WHERE sample_id = ?')
    .pluck()
    .get(sample.id) as number;
  const rows = db
    .prepare(
      `WITH done AS (
         SELECT cs.coder_id, count(*) AS n FROM coded_segments cs JOIN sample_segments ss ON ss.segment_id = cs.segment_id AND ss.sample_id = ?
         GROUP BY cs.coder_id)
       SELECT c.id, c.name, c.kind, a.blind, coalesce(done.n, 0) AS done,
         EXISTS (SELECT 1 FROM consensus_coders k WHERE k.coder_id = c.id) AS consensus
       FROM coders c LEFT JOIN sample_assignments a ON a.coder_id = c.id AND a.sample_id = ? LEFT JOIN done ON done.coder_id = c.id
       WHERE a.coder_id IS NOT NULL OR done.n > 0
       ORDER BY a.coder_id IS NULL, c.kind DESC, c.name`,
    )
    .all(sample.id, sample.id) as {
    id: number;
    name: string;
    kind: 'human' | 'ai';
    blind: number | null;
    done: number;
    consensus: number;
  }[];
  return {
    sample: sample.name,
    purpose: sample.purpose,
    segments: total,
    coders: rows.map((r) => ({
      coderId: r.id,
      name: r.name,
      kind: r.kind,
      role: r.consensus ? 'consensus' : r.kind,
      assigned: r.blind !== null,
      blind: r.blind === 1,
      done: r.done,
      total,
      share: total ? r.done / total : null,
    })),
  };
}
