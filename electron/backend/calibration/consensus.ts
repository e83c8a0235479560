import type Database from 'better-sqlite3';
import type { ConsensusItem, ConsensusStatus } from '../../../shared/contract/calibration';
import { MISSING, type RatingCube, readRatingCube } from '../agreement/ratingCube';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { setLabelMemo } from '../coding/applyCode';
import { addLabel, markSegmentCoded, removeLabel } from '../coding/labels';
import type { ConsensusCoder } from './consensusCoder';
import { requireSample, sampleSegmentIds } from './sampleLookup';

// Adjudication (DESIGN §1.5 "resolve human disagreements into a consensus label set").
// On a segment every source coder has finished, each code is either agreed (all said
// the same: the consensus follows), or open until someone resolves it (present or
// absent, with a memo). A decision may also overrule an agreement. Once no code of a
// segment is open, the segment is stored as the consensus coder's coding: its labels
// plus the coded_segments mark (so its absent codes are real zeros); while one is open,
// the segment has no consensus coding at all — a half-decided segment must not read as
// "everything else absent".

interface DecisionRow {
  segment_id: number;
  code_key: string;
  present: number;
  memo: string;
  decided_by: string;
  decided_at: string;
}

export interface ConsensusState {
  cube: RatingCube;
  /** per unit: every source coder has finished the segment */
  eligible: Uint8Array;
  decisions: Map<string, DecisionRow>;
}

const decisionKey = (segmentId: number, codeKey: string) => `${segmentId}\u0000${codeKey}`;

export function consensusState(
  db: Database.Database,
  cc: ConsensusCoder,
  segmentIds: number[],
): ConsensusState {
  const cube = readRatingCube(db, cc.sources, { kind: 'overlap', sample: null, unitIds: segmentIds });
  const finished = db
    .prepare(
      `SELECT segment_id FROM coded_segments WHERE coder_id IN (SELECT value FROM json_each(?)) AND segment_id IN (SELECT value FROM json_each(?))
       GROUP BY segment_id HAVING count(*) = ?`,
    )
    .pluck()
    .all(
      JSON.stringify(cc.sources.map((s) => s.id)),
      JSON.stringify(segmentIds),
      cc.sources.length,
    ) as number[];
  const done = new Set(finished);
  const rows = db
    .prepare(
      'SELECT * FROM consensus_decisions WHERE consensus_coder_id = ? AND segment_id IN (SELECT value FROM json_each(?))',
    )
    .all(cc.coderId, JSON.stringify(segmentIds)) as DecisionRow[];
  return {
    cube,
    eligible: Uint8Array.from(segmentIds, (id) => (done.has(id) ? 1 : 0)),
    decisions: new Map(rows.map((r) => [decisionKey(r.segment_id, r.code_key), r])),
  };
}

/** The sources' values of a code on a unit (−1 missing). */
function sourceValues(s: ConsensusState, k: number, u: number): number[] {
  const { cube } = s;
  const U = cube.unitIds.length;
  return cube.coders.map((_c, i) => cube.values[(i * cube.codes.length + k) * U + u]!);
}

/** Needs a person: the sources differ, or one of them could not rate the code (their codebook version lacks it). */
function isDisputed(values: number[]): boolean {
  if (values.every((v) => v === MISSING)) return false;
  return values.some((v) => v === MISSING || v !== values[0]);
}

/** The consensus value of a code on a unit: a decision, else the agreed value; null while open (or not applicable). */
export function consensusValue(s: ConsensusState, k: number, u: number): 0 | 1 | null {
  const d = s.decisions.get(decisionKey(s.cube.unitIds[u]!, s.cube.codes[k]!.key));
  if (d) return d.present ? 1 : 0;
  const values = sourceValues(s, k, u);
  if (isDisputed(values) || values[0] === MISSING) return null;
  return values[0] as 0 | 1;
}

function segmentComplete(s: ConsensusState, u: number): boolean {
  if (!s.eligible[u]) return false;
  return s.cube.codes.every(
    (_c, k) => consensusValue(s, k, u) !== null || !isDisputed(sourceValues(s, k, u)),
  );
}

/** The codebook version for the consensus coding of a segment: the newest its sources used. */
function segmentVersionId(db: Database.Database, cc: ConsensusCoder, segmentId: number): number {
  return db
    .prepare(
      `SELECT cs.codebook_version_id FROM coded_segments cs JOIN codebook_versions v ON v.id = cs.codebook_version_id
       WHERE cs.segment_id = ? AND cs.coder_id IN (SELECT value FROM json_each(?)) ORDER BY v.version DESC LIMIT 1`,
    )
    .pluck()
    .get(segmentId, JSON.stringify(cc.sources.map((x) => x.id))) as number;
}

