import { describe, expect, it } from 'vitest';
import { decodeText } from '../../electron/backend/import/decode-text';
import { formatFromFileName } from '../../electron/backend/import/file-format';
import { ImportFileError } from '../../electron/backend/import/types';

const SPANISH =
  'Entrevistadora: ¿Cómo se comunica la escuela con usted?\nMadre: La maestra me llama cada semana. ¡Qué bien!\n';

const utf16le = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf16le'));
const utf16be = (s: string): Uint8Array => {
  const le = Buffer.from(s, 'utf16le');
  return new Uint8Array(le.swap16());
};
const bytes = (...parts: (number[] | Uint8Array | string)[]): Uint8Array =>
  new Uint8Array(
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p)))),
  );

function decodeError(input: Uint8Array): string {
  try {
    decodeText(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportFileError);
    return (err as Error).message;
  }
  throw new Error('expected an ImportFileError');
}

// The checker's "scan-export.txt": 4 KB of pseudo-random bytes starting with NULs and "PK".
function checkerBinary(): Uint8Array {
  const bin = Buffer.alloc(4096);
  for (let i = 0; i < bin.length; i++) bin[i] = (i * 7919 + 13) % 256;
  bin.write('\u0000\u0000\u0000PK', 0, 'latin1');
  return new Uint8Array(bin);
}

describe('decodeText', () => {
  it('reads plain UTF-8 and normalises CRLF and CR to LF', () => {
    const { text, encoding } = decodeText(
      bytes('Interviewer: Hola.\r\nParent: Sí, señora.\rInterviewer: 🌟\n'),
    );
    expect(text).toBe('Interviewer: Hola.\nParent: Sí, señora.\nInterviewer: 🌟\n');
    expect(encoding).toBe('utf-8');
  });

  it('strips a UTF-8 byte-order mark', () => {
    const { text, encoding } = decodeText(bytes([0xef, 0xbb, 0xbf], SPANISH));
    expect(text).toBe(SPANISH);
    expect(encoding).toBe('utf-8');
  });

  it('reads UTF-16LE with a BOM', () => {
    const { text, encoding } = decodeText(bytes([0xff, 0xfe], utf16le(SPANISH)));
    expect(text).toBe(SPANISH);
    expect(encoding).toBe('utf-16le');
  });

  it('reads UTF-16BE with a BOM', () => {
    const { text, encoding } = decodeText(bytes([0xfe, 0xff], utf16be(SPANISH)));
    expect(text).toBe(SPANISH);
    expect(encoding).toBe('utf-16be');
  });

  it('recognises UTF-16LE without a BOM from its NUL bytes', () => {
    const { text, encoding } = decodeText(
      utf16le('Interviewer: How do families hear from you?\r\nPrincipal Ruiz: Mostly by text.\r\n'),
    );
    expect(text).toBe('Interviewer: How do families hear from you?\nPrincipal Ruiz: Mostly by text.\n');
    expect(encoding).toBe('utf-16le');
  });

  it('recognises UTF-16BE without a BOM', () => {
    const { text, encoding } = decodeText(utf16be(SPANISH));
    expect(text).toBe(SPANISH);
    expect(encoding).toBe('utf-16be');
  });

  it('decodes Windows-1252 (curly quotes, é) via chardet', () => {
    const input = bytes(
      'Principal Ruiz: ',
      [0x93],
      'We call it the caf',
      [0xe9],
      ' night',
      [0x94],
      ', she said.\n',
    );
    const { text, encoding } = decodeText(input);
    expect(text).toBe('Principal Ruiz: “We call it the café night”, she said.\n');
    expect(encoding).toBe('windows-1252');
  });

  it('maps all of windows-1252 0x80–0x9F (Node 20 decodes them as C1 controls)', () => {
    const input = bytes(
      'Teacher Okafor: it',
      [0x92],
      's ',
      [0x80],
      '5 a month ',
      [0x97],
      ' or less',
      [0x85],
      ' ',
      [0x84],
      'ok',
      [0x93],
      '\n',
    );
    expect(decodeText(input).text).toBe('Teacher Okafor: it’s €5 a month — or less… „ok“\n');
  });

  it('keeps ñ and ¿ of Latin-1 Spanish (not read as a Central European code page)', () => {
    const latin1 = new Uint8Array(Buffer.from(SPANISH + 'Madre: Los niños pequeños también.\n', 'latin1'));
    expect(decodeText(latin1).text).toBe(SPANISH + 'Madre: Los niños pequeños también.\n');
  });

  it('rejects an empty file', () => {
    expect(decodeError(new Uint8Array(0))).toBe('file is empty');
  });

  it('rejects a whitespace-only file, also in UTF-16', () => {
    expect(decodeError(bytes(' \n\t\r\n  \n'))).toBe('file is empty');
    expect(decodeError(bytes([0xff, 0xfe], utf16le('  \r\n ')))).toBe('file is empty');
    expect(decodeError(bytes([0xef, 0xbb, 0xbf]))).toBe('file is empty');
  });

  it("rejects the checker's binary file renamed .txt", () => {
    expect(decodeError(checkerBinary())).toBe('binary file (not text)');
  });

  it('rejects binaries without NUL bytes by their control characters', () => {
    const noisy = Buffer.alloc(2000);
    for (let i = 0; i < noisy.length; i++) noisy[i] = 1 + ((i * 31) % 255);
    expect(decodeError(new Uint8Array(noisy))).toBe('binary file (not text)');
  });

  it('rejects a stray NUL byte in otherwise plain text', () => {
    expect(decodeError(bytes('Interviewer: hello', [0], ' there and a bit more text here\n'))).toBe(
      'binary file (not text)',
    );
  });

  it('rejects a zip (a .docx renamed .txt)', () => {
    expect(decodeError(bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0], 'word/document.xml'))).toBe(
      'binary file (not text)',
    );
  });

  it('rejects text that is not valid in the encoding its byte-order mark announces', () => {
    const broken = bytes(
      [0xef, 0xbb, 0xbf],
      'Interviewer: ',
      [0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1],
      '\n',
    );
    expect(decodeError(broken)).toBe('undecodable text (not valid UTF-8)');
    // one stray byte in a long BOM-marked file is replaced rather than costing the interview
    const stray = bytes(
      [0xef, 0xbb, 0xbf],
      'Interviewer: ',
      'How do families hear from you? '.repeat(10),
      [0xff],
      '\n',
    );
    expect(decodeText(stray).text).toContain('\uFFFD');
  });

  it('rejects UTF-32 with a clear reason', () => {
    expect(decodeError(bytes([0xff, 0xfe, 0, 0], [0x41, 0, 0, 0]))).toMatch(/UTF-32/);
  });
});

describe('formatFromFileName', () => {
  it.each([
    ['harbor-principal.txt', 'txt'],
    ['Notes/INTERVIEW.TXT', 'txt'],
    ['interview.md', 'md'],
    ['C:\\data\\visit.markdown', 'md'],
    ['family.docx', 'docx'],
    ['zoom_0.vtt', 'vtt'],
    ['captions.SRT', 'srt'],
    ['home-visit-notes.csv', 'csv'],
    ['scan.pdf', null],
    ['old.doc', null],
    ['README', null],
    ['.txt', null],
  ])('%s -> %s', (name, format) => {
    expect(formatFromFileName(name)).toBe(format);
  });
});
