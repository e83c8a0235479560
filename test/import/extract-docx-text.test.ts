import { describe, expect, it } from 'vitest';
import { extractDocxText } from '../../electron/backend/import/extract-docx-text';
import { parseTranscript } from '../../electron/backend/import/parse-transcript';
import { segmentTurns } from '../../electron/backend/import/segment-turns';
import { ImportFileError } from '../../electron/backend/import/types';
import { expectValidSegments, expectValidSpans, turnTexts } from './expect-spans';
import { crc32, writeZip } from './write-zip';

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
  <Default Extension="xml" ContentType="application/xml"/>
  <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
  <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`;

const documentXml = (paragraphs: string[]): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:body>
${paragraphs.map((p) => `    <w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('\n')}
  </w:body>
</w:document>`;

const docx = (paragraphs: string[]): Uint8Array =>
  writeZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: documentXml(paragraphs) },
  ]);

async function docxError(bytes: Uint8Array): Promise<string> {
  try {
    await extractDocxText(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportFileError);
    return (err as Error).message;
  }
  throw new Error('expected an ImportFileError');
}

describe('extractDocxText', () => {
  it('the test zip writer computes standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('extracts the paragraphs of a real .docx, which then parse as a transcript', async () => {
    const text = await extractDocxText(
      docx([
        'Interviewer: How do families hear from the school?',
        'Principal Ruiz: Every teacher calls two families a week &amp; the office answers in Spanish 🌟.',
      ]),
    );
    expect(text).toBe(
      'Interviewer: How do families hear from the school?\n\nPrincipal Ruiz: Every teacher calls two families a week & the office answers in Spanish 🌟.\n',
    );
    const doc = parseTranscript(text, 'txt');
    expectValidSpans(doc);
    expectValidSegments(doc, segmentTurns(doc));
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'How do families hear from the school?'],
      ['Principal Ruiz', 'Every teacher calls two families a week & the office answers in Spanish 🌟.'],
    ]);
  });

  it('rejects a file that is not a zip archive', async () => {
    expect(
      await docxError(new TextEncoder().encode('Interviewer: this is plain text saved as .docx\n')),
    ).toBe('not a valid .docx (not a zip archive)');
  });

  it('rejects an empty file', async () => {
    expect(await docxError(new Uint8Array(0))).toBe('file is empty');
  });

  it('rejects a zip without a Word document inside', async () => {
    expect(await docxError(writeZip([{ name: 'notes.txt', data: 'hello' }]))).toMatch(
      /^not a valid \.docx \(/,
    );
  });

  it('rejects a document whose XML is broken', async () => {
    expect(await docxError(writeZip([{ name: 'word/document.xml', data: '<w:document><w:body' }]))).toBe(
      'not a valid .docx (damaged document XML)',
    );
  });

  it('rejects a truncated archive', async () => {
    const whole = docx(['Interviewer: Hello.']);
    expect(await docxError(whole.subarray(0, 60))).toMatch(/^not a valid \.docx \(/);
  });

  it('names old binary .doc files', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await docxError(ole)).toMatch(/old Word \.doc/);
  });

  it('rejects a .docx without any text', async () => {
    expect(await docxError(docx(['', '   ']))).toMatch(/^file is empty/);
  });
});
