// A tiny study with counts small enough to check by hand (see compareCounts.test.ts):
// four schools, six interviews of four segments (25 words each), five codes, two human
// coders and one AI coder. One interview contains emoji before coded spans.
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createCodebookVersion } from '../../electron/backend/codebook/store';
import { ensureCoder } from '../../electron/backend/coding/coders';
import { addLabel, markSegmentCoded } from '../../electron/backend/coding/labels';
import { Project } from '../../electron/backend/project/project';

export const DOCS = [
  { name: 'd1', school: 'S1', group: 'bright', role: 'teacher', pair: 'P1' },
  { name: 'd2', school: 'S1', group: 'bright', role: 'family', pair: 'P1' },
  { name: 'd3', school: 'S2', group: 'bright', role: 'teacher', pair: 'P2' },
  { name: 'd4', school: 'S3', group: 'partner', role: 'teacher', pair: 'P1' },
  { name: 'd5', school: 'S3', group: 'partner', role: 'family', pair: 'P1' },
  { name: 'd6', school: 'S4', group: 'partner', role: 'teacher', pair: 'P2' },
] as const;

const words = (n: number, seed: string) => Array.from({ length: n }, (_, i) => `${seed}w${i}`).join(' ');

/** Segment texts; d1 has emoji (non-BMP) in its first turn. */
function turns(doc: string): string[] {
  return [0, 1, 2, 3].map((i) => {
    const speaker = i % 2 === 0 ? 'Interviewer' : 'Guest';
    const body =
      doc === 'd1' && i === 0 ? `🌟 hello 👩🏽‍🏫 ${words(22, `${doc}s${i}`)}` : words(25, `${doc}s${i}`);
    return `${speaker}: ${body}`;
  });
}

export interface SmallStudy {
  project: Project;
  path: string;
  /** segment id by "d1:0" */
  segment: (doc: string, index: number) => number;
  code: (key: string) => number;
  coder: { ana: number; ben: number; gpt: number };
  text: (doc: string) => string;
}

export const CODES = [
  { id: 'outreach', name: 'Outreach', parent_id: null, color: '#1F77B4', definition: 'Staff reach out.' },
  {
    id: 'home-visits',
    name: 'Home visits',
    parent_id: 'outreach',
    color: '#FF7F0E',
    definition: 'Visits at home.',
  },
  {
    id: 'barriers',
    name: 'Barriers',
    parent_id: null,
    color: '#2CA02C',
    definition: 'What keeps families away.',
  },
  { id: 'never', name: 'Never used', parent_id: null, color: '#999999', definition: 'Nobody applies this.' },
  {
    id: 'strong',
    name: 'Strong',
    parent_id: null,
    color: '#9467BD',
    definition: 'Everywhere at bright spots.',
  },
];

export function createSmallStudy(dir: string, withLabels = true): SmallStudy {
  const path = join(dir, 'small.concord');
  const project = Project.open(path, 'create');
  const db = project.db;
  const segIds = new Map<string, number>();
  const texts = new Map<string, string>();
  let codeIds = new Map<string, number>();
  const coder = { ana: 0, ben: 0, gpt: 0 };
  project.transaction(() => {
    const insertDoc = db.prepare(
      `INSERT INTO documents (uid, name, source_file, format, encoding, content_hash, text, chars, words, imported_at)
       VALUES (?, ?, ?, 'txt', 'utf-8', ?, ?, ?, 100, '2025-01-01T00:00:00Z')`,
    );
    const insertSeg = db.prepare(
      `INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words, time_start, time_end)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 25, NULL, NULL)`,
    );
    const setAttr = db.prepare('INSERT INTO document_attributes (document_id, name, value) VALUES (?, ?, ?)');
    for (const d of DOCS) {
      const lines = turns(d.name);
      const text = `${lines.join('\n')}\n`;
      texts.set(d.name, text);
      const hash = createHash('sha256').update(text).digest('hex');
      const docId = Number(
        insertDoc.run(randomUUID(), d.name, `${d.name}.txt`, hash, text, text.length).lastInsertRowid,
      );
      let at = 0;
      lines.forEach((line, i) => {
        const colon = line.indexOf(': ') + 2;
        const start = at + colon;
        const end = at + line.length;
        segIds.set(
          `${d.name}:${i}`,
          Number(
            insertSeg.run(
              `seg-${d.name}-${i}`,
              docId,
              i,
              i,
              line.slice(0, colon - 2),
              start,
              end,
              text.slice(start, end),
            ).lastInsertRowid,
          ),
        );
        at += line.length + 1;
      });
      for (const k of ['school', 'group', 'role', 'pair'] as const) setAttr.run(docId, k, d[k]);
    }
    const version = createCodebookVersion(
      db,
      {
        name: 'Small codebook',
        description: '',
        codes: CODES.map((c) => ({
          ...c,
          short_label: '',
          inclusion: `Include ${c.name}.`,
          exclusion: '',
          examples: { positive: [`An example of ${c.name}`], negative: [] },
        })),
      },
      'test',
    );
    codeIds = new Map(
      (
        db.prepare('SELECT code_key, id FROM codes WHERE codebook_version_id = ?').all(version.id) as {
          code_key: string;
          id: number;
        }[]
      ).map((r) => [r.code_key, r.id]),
    );
    coder.ana = ensureCoder(db, 'ana', 'human').id;
    coder.ben = ensureCoder(db, 'ben', 'human').id;
    coder.gpt = ensureCoder(db, 'gpt-test', 'ai').id;
    if (!withLabels) return;
    const seg = (k: string) => segIds.get(k)!;
    const label = (
      doc: string,
      i: number,
      code: string,
      who: keyof typeof coder,
      span?: { start: number; end: number },
    ) =>
      addLabel(
        db,
        {
          segmentId: seg(`${doc}:${i}`),
          codeId: codeIds.get(code)!,
          coderId: coder[who],
          source: who === 'gpt' ? 'ai' : 'human',
          span: span ?? null,
          confidence: who === 'gpt' ? 0.8 : null,
        },
        'test',
      );
    label('d1', 0, 'outreach', 'ana');
    label('d1', 0, 'outreach', 'ben');
    label('d1', 2, 'outreach', 'ana');
    label('d3', 1, 'outreach', 'gpt');
    label('d4', 3, 'outreach', 'ana');
    for (const [doc, i] of [
      ['d4', 0],
      ['d4', 1],
      ['d5', 2],
      ['d6', 0],
    ] as const)
      label(doc, i, 'barriers', 'ana');
    label('d2', 1, 'barriers', 'gpt');
    label('d2', 3, 'home-visits', 'ben');
    for (const doc of ['d1', 'd2', 'd3']) for (const i of [0, 1, 2, 3]) label(doc, i, 'strong', 'ana');
    // an exact span after the emoji in d1's first segment, by ben
    const t = texts.get('d1')!;
    const start = t.indexOf('hello');
    label('d1', 0, 'home-visits', 'ben', { start, end: start + 'hello'.length });
    for (const s of segIds.values()) markSegmentCoded(db, coder.ana, s, version.id);
  });
  return {
    project,
    path,
    segment: (doc, i) => segIds.get(`${doc}:${i}`)!,
    code: (key) => codeIds.get(key)!,
    coder,
    text: (doc) => texts.get(doc)!,
  };
}
