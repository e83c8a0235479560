import type Database from 'better-sqlite3';
import type { CodeDecision } from '../../../shared/contract/llm';
import type { CoderRef, Disagreement, Drilldown } from '../../../shared/contract/calibration';
import { UserError } from '../errors';
import { MISSING, type RatingCube } from './ratingCube';
import { loadReportData } from './projectReport';
import { requireCoder } from './selectCoders';

// The drill-down behind a code's agreement (DESIGN §1.5 "the disagreeing segments one
// click away"): each segment where the coders' decisions on the code differ, with its
// text, the neighbouring turns, every coder's decision, a human's memo, and an AI
// coder's rationale, evidence quote and confidence from its stored answer.

export interface DrilldownRequest {
  coders: readonly CoderRef[];
  sample?: string;
  codeKey: string;
  pair?: readonly [CoderRef, CoderRef];
  context: number;
  offset: number;
  limit: number;
}

/** Pure: the units (cube positions) where the given coders' non-missing decisions on the code differ. */
export function disagreeingUnits(cube: RatingCube, code: number, coders: readonly number[]): number[] {
  const U = cube.unitIds.length;
  const K = cube.codes.length;
  const out: number[] = [];
  for (let u = 0; u < U; u++) {
    let seen: number = MISSING;
    for (const c of coders) {
      const v = cube.values[(c * K + code) * U + u]!;
      if (v === MISSING) continue;
      if (seen === MISSING) seen = v;
      else if (seen !== v) {
        out.push(u);
        break;
      }
    }
  }
  return out;
}

interface SegmentRow {
  id: number;
  uid: string;
  document_id: number;
  document: string;
  idx: number;
  speaker: string | null;
  text: string;
}

interface AiAnswer {
  confidence: number | null;
  rationale: string | null;
  evidence: string | null;
  evidence_found: boolean | null;
  vote_share: number | null;
}

/** An AI coder's latest stored answer for the code on the segment (present or absent), else what its label carries. */
function aiAnswer(db: Database.Database, coderId: number, segmentId: number, codeKey: string): AiAnswer {
  const none: AiAnswer = {
    confidence: null,
    rationale: null,
    evidence: null,
    evidence_found: null,
    vote_share: null,
  };
  const output = db
    .prepare(
      'SELECT decisions FROM llm_outputs WHERE coder_id = ? AND segment_id = ? ORDER BY id DESC LIMIT 1',
    )
    .pluck()
    .get(coderId, segmentId) as string | undefined;
  if (output) {
    const d = (JSON.parse(output) as CodeDecision[]).find((x) => x.code === codeKey);
    if (d)
      return {
        confidence: d.confidence,
        rationale: d.rationale || null,
        evidence: d.evidence || null,
        evidence_found: d.evidenceFound,
        vote_share: d.voteShare,
      };
  }
  const label = db
    .prepare(
      `SELECT l.confidence, l.rationale, l.evidence FROM labels l JOIN codes c ON c.id = l.code_id
       WHERE l.coder_id = ? AND l.segment_id = ? AND c.code_key = ? ORDER BY l.id LIMIT 1`,
    )
    .get(coderId, segmentId, codeKey) as
    { confidence: number | null; rationale: string | null; evidence: string | null } | undefined;
  return label ? { ...none, ...label } : none;
}

function memoOf(db: Database.Database, coderId: number, segmentId: number, codeKey: string): string {
  const memos = db
    .prepare(
      `SELECT l.memo FROM labels l JOIN codes c ON c.id = l.code_id
       WHERE l.coder_id = ? AND l.segment_id = ? AND c.code_key = ? AND l.memo <> '' ORDER BY l.id`,
    )
    .pluck()
    .all(coderId, segmentId, codeKey) as string[];
  return memos.join('\n');
}

function item(
  db: Database.Database,
  cube: RatingCube,
  code: number,
  u: number,
  context: number,
): Disagreement {
  const segmentId = cube.unitIds[u]!;
  const s = db
    .prepare(
      `SELECT s.id, s.uid, s.document_id, d.name AS document, s.idx, s.speaker, s.text FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.id = ?`,
    )
    .get(segmentId) as SegmentRow;
  const around = context
    ? (db
        .prepare(
          'SELECT idx AS "index", speaker, text FROM segments WHERE document_id = ? AND idx BETWEEN ? AND ? AND idx <> ? ORDER BY idx',
        )
        .all(s.document_id, s.idx - context, s.idx + context, s.idx) as {
        index: number;
        speaker: string | null;
        text: string;
      }[])
    : [];
  const key = cube.codes[code]!.key;
  const U = cube.unitIds.length;
  return {
    segment_id: s.id,
    segment_uid: s.uid,
    document_id: s.document_id,
    document: s.document,
    index: s.idx,
    speaker: s.speaker,
    text: s.text,
    before: around.filter((t) => t.index < s.idx),
    after: around.filter((t) => t.index > s.idx),
    decisions: cube.coders.map((c, i) => {
      const v = cube.values[(i * cube.codes.length + code) * U + u]!;
      const ai = c.kind === 'ai' ? aiAnswer(db, c.id, s.id, key) : null;
      return {
        coder: c.name,
        kind: c.kind,
        role: c.role,
        value: v === MISSING ? null : (v as 0 | 1),
        memo: memoOf(db, c.id, s.id, key),
        confidence: ai?.confidence ?? null,
        rationale: ai?.rationale ?? null,
        evidence: ai?.evidence ?? null,
        evidence_found: ai?.evidence_found ?? null,
        vote_share: ai?.vote_share ?? null,
      };
    }),
  };
}

export function agreementDisagreements(db: Database.Database, req: DrilldownRequest): Drilldown {
  const { cube } = loadReportData(db, req.coders, req.sample);
  const code = cube.codes.findIndex((c) => c.key === req.codeKey);
  if (code < 0)
    throw new UserError(`the coders' codebook versions have no code "${req.codeKey}"`, 'not_found');
  let among = cube.coders.map((_c, i) => i);
  if (req.pair) {
    among = req.pair.map((ref) => {
      const found = requireCoder(db, ref);
      const i = cube.coders.findIndex((c) => c.id === found.id);
      if (i < 0) throw new UserError(`"${found.name}" is not one of the report's coders`);
      return i;
    });
  }
  const units = disagreeingUnits(cube, code, among);
  const def = db
    .prepare(
      `SELECT c.definition, c.inclusion, c.exclusion FROM codes c JOIN codebook_versions v ON v.id = c.codebook_version_id
       WHERE c.code_key = ? ORDER BY v.version DESC LIMIT 1`,
    )
    .get(req.codeKey) as { definition: string; inclusion: string; exclusion: string };
  return {
    code: cube.codes[code]!.name,
    code_id: req.codeKey,
    ...def,
    total: units.length,
    items: units.slice(req.offset, req.offset + req.limit).map((u) => item(db, cube, code, u, req.context)),
  };
}
