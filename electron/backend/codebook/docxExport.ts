import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { CodeData } from './codeData';
import type { CodebookFileHeader } from './codebookJsonFile';
import { codesWithDepth } from './markdownExport';

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
] as const;

/** Word keeps "\n" inside a run as a space; breaks become explicit line breaks. */
const runs = (text: string, opts: { bold?: boolean; italics?: boolean } = {}) =>
  text
    .trim()
    .split('\n')
    .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...opts }));

const labelled = (label: string, text: string) =>
  new Paragraph({
    spacing: { after: 120 },
    children: [new TextRun({ text: `${label} `, bold: true }), ...runs(text)],
  });

const bullets = (items: string[]) =>
  items.map((t) => new Paragraph({ bullet: { level: 0 }, children: runs(t) }));

/** The codebook as a Word document for appendices: same content and order as the Markdown form. */
export async function codebookDocx(header: CodebookFileHeader, codes: readonly CodeData[]): Promise<Buffer> {
  const body: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(header.name)] }),
    new Paragraph({
      spacing: { after: 200 },
      children: [
        new TextRun({ text: `Codebook version ${header.version} · ${codes.length} codes`, italics: true }),
      ],
    }),
  ];
  if (header.description.trim())
    body.push(new Paragraph({ spacing: { after: 240 }, children: runs(header.description) }));
  for (const { code, depth, path } of codesWithDepth(codes)) {
    body.push(
      new Paragraph({
        heading: HEADINGS[Math.min(depth, HEADINGS.length - 1)],
        children: [new TextRun(code.name)],
      }),
    );
    const facts = [`Key ${code.key}`, `colour ${code.color}`];
    if (code.shortLabel) facts.push(`short label “${code.shortLabel}”`);
    if (path.length) facts.push(`under ${path.join(' › ')}`);
    body.push(
      new Paragraph({
        spacing: { after: 120 },
        children: [
          // a colour swatch: the code's colour as a shaded block before the facts line
          new TextRun({
            text: '\u2003\u2003',
            shading: { fill: code.color.replace('#', ''), color: 'auto' },
          }),
          new TextRun({ text: `  ${facts.join(' · ')}`, italics: true, color: '555555' }),
        ],
      }),
    );
    if (code.definition.trim()) body.push(labelled('Definition.', code.definition));
    if (code.inclusion.trim()) body.push(labelled('Apply when.', code.inclusion));
    if (code.exclusion.trim()) body.push(labelled('Do not apply when.', code.exclusion));
    if (code.examples.positive.length)
      body.push(labelled('Examples.', ''), ...bullets(code.examples.positive));
    if (code.examples.negative.length)
      body.push(labelled('Near misses (do not code).', ''), ...bullets(code.examples.negative));
  }
  const doc = new Document({
    creator: 'Concord',
    title: header.name,
    description: `Codebook version ${header.version}`,
    sections: [{ children: body }],
  });
  return Packer.toBuffer(doc);
}
