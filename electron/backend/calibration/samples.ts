import type Database from 'better-sqlite3';
import { randomInt } from 'node:crypto';
import type {
  ParsedSampleCreateParams,
  SamplePurpose,
  SampleView,
  StratumCount,
} from '../../../shared/contract/calibration';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { type SampleRow, requireSample } from './sampleLookup';
import { type Candidate, drawSample } from './sampling';

// Samples in the project: drawing one (the pure draw is in sampling.ts), listing them
// with how they were drawn and who codes them, their segments, and deletion.

/** A stratum for a document lacking the attribute. */
export const NO_VALUE = '(none)';

/** Which other samples a new one must avoid: held-out and calibration samples never overlap. */
function excludedSampleIds(
  db: Database.Database,
  purpose: SamplePurpose,
  names: readonly string[],
): { ids: number[]; names: string[] } {
  const explicit = names.map((n) => requireSample(db, n));
  const opposite = purpose === 'holdout' ? 'calibration' : purpose === 'calibration' ? 'holdout' : null;
  const implied = opposite
    ? (db.prepare('SELECT * FROM samples WHERE purpose = ?').all(opposite) as SampleRow[])
    : [];
  const all = new Map([...explicit, ...implied].map((s) => [s.id, s.name]));
  return { ids: [...all.keys()], names: [...all.values()] };
}

function checkAttributes(db: Database.Database, names: readonly string[]): void {
  const known = db
    .prepare('SELECT DISTINCT name FROM document_attributes ORDER BY name')
    .pluck()
    .all() as string[];
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length)
    throw new UserError(
      `no document has the attribute${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}${known.length ? ` (attributes: ${known.join(', ')})` : ' (the project has no document attributes)'}`,
    );
  if (new Set(names).size !== names.length) throw new UserError('an attribute is listed twice in the strata');
}

