import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportQdpx } from '../../electron/backend/exchange/exportQdpx';
import { importQdpxToNewProject } from '../../electron/backend/exchange/importQdpx';
import { Project } from '../../electron/backend/project/project';
import { useTmpDir } from '../helpers/tmp';
import { fixtureQdpx } from './archives';
import { attributesByDocument, codeTree, codingsOf, labelSummaries } from './inspect';

// Projects in the shapes ATLAS.ti, MAXQDA, NVivo and QualCoder write (test/fixtures/qdpx,
// hand-written; every text has characters outside the BMP before coded passages).

const tmp = useTmpDir();
let open: Project | null = null;
afterEach(() => {
  open?.close();
  open = null;
});

async function importFixture(tool: string) {
  const bytes = await fixtureQdpx(tool);
  const target = join(tmp(), `${tool}.concord`);
  const report = await importQdpxToNewProject(bytes, target, 'test');
  open = Project.open(target, 'open');
  return { bytes, report, db: open.db, project: open };
}

/** Re-exporting the imported project gives the same codings, offsets included. */
async function expectSameCodings(bytes: Buffer, project: Project) {
  const again = await exportQdpx(project);
  expect(await codingsOf(again.bytes)).toEqual(await codingsOf(bytes));
}

describe('import-qdpx: files from other tools', () => {
  it('ATLAS.ti: BOM and CRLF text, upper-case GUIDs, sets and memos reported', async () => {
    const { bytes, report, db, project } = await importFixture('atlasti');
    expect(report).toMatchObject({ documents: 2, codes: 4, coders: 1, labels: 4 });
    expect(report.warnings.join(' ')).toMatch(/sets were not imported/);
    expect(report.warnings.join(' ')).toMatch(/note/);
    const text = db
      .prepare("SELECT text FROM documents WHERE name = 'Maple Grove principal'")
      .pluck()
      .get() as string;
    expect(text.startsWith('Interviewer:')).toBe(true); // BOM gone
    expect(text).toContain('\r\n'); // line ends kept: CRLF counts two positions
    expect(labelSummaries(db)).toEqual([
      {
        document: 'Maple Grove parent',
        coder: 'Maria Lopez',
        code: 'Barrier: schedules',
        source: 'human',
        whole: true,
        text: 'I work nights, so the 6 pm meetings are impossible for me.',
      },
      {
        document: 'Maple Grove parent',
        coder: 'Maria Lopez',
        code: 'Adaptation',
        source: 'human',
        whole: false,
        text: 'WhatsApp summary 📱',
      },
      {
        document: 'Maple Grove principal',
        coder: 'Maria Lopez',
        code: 'Outreach: positive calls',
        source: 'human',
        whole: true,
        text: 'Every Friday our teachers call two families with good news.',
      },
      {
        document: 'Maple Grove principal',
        coder: 'Maria Lopez',
        code: 'Persistence',
        source: 'human',
        whole: false,
        text: 'then we knock on the door. 🚪🙂',
      },
    ]);
    expect(
      db.prepare("SELECT definition FROM codes WHERE name = 'Outreach: positive calls'").pluck().get(),
    ).toMatch(/good news/);
    expect(db.prepare('SELECT uid FROM documents ORDER BY name').pluck().all()).toEqual([
      'b7e4f1a0-2c3d-4e5f-8a9b-0c1d2e3f4a52',
      'b7e4f1a0-2c3d-4e5f-8a9b-0c1d2e3f4a51',
    ]);
    await expectSameCodings(bytes, project);
  });

  it('MAXQDA: nested codes, two coders, document variables, a selection over two turns', async () => {
    const { bytes, report, db, project } = await importFixture('maxqda');
    expect(report).toMatchObject({ documents: 1, codes: 4, coders: 2, labels: 4 });
    expect(codeTree(db)).toEqual([
      '/Relationships',
      'Relationships/Shared meals',
      'Relationships/Fathers involved',
      '/Families lead',
    ]);
    expect(report.attributes).toEqual({
      group: { bright: 1 },
      'Year of interview': { '2024': 1 },
      role: { teacher: 1 },
    });
    const labels = labelSummaries(db);
    expect(labels.filter((l) => l.code === 'Shared meals').map((l) => [l.coder, l.text])).toEqual([
      ['Amara', 'Kids cook with their parents, and we eat together. 🍲'],
      ['Jonas', 'Kids cook with their parents, and we eat together. 🍲'],
    ]);
    expect(labels.find((l) => l.code === 'Families lead')).toMatchObject({
      coder: 'Jonas',
      whole: false,
      text: 'Nobody lectures.\nINTERVIEWER: Who comes?',
    });
    expect(db.prepare('SELECT kind FROM coders').pluck().all()).toEqual(['human', 'human']);
    // both coders coded this document: all its segments count as decided for agreement
    expect(db.prepare('SELECT count(*) FROM coded_segments').pluck().get()).toBe(
      2 * (db.prepare('SELECT count(*) FROM segments').pluck().get() as number),
    );
    await expectSameCodings(bytes, project);
  });

  it('NVivo: braces around GUIDs, Sources/ folder, case variables overridden by source variables', async () => {
    const { bytes, report, db, project } = await importFixture('nvivo');
    expect(report).toMatchObject({ documents: 2, codes: 3, coders: 1, labels: 2 });
    expect(attributesByDocument(db)).toEqual({
      'Family center coordinator': { group: 'partner', role: 'staff', school: 'Westbrook Elementary' },
      'Westbrook parent': { group: 'partner', role: 'family', school: 'Westbrook Elementary' },
    });
    const center = db
      .prepare(
        "SELECT definition, inclusion, examples_positive, color FROM codes WHERE name = 'Family center'",
      )
      .get() as Record<string, string>;
    expect(center).toMatchObject({
      definition: 'A room or program at school that is run for families.',
      inclusion: 'Any mention of a dedicated space or program.',
      examples_positive: JSON.stringify(['Parents run the schedule.']),
    });
    expect(center.color).toMatch(/^#[0-9A-F]{6}$/i); // NVivo wrote none; one was chosen
    expect(labelSummaries(db).map((l) => l.text)).toEqual([
      'Parents run the schedule.',
      'Ms. Ødegård came in August 🏠',
    ]);
    await expectSameCodings(bytes, project);
  });

  it('QualCoder: case variables, non-BMP letters, a selection ending at the end of the text', async () => {
    const { bytes, report, db, project } = await importFixture('qualcoder');
    expect(report).toMatchObject({ documents: 1, codes: 2, coders: 1, labels: 3 });
    expect(report.attributes).toEqual({ language: { Spanish: 1 } });
    expect(labelSummaries(db).map((l) => [l.code, l.text])).toEqual([
      ['Student-mediated', 'My daughter tells me'],
      ['Multilingual', 'the teacher texts me in Spanish 🇲🇽.'],
      ['Multilingual', 'flyer came home in three languages.'],
    ]);
    await expectSameCodings(bytes, project);
  });
});