function codeIdFor(db: Database.Database, versionId: number, key: string): number {
  return (db
    .prepare('SELECT id FROM codes WHERE codebook_version_id = ? AND code_key = ?')
    .pluck()
    .get(versionId, key) ??
    db
      .prepare(
        'SELECT c.id FROM codes c JOIN codebook_versions v ON v.id = c.codebook_version_id WHERE c.code_key = ? ORDER BY v.version DESC LIMIT 1',
      )
      .pluck()
      .get(key)) as number;
}

/** Writes (or withdraws) the consensus coding of one unit. The caller holds the transaction. Returns whether it is complete. */
export function materializeSegment(
  db: Database.Database,
  cc: ConsensusCoder,
  s: ConsensusState,
  u: number,
  actor: string,
): boolean {
  const segmentId = s.cube.unitIds[u]!;
  const current = db
    .prepare(
      'SELECT l.id, c.code_key FROM labels l JOIN codes c ON c.id = l.code_id WHERE l.coder_id = ? AND l.segment_id = ?',
    )
    .all(cc.coderId, segmentId) as { id: number; code_key: string }[];
  const complete = segmentComplete(s, u);
  const wanted = new Set(
    complete ? s.cube.codes.filter((_c, k) => consensusValue(s, k, u) === 1).map((c) => c.key) : [],
  );
  for (const l of current) if (!wanted.has(l.code_key)) removeLabel(db, l.id, actor);
  if (!complete) {
    db.prepare('DELETE FROM coded_segments WHERE coder_id = ? AND segment_id = ?').run(cc.coderId, segmentId);
    return false;
  }
  const versionId = segmentVersionId(db, cc, segmentId);
  const have = new Map(current.map((l) => [l.code_key, l.id]));
  for (const key of wanted) {
    const memo = s.decisions.get(decisionKey(segmentId, key))?.memo ?? '';
    const labelId = have.get(key);
    if (labelId !== undefined) {
      // a decision's memo travels with the label it justifies
      if (memo) setLabelMemo(db, labelId, memo, actor);
      continue;
    }
    addLabel(
      db,
      { segmentId, codeId: codeIdFor(db, versionId, key), coderId: cc.coderId, source: 'human', memo },
      actor,
    );
  }
  markSegmentCoded(db, cc.coderId, segmentId, versionId);
  return true;
}

/** Stores every complete segment of the sample (and withdraws incomplete ones). The caller holds the transaction. */
export function syncConsensus(
  db: Database.Database,
  cc: ConsensusCoder,
  sampleName: string,
  actor: string,
): ConsensusStatus {
  const sample = requireSample(db, sampleName);
  const state = consensusState(db, cc, sampleSegmentIds(db, sample.id));
  state.cube.unitIds.forEach((_id, u) => materializeSegment(db, cc, state, u, actor));
  return consensusStatus(db, cc, sample.name, state);
}

export function consensusStatus(
  db: Database.Database,
  cc: ConsensusCoder,
  sampleName: string,
  known?: ConsensusState,
): ConsensusStatus {
  const sample = requireSample(db, sampleName);
  const ids = sampleSegmentIds(db, sample.id);
  const s = known ?? consensusState(db, cc, ids);
  let unresolved = 0;
  for (let u = 0; u < s.cube.unitIds.length; u++) {
    if (!s.eligible[u]) continue;
    for (let k = 0; k < s.cube.codes.length; k++)
      if (consensusValue(s, k, u) === null && isDisputed(sourceValues(s, k, u))) unresolved++;
  }
  const decided = db
    .prepare(
      'SELECT count(*) FROM coded_segments cs JOIN sample_segments ss ON ss.segment_id = cs.segment_id AND ss.sample_id = ? WHERE cs.coder_id = ?',
    )
    .pluck()
    .get(sample.id, cc.coderId) as number;
  return {
    consensusCoderId: cc.coderId,
    name: cc.name,
    sourceCoders: cc.sources.map((x) => x.name),
    sample: sample.name,
    segments: ids.length,
    eligible: s.eligible.reduce((a, b) => a + b, 0),
    decided,
    unresolved,
    resolved: s.decisions.size,
  };
}

interface SegmentInfo {
  id: number;
  document_id: number;
  document: string;
  idx: number;
  speaker: string | null;
  text: string;
}

