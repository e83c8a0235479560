import type Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import type { AuditSampleView } from '../../../shared/contract/review';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { drawAuditSample } from './drawAuditSample';

const ACTIVE_KEY = 'review.audit_sample_id';

interface SampleRow {
  id: number;
  name: string;
  seed: number | null;
  created_at: string;
  created_by: string;
}

function view(db: Database.Database, s: SampleRow): AuditSampleView {
  const segments = db
    .prepare('SELECT count(*) FROM sample_segments WHERE sample_id = ?')
    .pluck()
    .get(s.id) as number;
  const items = db
    .prepare('SELECT count(*) FROM review_items WHERE audit_rank IS NOT NULL AND orphaned = 0')
    .pluck()
    .get() as number;
  return {
    id: s.id,
    name: s.name,
    seed: s.seed,
    segments,
    items,
    createdAt: s.created_at,
    createdBy: s.created_by,
  };
}

/** The audit sample the audit queue and the estimates use: the newest one drawn here. */
export function activeAuditSample(db: Database.Database): AuditSampleView | null {
  const id = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(ACTIVE_KEY) as
    string | undefined;
  if (id === undefined) return null;
  const row = db
    .prepare("SELECT id, name, seed, created_at, created_by FROM samples WHERE id = ? AND purpose = 'audit'")
    .get(Number(id)) as SampleRow | undefined;
  return row ? view(db, row) : null;
}

/**
 * Draws the audit sample: `size` segments at random (seeded) among those with AI
 * decisions, stored as a sample with purpose 'audit'. Its items leave the risk queue
 * and form the audit queue, in the random order drawn; a new sample replaces the old
 * one (decisions made on the old one stay and still count as reviews).
 */
export function createAuditSample(
  db: Database.Database,
  req: { size: number; seed?: number; name?: string; coderId?: number },
  actor: string,
): AuditSampleView {
  return db
    .transaction((): AuditSampleView => {
      const seed = req.seed ?? randomInt(0, 2 ** 31);
      const candidates = db
        .prepare(
          `SELECT DISTINCT segment_id FROM review_items WHERE orphaned = 0 AND source <> 'review' ${req.coderId === undefined ? '' : 'AND coder_id = ?'}`,
        )
        .pluck()
        .all(...(req.coderId === undefined ? [] : [req.coderId])) as number[];
      if (!candidates.length) {
        throw new UserError(
          req.coderId === undefined
            ? 'there are no AI labels to audit yet (run an AI coder first)'
            : `AI coder ${req.coderId} has coded no segment`,
          'nothing_to_audit',
        );
      }
      const drawn = drawAuditSample(candidates, req.size, seed);
      const count =
        (db.prepare("SELECT count(*) FROM samples WHERE purpose = 'audit'").pluck().get() as number) + 1;
      const name = req.name ?? `audit-${count}`;
      if (db.prepare('SELECT 1 FROM samples WHERE name = ?').get(name))
        throw new UserError(`a sample named "${name}" already exists`);
      const now = new Date().toISOString();
      const spec = {
        method: 'simple random sample of segments with AI decisions',
        size: req.size,
        drawn: drawn.length,
        candidates: candidates.length,
        coderId: req.coderId ?? null,
      };
      const sampleId = Number(
        db
          .prepare(
            "INSERT INTO samples (name, purpose, seed, spec, created_at, created_by) VALUES (?, 'audit', ?, ?, ?, ?)",
          )
          .run(name, seed, JSON.stringify(spec), now, actor).lastInsertRowid,
      );
      const member = db.prepare('INSERT INTO sample_segments (sample_id, segment_id) VALUES (?, ?)');
      const rank = db.prepare('UPDATE review_items SET audit_rank = ? WHERE segment_id = ?');
      db.prepare('UPDATE review_items SET audit_rank = NULL WHERE audit_rank IS NOT NULL').run();
      drawn.forEach((segmentId, i) => {
        member.run(sampleId, segmentId);
        rank.run(i + 1, segmentId);
      });
      db.prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      ).run(ACTIVE_KEY, String(sampleId));
      recordHistory(db, {
        actor,
        action: 'review.audit_sample',
        entity: 'sample',
        entityId: sampleId,
        after: { name, seed, ...spec },
      });
      return view(db, { id: sampleId, name, seed, created_at: now, created_by: actor });
    })
    .immediate();
}
