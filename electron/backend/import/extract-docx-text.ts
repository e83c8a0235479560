import { ImportFileError } from './types';

// Word documents: the paragraphs' text via mammoth (paragraphs become lines separated by a
// blank line), which the caller then parses as a plain-text transcript.

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, magic: number[]): boolean => magic.every((b, i) => bytes[i] === b);

export async function extractDocxText(bytes: Uint8Array): Promise<string> {
  if (bytes.length === 0) throw new ImportFileError('file is empty');
  // Old binary .doc files and password-protected .docx files are OLE containers.
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new ImportFileError(
      'not a valid .docx (an old Word .doc or an encrypted document; save it as .docx without a password)',
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new ImportFileError('not a valid .docx (not a zip archive)');

  // Loaded on first use: mammoth and its zip/XML stack are only needed for Word files.
  const { default: mammoth } = await import('mammoth');
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    }));
  } catch (err) {
    throw new ImportFileError(`not a valid .docx (${docxProblem(err)})`);
  }
  const text = value
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (text.length === 0) throw new ImportFileError('file is empty (the document has no text)');
  return `${text}\n`;
}

function docxProblem(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/main document part/i.test(message)) return 'no word/document.xml inside';
  if (/zip|central directory|end of data|corrupt/i.test(message)) return 'damaged zip archive';
  if (/xml/i.test(message)) return 'damaged document XML';
  return message.split('\n')[0]?.slice(0, 160) ?? 'unreadable';
}
