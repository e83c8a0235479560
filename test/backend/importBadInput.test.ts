import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSources } from '../../electron/backend/documents/importer';
import { Project } from '../../electron/backend/project/project';
import { projectCounts } from '../../electron/backend/project/counts';
import { useTmpDir } from '../helpers/tmp';

const GOOD =
  'Interviewer: What does a home visit look like?\nParent Reyes: The teacher came to our apartment and asked about our hopes.\n';

function utf16le(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf16le');
  return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
}

describe('import: bad input gets a clear per-file error and nothing else is lost', () => {
  const tmp = useTmpDir();

  async function importAll(files: Record<string, string | Buffer>) {
    const dir = tmp();
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
    const project = Project.open(join(dir, 'p.concord'), 'create');
    const report = await importSources(
      project,
      Object.keys(files).map((name) => ({ path: join(dir, name) })),
      { actor: 'test' },
    );
    return { project, report, dir };
  }

  const errorOf = (report: Awaited<ReturnType<typeof importAll>>['report'], name: string) =>
    report.errors.find((e) => e.file.endsWith(name))?.error;

  it('rejects empty, binary, non-zip .docx, unsupported and missing files while the good file imports', async () => {
    const binary = Buffer.alloc(2048);
    for (let i = 0; i < binary.length; i++) binary[i] = (i * 7919 + 13) % 256;
    const { project, report, dir } = await importAll({
      'good.txt': GOOD,
      'empty.txt': '',
      'blank.txt': '   \n\n  ',
      'scan.txt': binary,
      'notes.docx': 'this is plain text pretending to be a Word file',
      'slides.pdf': '%PDF-1.4',
    });
    const missing = await importSources(project, [{ path: join(dir, 'gone.txt') }], { actor: 'test' });
    expect(report.imported.map((r) => r.name)).toEqual(['good']);
    expect(errorOf(report, 'empty.txt')).toMatch(/empty/);
    expect(errorOf(report, 'blank.txt')).toMatch(/empty/);
    expect(errorOf(report, 'scan.txt')).toMatch(/binary/);
    expect(errorOf(report, 'notes.docx')).toMatch(/not a valid \.docx/);
    expect(errorOf(report, 'slides.pdf')).toMatch(/unsupported file type "\.pdf"/);
    expect(missing.errors).toEqual([{ file: join(dir, 'gone.txt'), error: 'no such file' }]);
    expect(projectCounts(project.db)).toMatchObject({ documents: 1, segments: 2 });
    project.close();
  });

  it('decodes UTF-16 (with and without BOM), Windows-1252 and a UTF-8 BOM into the same text', async () => {
    const text =
      'Interviewer: ¿Qué tal?\nMaría: “Bien”, café y pan.\nInterviewer: ¿Y la escuela?\nMaría: Muy bien.\n';
    const cp1252 = Buffer.from(
      'Interviewer: Qu\xe9 tal?\nMar\xeda: \x93Bien\x94, caf\xe9 y pan.\nInterviewer: Y la escuela?\nMar\xeda: Muy bien.\n',
      'latin1',
    );
    const { project, report } = await importAll({
      'utf16-bom.txt': utf16le(text, true),
      'utf16-nobom.txt': utf16le(text.replace('¿Qué', 'Y qué'), false),
      'win1252.txt': cp1252,
      'utf8-bom.txt': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(text.replace('pan', 'pan dulce')),
      ]),
    });
    expect(report.errors).toEqual([]);
    const rows = project.db.prepare('SELECT name, encoding, text FROM documents ORDER BY name').all() as {
      name: string;
      encoding: string;
      text: string;
    }[];
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName['utf16-bom']!.text).toBe(text);
    expect(byName['utf16-nobom']!.text).toContain('María: “Bien”, café y pan.');
    expect(byName['win1252']!.text).toBe(
      'Interviewer: Qué tal?\nMaría: “Bien”, café y pan.\nInterviewer: Y la escuela?\nMaría: Muy bien.\n',
    );
    expect(byName['utf8-bom']!.text.startsWith('\uFEFF')).toBe(false);
    expect(byName['utf8-bom']!.text).toContain('pan dulce');
    const speakers = project.db.prepare('SELECT DISTINCT speaker FROM segments ORDER BY speaker').all();
    expect(speakers).toEqual([{ speaker: 'Interviewer' }, { speaker: 'María' }]);
    project.close();
  });

  it('rejects a 50 MB file by its size without reading it, and keeps the others', async () => {
    const dir = tmp();
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, Buffer.alloc(50 * 1024 * 1024, 'a'));
    writeFileSync(join(dir, 'good.txt'), GOOD);
    const project = Project.open(join(dir, 'p.concord'), 'create');
    const report = await importSources(project, [{ path: huge }, { path: join(dir, 'good.txt') }], {
      actor: 'test',
    });
    expect(report.errors).toEqual([{ file: huge, error: 'file is too large (50.0 MB; the limit is 20 MB)' }]);
    expect(report.imported).toHaveLength(1);
    project.close();
  });

  it('turns CSV: ragged rows are an error for the whole file; unknown columns only warn', async () => {
    const { project, report } = await importAll({
      'ragged.csv': 'document,speaker,text\nv1,Interviewer,Hello\nv1,Parent,Hi,extra\n',
      'extra.csv':
        'document,speaker,text,mood\nv2,Interviewer,How often do you talk?,calm\nv2,Parent Lin,Every week.,happy\n',
      'noheader.csv': 'v3,Interviewer,Hello\n',
    });
    expect(errorOf(report, 'ragged.csv')).toMatch(/line 3|row 3|record 3/i);
    expect(errorOf(report, 'noheader.csv')).toMatch(/document.*speaker.*text/i);
    expect(report.imported).toEqual([
      { file: expect.stringMatching(/extra\.csv$/), document_id: 1, name: 'v2', segments: 2 },
    ]);
    expect(report.warnings.some((w) => /mood/.test(w.warning))).toBe(true);
    expect(projectCounts(project.db).documents).toBe(1);
    project.close();
  });

  it('a failing file leaves the project file byte-for-byte unchanged', async () => {
    const dir = tmp();
    const path = join(dir, 'p.concord');
    const p = Project.open(path, 'create');
    await importSources(p, [{ name: 'a.txt', contentBase64: Buffer.from(GOOD).toString('base64') }], {
      actor: 't',
    });
    p.close();
    const before = readFileSync(path);
    const again = Project.open(path, 'open');
    const r = await importSources(
      again,
      [
        { name: 'e.txt', contentBase64: '' },
        { name: 'a.txt', contentBase64: Buffer.from(GOOD).toString('base64') },
      ],
      {
        actor: 't',
      },
    );
    again.close();
    expect(r.errors).toHaveLength(1);
    expect(r.skipped).toHaveLength(1);
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
