// A small calibration study written straight into the tables, with ratings small
// enough to reason about: four interviews (group × role) of ten turns each, the even
// turns the interviewer's; three codes; two human coders (Ana, Ben) and an AI coder
// (Gpt) whose answers carry rationale and evidence. The expected statistics are not
// written here: tests compute them from RATINGS through `stats agreement`.
import type Database from 'better-sqlite3';
import { join } from 'node:path';
import type { MethodName, Params, Result } from '../../shared/contract';
import { createCodebookVersion } from '../../electron/backend/codebook/store';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import type { HandlerContext } from '../../electron/backend/rpc/handlers';
import { Session } from '../../electron/backend/session';

export const DOCS = [
  { name: 'd1', group: 'bright', role: 'teacher' },
  { name: 'd2', group: 'bright', role: 'family' },
  { name: 'd3', group: 'partner', role: 'teacher' },
  { name: 'd4', group: 'partner', role: 'family' },
] as const;
export const TURNS = 10;

export const CODES = [
  { id: 'outreach', name: 'Outreach', parent_id: null, definition: 'Staff reach out first.' },
  { id: 'barriers', name: 'Barriers', parent_id: null, definition: 'What keeps families away.' },
  { id: 'visits', name: 'Home visits', parent_id: 'outreach', definition: 'Staff visit at home.' },
];

/** Participant turn i (0–19) of the study: document i div 5, turn 2·(i mod 5) + 1. */
export const participantTurn = (i: number) => ({ doc: Math.floor(i / 5), idx: 2 * (i % 5) + 1 });

type Value = 0 | 1 | null;
/** Per coder and code, the 20 participant turns (null = not finished by that coder). */
export type Ratings = Record<string, Record<string, Value[]>>;

const truth = {
  outreach: (i: number) => (i % 3 === 0 ? 1 : 0),
  barriers: (i: number) => (i % 4 === 1 ? 1 : 0),
  visits: (i: number) => (i === 5 || i === 12 ? 1 : 0),
} as const;

const flip = (v: 0 | 1, at: boolean): 0 | 1 => (at ? ((1 - v) as 0 | 1) : v);

/** Ana codes the truth; Ben misses a few; Gpt over-applies outreach; Ben did not finish turn 19. */
export const RATINGS: Ratings = {
  Ana: Object.fromEntries(
    Object.entries(truth).map(([k, f]) => [k, Array.from({ length: 20 }, (_x, i) => f(i))]),
  ) as Record<string, Value[]>,
  Ben: Object.fromEntries(
    Object.entries(truth).map(([k, f]) => [
      k,
      Array.from({ length: 20 }, (_x, i) =>
        i === 19
          ? null
          : flip(f(i), (k === 'outreach' && (i === 3 || i === 8)) || (k === 'barriers' && i === 5)),
      ),
    ]),
  ) as Record<string, Value[]>,
  Gpt: Object.fromEntries(
    Object.entries(truth).map(([k, f]) => [
      k,
      Array.from({ length: 20 }, (_x, i) =>
        flip(f(i), (k === 'outreach' && (i === 1 || i === 2 || i === 4)) || (k === 'visits' && i === 12)),
      ),
    ]),
  ) as Record<string, Value[]>,
};

export interface Study {
  session: Session;
  db: Database.Database;
  path: string;
  /** segment id of participant turn i */
  turn: (i: number) => number;
  /** segment id of document d, position idx */
  segment: (d: number, idx: number) => number;
  coder: (name: string) => number;
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  close(): void;
}

export class RpcFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function insertDocuments(db: Database.Database): number[][] {
  const doc = db.prepare(
    `INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES (?, ?, 'txt', ?, ?, ?, ?, 'now')`,
  );
  const seg = db.prepare(
    'INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 5)',
  );
  const attr = db.prepare('INSERT INTO document_attributes (document_id, name, value) VALUES (?, ?, ?)');
  return DOCS.map((d) => {
    const lines = Array.from(
      { length: TURNS },
      (_x, i) => `${i % 2 ? 'Participant' : 'Interviewer'}: ${d.name} turn ${i} about families`,
    );
    const text = lines.join('\n');
    const id = Number(
      doc.run(`uid-${d.name}`, d.name, `hash-${d.name}`, text, text.length, lines.length * 5).lastInsertRowid,
    );
    attr.run(id, 'group', d.group);
    attr.run(id, 'role', d.role);
    let at = 0;
    return lines.map((line, i) => {
      const colon = line.indexOf(': ') + 2;
      const sid = Number(
        seg.run(
          `seg-${d.name}-${i}`,
          id,
          i,
          i,
          line.slice(0, colon - 2),
          at + colon,
          at + line.length,
          line.slice(colon),
        ).lastInsertRowid,
      );
      at += line.length + 1;
      return sid;
    });
  });
}