function toItem(
  db: Database.Database,
  cc: ConsensusCoder,
  s: ConsensusState,
  k: number,
  u: number,
  seg: SegmentInfo,
): ConsensusItem {
  const key = s.cube.codes[k]!.key;
  const memo = db.prepare(
    `SELECT group_concat(l.memo, char(10)) FROM labels l JOIN codes c ON c.id = l.code_id WHERE l.coder_id = ? AND l.segment_id = ? AND c.code_key = ? AND l.memo <> ''`,
  );
  const d = s.decisions.get(decisionKey(seg.id, key));
  return {
    segmentId: seg.id,
    documentId: seg.document_id,
    document: seg.document,
    index: seg.idx,
    speaker: seg.speaker,
    text: seg.text,
    codeKey: key,
    code: s.cube.codes[k]!.name,
    values: sourceValues(s, k, u).map((v, i) => ({
      coder: cc.sources[i]!.name,
      value: v === MISSING ? null : (v as 0 | 1),
      memo: (memo.pluck().get(cc.sources[i]!.id, seg.id, key) as string | null) ?? '',
    })),
    decision: d
      ? { present: d.present === 1, memo: d.memo, decidedBy: d.decided_by, decidedAt: d.decided_at }
      : null,
  };
}

const SEGMENT_SQL =
  'SELECT s.id, s.document_id, d.name AS document, s.idx, s.speaker, s.text FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.id = ?';

export function consensusDisagreements(
  db: Database.Database,
  cc: ConsensusCoder,
  sampleName: string,
  opts: { includeResolved: boolean; codeKey?: string; offset: number; limit: number },
): { total: number; items: ConsensusItem[] } {
  const sample = requireSample(db, sampleName);
  const s = consensusState(db, cc, sampleSegmentIds(db, sample.id));
  const open: [number, number][] = [];
  const closed: [number, number][] = [];
  s.cube.unitIds.forEach((id, u) => {
    if (!s.eligible[u]) return;
    s.cube.codes.forEach((c, k) => {
      if (opts.codeKey !== undefined && c.key !== opts.codeKey) return;
      const decided = s.decisions.has(decisionKey(id, c.key));
      if (!decided && isDisputed(sourceValues(s, k, u))) open.push([k, u]);
      else if (decided && opts.includeResolved) closed.push([k, u]);
    });
  });
  const all = [...open, ...closed];
  const seg = db.prepare(SEGMENT_SQL);
  return {
    total: all.length,
    items: all
      .slice(opts.offset, opts.offset + opts.limit)
      .map(([k, u]) => toItem(db, cc, s, k, u, seg.get(s.cube.unitIds[u]!) as SegmentInfo)),
  };
}

/** Records a decision and restores the segment's consensus coding. The caller holds the transaction. */
export function resolveDisagreement(
  db: Database.Database,
  cc: ConsensusCoder,
  d: { segmentId: number; codeKey: string; present: boolean; memo: string },
  actor: string,
): { item: ConsensusItem; segmentDecided: boolean } {
  const seg = db.prepare(SEGMENT_SQL).get(d.segmentId) as SegmentInfo | undefined;
  if (!seg) throw new UserError(`segment ${d.segmentId} does not exist`, 'not_found');
  const s = consensusState(db, cc, [d.segmentId]);
  if (!s.eligible[0])
    throw new UserError(
      `not every coder of "${cc.name}" (${cc.sources.map((x) => x.name).join(', ')}) has finished this segment; adjudicate once they have`,
    );
  const k = s.cube.codes.findIndex((c) => c.key === d.codeKey);
  if (k < 0)
    throw new UserError(
      `the codebook versions used on this segment have no code "${d.codeKey}"`,
      'not_found',
    );
  const before = s.decisions.get(decisionKey(d.segmentId, d.codeKey)) ?? null;
  const values = Object.fromEntries(
    sourceValues(s, k, 0).map((v, i) => [cc.sources[i]!.name, v === MISSING ? null : v]),
  );
  const now = new Date().toISOString();
  db.prepare(
    `INSERT INTO consensus_decisions (consensus_coder_id, segment_id, code_key, present, memo, source_values, decided_at, decided_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (consensus_coder_id, segment_id, code_key) DO UPDATE SET present = excluded.present, memo = excluded.memo,
       source_values = excluded.source_values, decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
  ).run(cc.coderId, d.segmentId, d.codeKey, d.present ? 1 : 0, d.memo, JSON.stringify(values), now, actor);
  recordHistory(db, {
    actor,
    action: 'consensus.resolve',
    entity: 'segment',
    entityId: d.segmentId,
    before: before ? { code: d.codeKey, present: before.present === 1, memo: before.memo } : null,
    after: { consensus: cc.name, code: d.codeKey, present: d.present, memo: d.memo, coders: values },
  });
  const fresh = consensusState(db, cc, [d.segmentId]);
  const segmentDecided = materializeSegment(db, cc, fresh, 0, actor);
  return { item: toItem(db, cc, fresh, k, 0, seg), segmentDecided };
}
