import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CodebookJsonSchema } from '../../shared/contract/codebookJson';
import { codeDataFromJson } from '../../electron/backend/codebook/codeData';
import { codebookMarkdown } from '../../electron/backend/codebook/markdownExport';
import { importJsonCodebook, openStudy, smallCodebook } from '../coding/studyProject';
import { useTmpDir } from '../helpers/tmp';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One entry of a zip (enough of the format to read word/document.xml back). */
function zipEntry(zip: Buffer, name: string): string {
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip.readUInt32LE(i) !== 0x06054b50) continue;
    let p = zip.readUInt32LE(i + 16);
    for (let n = zip.readUInt16LE(i + 10); n > 0; n--) {
      const method = zip.readUInt16LE(p + 10);
      const size = zip.readUInt32LE(p + 20);
      const nameLen = zip.readUInt16LE(p + 28);
      const extra = zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
      const local = zip.readUInt32LE(p + 42);
      if (zip.toString('utf8', p + 46, p + 46 + nameLen) === name) {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + size);
        return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
      }
      p += 46 + nameLen + extra;
    }
  }
  throw new Error(`${name} not in the zip`);
}

describe('readable codebook exports', () => {
  const tmp = useTmpDir();

  it("codebooks/family-engagement.md is the Markdown exporter's rendering of the shipped JSON", () => {
    const cb = CodebookJsonSchema.parse(
      JSON.parse(readFileSync(join(ROOT, 'codebooks', 'family-engagement.json'), 'utf8')),
    );
    const md = codebookMarkdown(
      { name: cb.name, version: Number(cb.version ?? 1), description: cb.description },
      cb.codes.map((c) => codeDataFromJson(c, '')),
    );
    // when the shipped codebook changes: concord init t.concord && concord codebook import t.concord
    // codebooks/family-engagement.json && concord codebook export t.concord codebooks/family-engagement.md
    expect(readFileSync(join(ROOT, 'codebooks', 'family-engagement.md'), 'utf8')).toBe(md);
    expect(md).toContain('### Proactive and timely');
    expect(md.match(/^#{2,6} /gm)).toHaveLength(39);
  });

  it('Markdown shows the tree, fields and examples', async () => {
    const study = openStudy(tmp());
    await importJsonCodebook(study, smallCodebook());
    const out = await study.call('codebook.exportFile', { format: 'md' });
    expect(out).toEqual(
      expect.objectContaining({ fileName: 'test-codebook-v1.md', mimeType: 'text/markdown' }),
    );
    const md = Buffer.from(out.contentBase64, 'base64').toString('utf8');
    expect(md).toContain('- [Outreach](#outreach)\n  - [Phone calls](#phone-calls)');
    expect(md).toContain('### Home visits\n\n*Key `outreach-visits` · colour `#2CA02C` · under Outreach*');
    expect(md).toContain('**Definition.** Definition of Home visits.');
    expect(md).toContain('**Examples.**\n\n- An example of home visits.');
  });

  it('DOCX is a Word document holding every code with its definition', async () => {
    const study = openStudy(tmp());
    await importJsonCodebook(study, smallCodebook());
    const out = await study.call('codebook.exportFile', { format: 'docx' });
    expect(out.fileName).toBe('test-codebook-v1.docx');
    const zip = Buffer.from(out.contentBase64, 'base64');
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    const xml = zipEntry(zip, 'word/document.xml');
    for (const text of [
      'Test codebook',
      'Phone calls',
      'Definition of Home visits.',
      'An example of barriers.',
      'Heading2',
    ])
      expect(xml).toContain(text);
  });

  it('JSON export is the DESIGN §4 form and imports again unchanged', async () => {
    const study = openStudy(tmp());
    await importJsonCodebook(study, smallCodebook());
    const json = JSON.parse(
      Buffer.from(
        (await study.call('codebook.exportFile', { format: 'json' })).contentBase64,
        'base64',
      ).toString('utf8'),
    ) as ReturnType<typeof smallCodebook> & { description: string };
    expect(Object.keys(json)).toEqual(['name', 'version', 'description', 'codes']);
    expect(Object.keys(json.codes[0]!)).toEqual([
      'id',
      'name',
      'parent_id',
      'short_label',
      'definition',
      'inclusion',
      'exclusion',
      'examples',
      'color',
      'guid',
    ]);
    expect(
      json.codes.map(({ id, name, parent_id, definition, inclusion, exclusion, examples, color }) => ({
        id,
        name,
        parent_id,
        definition,
        inclusion,
        exclusion,
        examples,
        color,
      })),
    ).toEqual(smallCodebook().codes);
    await importJsonCodebook(study, json);
    expect((await study.call('codebook.diff', { from: 1, to: 2 })).changes).toEqual([]);
    await expect(study.call('codebook.exportFile', { format: 'json', version: 7 })).rejects.toThrow(
      /version 7 does not exist/,
    );
  });
});
