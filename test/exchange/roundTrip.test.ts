import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureCoder } from '../../electron/backend/coding/coders';
import { addLabel } from '../../electron/backend/coding/labels';
import { fillDemoProject } from '../../electron/backend/demo/createDemo';
import { setDocumentAttributes } from '../../electron/backend/documents/attributes';
import { importSources } from '../../electron/backend/documents/importer';
import { exportQdpx } from '../../electron/backend/exchange/exportQdpx';
import { importQdpxToNewProject } from '../../electron/backend/exchange/importQdpx';
import { readZipEntries } from '../../electron/backend/exchange/zipRead';
import { Project } from '../../electron/backend/project/project';
import { useTmpDir } from '../helpers/tmp';
import { PROJECT_XSD, xsdProblems } from '../support/xmllint';
import { attributesByDocument, codingsOf, labelSummaries } from './inspect';

const tmp = useTmpDir();
const projects: Project[] = [];
afterEach(() => {
  for (const p of projects.splice(0)) p.close();
});

const EMOJI_INTERVIEW = [
  'Interviewer: Thank you 🌟 for meeting us. How does the school reach you? 👩🏽‍🏫',
  'Parent Soto: The teacher calls me herself every other Friday 📞, even when nothing is wrong.',
  'Interviewer: Anything hard about staying in touch?',
  'Parent Soto: My shifts change every week 🔁, so evening meetings are difficult.',
].join('\n');

/** The demo study plus an interview with emoji, coded by two people and an AI coder (spans included). */
async function codedDemo(dir: string): Promise<Project> {
  const p = Project.open(join(dir, 'demo.concord'), 'create');
  projects.push(p);
  await fillDemoProject(p, 'test');
  const file = join(dir, 'soto-family.txt');
  writeFileSync(file, `${EMOJI_INTERVIEW}\n`);
  const report = await importSources(p, [{ path: file }], { actor: 'test' });
  const docId = report.imported[0]!.document_id;
  const db = p.db;
  p.transaction(() => {
    setDocumentAttributes(
      db,
      docId,
      { group: 'bright', role: 'family', school: 'Harbor Emoji Elementary' },
      'test',
    );
    const codes = db.prepare('SELECT id FROM codes ORDER BY sort_order').pluck().all() as number[];
    const segs = db
      .prepare('SELECT id, document_id, start, end FROM segments ORDER BY document_id, idx')
      .all() as { id: number; document_id: number; start: number; end: number }[];
    const ana = ensureCoder(db, 'ana', 'human').id;
    const ben = ensureCoder(db, 'ben', 'human').id;
    const ai = ensureCoder(db, 'model-x', 'ai').id;
    segs.forEach((s, i) => {
      if (i % 3 === 0)
        addLabel(
          db,
          { segmentId: s.id, codeId: codes[i % codes.length]!, coderId: ana, source: 'human' },
          'test',
        );
      if (i % 4 === 0)
        addLabel(
          db,
          { segmentId: s.id, codeId: codes[(i * 7) % codes.length]!, coderId: ben, source: 'human' },
          'test',
        );
      if (i % 5 === 0)
        addLabel(
          db,
          {
            segmentId: s.id,
            codeId: codes[(i * 3) % codes.length]!,
            coderId: ai,
            source: 'ai',
            confidence: 0.7,
          },
          'test',
        );
      // a span inside the segment, away from its edges
      if (i % 11 === 0 && s.end - s.start > 20)
        addLabel(
          db,
          {
            segmentId: s.id,
            codeId: codes[2]!,
            coderId: ana,
            source: 'human',
            span: { start: s.start + 5, end: s.end - 3 },
          },
          'test',
        );
    });
    const text = db.prepare('SELECT text FROM documents WHERE id = ?').pluck().get(docId) as string;
    const emojiSegs = segs.filter((s) => s.document_id === docId);
    for (const phrase of ['calls me herself every other Friday 📞', 'My shifts change every week 🔁']) {
      const start = text.indexOf(phrase);
      const seg = emojiSegs.find((s) => s.start <= start && start < s.end)!;
      addLabel(
        db,
        {
          segmentId: seg.id,
          codeId: codes[5]!,
          coderId: ben,
          source: 'human',
          span: { start, end: start + phrase.length },
        },
        'test',
      );
    }
  });
  return p;
}

describe('REFI-QDA round trip: project → .qdpx → new project', () => {
  it('keeps documents, codes, codings (offsets identical, after emoji) and attributes; project.qde is valid', async () => {
    const dir = tmp();
    const source = await codedDemo(dir);
    const first = await exportQdpx(source);
    const entries = await readZipEntries(first.bytes);
    expect([...entries.keys()].filter((n) => n.startsWith('sources/'))).toHaveLength(13);
    const qde = join(dir, 'project.qde');
    writeFileSync(qde, entries.get('project.qde')!);
    expect(xsdProblems(qde, PROJECT_XSD)).toBeNull();
    expect(first.warnings.join(' ')).toMatch(/model-x/);

    const target = join(dir, 'copy.concord');
    const report = await importQdpxToNewProject(first.bytes, target, 'test');
    const copy = Project.open(target, 'open');
    projects.push(copy);
    const count = (p: Project, sql: string) => p.db.prepare(sql).pluck().get() as number;
    expect(report.documents).toBe(13);
    expect(report.labels).toBe(count(source, 'SELECT count(*) FROM labels'));

    const docs = (p: Project) => p.db.prepare('SELECT uid, name, text FROM documents ORDER BY uid').all();
    expect(docs(copy)).toEqual(docs(source));
    expect(attributesByDocument(copy.db)).toEqual(attributesByDocument(source.db));

    const codes = (p: Project) =>
      p.db
        .prepare(
          `SELECT c.guid, c.name, (SELECT name FROM codes x WHERE x.code_key = c.parent_key AND x.codebook_version_id = c.codebook_version_id) AS parent,
             c.color, c.definition, c.inclusion, c.exclusion, c.examples_positive, c.examples_negative, c.short_label
           FROM codes c ORDER BY c.sort_order`,
        )
        .all();
    expect(codes(copy)).toEqual(codes(source));

    // same labels (coder, code, exact text); AI labels come back as a person's (REFI has no AI coders)
    const strip = (rows: ReturnType<typeof labelSummaries>) =>
      rows
        .map(({ source: _s, ...r }) => r)
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(strip(labelSummaries(copy.db))).toEqual(strip(labelSummaries(source.db)));
    const emoji = labelSummaries(copy.db).filter((l) => l.document === 'soto-family' && !l.whole);
    expect(emoji.map((l) => l.text)).toEqual(
      expect.arrayContaining(['My shifts change every week 🔁', 'calls me herself every other Friday 📞']),
    );

    const second = await exportQdpx(copy);
    expect(await codingsOf(second.bytes)).toEqual(await codingsOf(first.bytes));
  });
});