/** Writes a coder's ratings: labels for 1s, a finished mark for each rated turn, and for the AI its stored answers. */
export function writeRatings(
  db: Database.Database,
  coderId: number,
  kind: 'human' | 'ai',
  ratings: Record<string, Value[]>,
  turn: (i: number) => number,
  versionId: number,
): void {
  const codeId = (key: string) =>
    db
      .prepare('SELECT id FROM codes WHERE codebook_version_id = ? AND code_key = ?')
      .pluck()
      .get(versionId, key) as number;
  const keys = Object.keys(ratings);
  for (let i = 0; i < 20; i++) {
    if (ratings[keys[0]!]![i] === null) continue;
    const segmentId = turn(i);
    db.prepare("INSERT INTO coded_segments VALUES (?, ?, ?, 'now')").run(coderId, segmentId, versionId);
    const decisions = keys.map((k) => ({
      code: k,
      present: ratings[k]![i] === 1,
      voteShare: ratings[k]![i] === 1 ? 1 : 0,
      votes: ratings[k]![i] === 1 ? 1 : 0,
      samples: 1,
      confidence: 0.8,
      rationale: `because turn ${i} ${ratings[k]![i] ? 'mentions' : 'does not mention'} ${k}`,
      evidence: ratings[k]![i] ? `turn ${i}` : '',
      evidenceFound: ratings[k]![i] ? true : null,
    }));
    let outputId: number | null = null;
    if (kind === 'ai')
      outputId = Number(
        db
          .prepare(
            `INSERT INTO llm_outputs (coder_id, segment_id, config_hash, model_requested, codebook_version_id, prompt_hash, samples, decisions, raw_responses, created_at)
             VALUES (?, ?, 'hash-gpt', 'test-model', ?, 'prompt', 1, ?, '[]', 'now')`,
          )
          .run(coderId, segmentId, versionId, JSON.stringify(decisions)).lastInsertRowid,
      );
    for (const k of keys) {
      if (ratings[k]![i] !== 1) continue;
      const labelId = Number(
        db
          .prepare(
            "INSERT INTO labels (segment_id, code_id, coder_id, source, memo, confidence, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'now', 'now')",
          )
          .run(
            segmentId,
            codeId(k),
            coderId,
            kind,
            kind === 'human' ? `${k} memo ${i}` : '',
            kind === 'ai' ? 0.8 : null,
          ).lastInsertRowid,
      );
      if (outputId !== null)
        db.prepare(
          "INSERT INTO label_provenance (label_id, output_id, code_key, confidence, vote_share, votes, samples, rationale, evidence, evidence_found) VALUES (?, ?, ?, 0.8, 1, 1, 1, 'r', 'e', 1)",
        ).run(labelId, outputId, k);
    }
  }
}

export function openStudy(dir: string, ratings: Ratings = RATINGS): Study {
  const path = join(dir, 'calibration.concord');
  const session = new Session({ host: 'cli', configDir: dir, user: 'tester' });
  const project = session.open(path, 'create');
  const db = project.db;
  let segments: number[][] = [];
  project.transaction(() => {
    const version = createCodebookVersion(
      db,
      {
        name: 'Test codebook',
        description: '',
        codes: CODES.map((c) => ({
          ...c,
          short_label: '',
          inclusion: '',
          exclusion: '',
          examples: { positive: [], negative: [] },
          color: '#336699',
        })),
      },
      'tester',
    );
    segments = insertDocuments(db);
    const turn = (i: number) => segments[participantTurn(i).doc]![participantTurn(i).idx]!;
    for (const [name, r] of Object.entries(ratings)) {
      const ai = name === 'Gpt';
      const id = Number(
        db
          .prepare(
            'INSERT INTO coders (name, kind, guid, config, config_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(
            name,
            ai ? 'ai' : 'human',
            `guid-${name}`,
            ai ? JSON.stringify({ model: 'test-model', codebookVersion: 1 }) : null,
            ai ? 'hash-gpt' : null,
            'now',
          ).lastInsertRowid,
      );
      writeRatings(db, id, ai ? 'ai' : 'human', r, turn, version.id);
    }
  });
  const ctx: HandlerContext = { session, emit: () => {} };
  return {
    session,
    db,
    path,
    turn: (i) => segments[participantTurn(i).doc]![participantTurn(i).idx]!,
    segment: (d, idx) => segments[d]![idx]!,
    coder: (name) => db.prepare('SELECT id FROM coders WHERE name = ?').pluck().get(name) as number,
    async call(method, params) {
      const r = await dispatch(method, params, ctx);
      if (!r.ok) throw new RpcFailure(r.error.code, r.error.message);
      return r.result as Result<typeof method>;
    },
    close: () => session.close(),
  };
}

/** The ratings as a `stats agreement` CSV (unit = segment id, code = code key), coders in the given order. */
export function ratingsCsv(
  study: Study,
  coders: string[],
  keep: (turn: number) => boolean = () => true,
  ratings: Ratings = RATINGS,
): string {
  const rows = ['unit,coder,code,value'];
  for (const code of Object.keys(ratings[coders[0]!]!))
    for (let i = 0; i < 20; i++)
      for (const coder of coders) {
        if (!keep(i)) continue;
        const v = ratings[coder]![code]![i];
        if (v !== null && v !== undefined) rows.push(`${study.turn(i)},${coder},${code},${v}`);
      }
  return `${rows.join('\n')}\n`;
}