/** Eligible segments in a fixed order (document name, document, position), each with its stratum. */
export function sampleCandidates(
  db: Database.Database,
  p: ParsedSampleCreateParams,
  excludeIds: readonly number[],
): Candidate[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (p.documentIds?.length) {
    where.push('s.document_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(p.documentIds));
  }
  if (p.excludeSpeakers.length) {
    where.push("lower(trim(coalesce(s.speaker, ''))) NOT IN (SELECT lower(trim(value)) FROM json_each(?))");
    params.push(JSON.stringify(p.excludeSpeakers));
  }
  if (excludeIds.length) {
    where.push(
      'NOT EXISTS (SELECT 1 FROM sample_segments x WHERE x.segment_id = s.id AND x.sample_id IN (SELECT value FROM json_each(?)))',
    );
    params.push(JSON.stringify(excludeIds));
  }
  const rows = db
    .prepare(
      `SELECT s.id, s.document_id FROM segments s JOIN documents d ON d.id = s.document_id
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.name, d.uid, s.idx`,
    )
    .raw()
    .all(...params) as [number, number][];
  if (!p.strata.length) return rows.map(([id]) => ({ id, stratum: '' }));
  const attrs = new Map<number, Map<string, string>>();
  for (const [docId, name, value] of db
    .prepare(
      'SELECT document_id, name, value FROM document_attributes WHERE name IN (SELECT value FROM json_each(?))',
    )
    .raw()
    .iterate(JSON.stringify(p.strata)) as Iterable<[number, string, string]>) {
    let m = attrs.get(docId);
    if (!m) attrs.set(docId, (m = new Map()));
    m.set(name, value);
  }
  return rows.map(([id, docId]) => ({
    id,
    stratum: p.strata.map((a) => attrs.get(docId)?.get(a) ?? NO_VALUE).join(' × '),
  }));
}

export function createSample(db: Database.Database, p: ParsedSampleCreateParams, actor: string): SampleView {
  if (db.prepare('SELECT 1 FROM samples WHERE name = ?').get(p.name))
    throw new UserError(`a sample named "${p.name}" already exists`, 'conflict');
  checkAttributes(db, p.strata);
  const excluded = excludedSampleIds(db, p.purpose, p.excludeSamples);
  const candidates = sampleCandidates(db, p, excluded.ids);
  if (p.size > candidates.length) {
    const why = [
      p.excludeSpeakers.length ? 'leaving out the chosen speakers' : null,
      excluded.names.length
        ? `leaving out the segments of ${excluded.names.map((n) => `"${n}"`).join(', ')}`
        : null,
    ].filter(Boolean);
    throw new UserError(
      `only ${candidates.length} segments are eligible${why.length ? ` after ${why.join(' and ')}` : ''}; ask for at most ${candidates.length}`,
    );
  }
  const seed = p.seed ?? randomInt(0, 2 ** 31 - 1);
  const { ids, strata } = drawSample(candidates, p.size, seed, p.allocation);
  const spec = {
    method: p.strata.length ? 'stratified' : 'random',
    size: p.size,
    strata: p.strata,
    allocation: p.allocation,
    excludeSpeakers: p.excludeSpeakers,
    documentIds: p.documentIds ?? null,
    excludeSamples: excluded.names,
    eligible: candidates.length,
    strataCounts: p.strata.length ? strata : [],
  };
  const id = Number(
    db
      .prepare(
        'INSERT INTO samples (name, purpose, seed, spec, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(p.name, p.purpose, seed, JSON.stringify(spec), new Date().toISOString(), actor).lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO sample_segments (sample_id, segment_id) VALUES (?, ?)');
  for (const segmentId of ids) insert.run(id, segmentId);
  recordHistory(db, {
    actor,
    action: 'sample.create',
    entity: 'sample',
    entityId: id,
    after: { name: p.name, purpose: p.purpose, seed, ...spec },
  });
  return sampleView(db, db.prepare('SELECT * FROM samples WHERE id = ?').get(id) as SampleRow);
}

function parseSpec(text: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const isStratumCount = (x: unknown): x is StratumCount =>
  !!x &&
  typeof x === 'object' &&
  typeof (x as StratumCount).stratum === 'string' &&
  Number.isInteger((x as StratumCount).available) &&
  Number.isInteger((x as StratumCount).drawn);

export function sampleView(db: Database.Database, s: SampleRow): SampleView {
  const spec = parseSpec(s.spec);
  const assignments = db
    .prepare(
      `SELECT a.coder_id AS coderId, c.name, c.kind, a.blind, a.assigned_at AS assignedAt FROM sample_assignments a
       JOIN coders c ON c.id = a.coder_id WHERE a.sample_id = ? ORDER BY c.kind DESC, c.name`,
    )
    .all(s.id) as {
    coderId: number;
    name: string;
    kind: 'human' | 'ai';
    blind: number;
    assignedAt: string;
  }[];
  return {
    id: s.id,
    name: s.name,
    purpose: s.purpose,
    seed: s.seed,
    size: db.prepare('SELECT count(*) FROM sample_segments WHERE sample_id = ?').pluck().get(s.id) as number,
    spec,
    strata: Array.isArray(spec.strataCounts) ? spec.strataCounts.filter(isStratumCount) : [],
    assignments: assignments.map((a) => ({ ...a, blind: a.blind === 1 })),
    createdAt: s.created_at,
    createdBy: s.created_by,
  };
}

export function listSamples(db: Database.Database, purpose?: SamplePurpose): SampleView[] {
  const rows = (
    purpose
      ? db.prepare('SELECT * FROM samples WHERE purpose = ? ORDER BY created_at, id').all(purpose)
      : db.prepare('SELECT * FROM samples ORDER BY created_at, id').all()
  ) as SampleRow[];
  return rows.map((s) => sampleView(db, s));
}

export function deleteSample(db: Database.Database, name: string, actor: string): boolean {
  const s = db.prepare('SELECT * FROM samples WHERE name = ?').get(name) as SampleRow | undefined;
  if (!s) throw new UserError(`the project has no sample named "${name}"`, 'no_sample');
  const size = db
    .prepare('SELECT count(*) FROM sample_segments WHERE sample_id = ?')
    .pluck()
    .get(s.id) as number;
  db.prepare('DELETE FROM samples WHERE id = ?').run(s.id);
  recordHistory(db, {
    actor,
    action: 'sample.delete',
    entity: 'sample',
    entityId: s.id,
    before: { name: s.name, purpose: s.purpose, seed: s.seed, size, spec: parseSpec(s.spec) },
  });
  return true;
}

export function sampleSegments(
  db: Database.Database,
  sampleName: string,
  coderId: number | null,
  offset: number,
  limit: number,
) {
  const s = requireSample(db, sampleName);
  const total = db
    .prepare('SELECT count(*) FROM sample_segments WHERE sample_id = ?')
    .pluck()
    .get(s.id) as number;
  const rows = db
    .prepare(
      `SELECT s.id AS segmentId, s.document_id AS documentId, d.name AS document, s.idx AS "index", s.speaker, s.text,
         CASE WHEN ? IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM coded_segments cs WHERE cs.coder_id = ? AND cs.segment_id = s.id) END AS done
       FROM sample_segments ss JOIN segments s ON s.id = ss.segment_id JOIN documents d ON d.id = s.document_id
       WHERE ss.sample_id = ? ORDER BY s.document_id, s.idx LIMIT ? OFFSET ?`,
    )
    .all(coderId, coderId, s.id, limit, offset) as {
    segmentId: number;
    documentId: number;
    document: string;
    index: number;
    speaker: string | null;
    text: string;
    done: number | null;
  }[];
  return { total, segments: rows.map((r) => ({ ...r, done: r.done === null ? null : r.done === 1 })) };
}

export function speakerCounts(db: Database.Database): { speaker: string | null; segments: number }[] {
  return db
    .prepare(
      'SELECT speaker, count(*) AS segments FROM segments GROUP BY speaker ORDER BY segments DESC, speaker',
    )
    .all() as {
    speaker: string | null;
    segments: number;
  }[];
}
