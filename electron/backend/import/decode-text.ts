import { analyse } from 'chardet';
import { ImportFileError } from './types';

// Turns a transcript file's bytes into text, or says in one phrase why it cannot.
// Order matters: a byte-order mark is the strongest evidence, then the NUL-byte pattern
// that only UTF-16 explains, then strict UTF-8 (which almost never validates by accident),
// and only then chardet's statistical guess for legacy code pages.

export interface DecodedText {
  text: string;
  /** WHATWG name of the encoding used, e.g. 'utf-8', 'utf-16le', 'windows-1252' */
  encoding: string;
}

const EMPTY = 'file is empty';
const BINARY = 'binary file (not text)';

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportFileError(EMPTY);
  const decoded = decodeBytes(bytes);
  const text = decoded.text.replace(/\r\n?/g, '\n');
  if (!/\S/u.test(text)) throw new ImportFileError(EMPTY);
  rejectNonText(text, decoded.encoding);
  return { text, encoding: decoded.encoding };
}

function decodeBytes(bytes: Uint8Array): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) return decodeLenient('utf-8', bytes.subarray(3));
  if (
    (b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0) ||
    (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)
  ) {
    throw new ImportFileError('UTF-32 text is not supported (save the file as UTF-8)');
  }
  if (b0 === 0xff && b1 === 0xfe) return decodeLenient('utf-16le', bytes.subarray(2));
  if (b0 === 0xfe && b1 === 0xff) return decodeLenient('utf-16be', bytes.subarray(2));

  const nul = nulBytePattern(bytes);
  if (nul.total > 0) {
    const utf16 = nul.utf16 && decodeStrict(nul.utf16, bytes);
    if (!utf16) throw new ImportFileError(BINARY);
    return utf16;
  }

  const utf8 = decodeStrict('utf-8', bytes);
  if (utf8) return utf8;

  for (const label of legacyCandidates(bytes)) {
    const result = decodeStrict(label, bytes);
    if (result) return result;
  }
  throw new ImportFileError('unrecognised text encoding (save the file as UTF-8)');
}

/**
 * Plain-Latin text in UTF-16 has a NUL in every other byte (the high byte of each code
 * unit), on the odd positions for little-endian and the even ones for big-endian. Any
 * other NUL byte means the file is not text.
 */
function nulBytePattern(bytes: Uint8Array): { total: number; utf16: 'utf-16le' | 'utf-16be' | null } {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const units = Math.floor(bytes.length / 2);
  const total = even + odd;
  let utf16: 'utf-16le' | 'utf-16be' | null = null;
  if (units > 0 && bytes.length % 2 === 0) {
    if (odd >= units * 0.3 && even <= units * 0.02) utf16 = 'utf-16le';
    else if (even >= units * 0.3 && odd <= units * 0.02) utf16 = 'utf-16be';
  }
  return { total, utf16 };
}

// Legacy single-byte encodings chardet cannot tell apart on short texts. The study's
// interviews are English and Spanish, and windows-1252 is a superset of ISO-8859-1, so
// when chardet rates it close to a Central European or Baltic code page (which decode
// á, é, í, ó, ú the same but turn ñ and ¿ into other letters) we prefer it.
const WESTERN = new Set(['windows-1252', 'ISO-8859-1']);
const NEAR_WESTERN = new Set([
  'windows-1250',
  'ISO-8859-2',
  'windows-1257',
  'windows-1254',
  'ISO-8859-9',
  'windows-1258',
]);

function legacyCandidates(bytes: Uint8Array): string[] {
  const matches = analyse(chardetSample(bytes)).filter((m) => m.name !== 'UTF-8' && m.confidence > 0);
  const top = matches[0];
  const western = matches.find((m) => WESTERN.has(m.name));
  const ordered =
    top && western && NEAR_WESTERN.has(top.name) && western.confidence * 2 >= top.confidence
      ? [western, ...matches.filter((m) => m !== western)]
      : matches;
  // windows-1252 decodes every byte, so it is the last resort when chardet has no idea.
  return [...ordered.map((m) => m.name), 'windows-1252'];
}

// chardet reads every byte it is given (seconds for a 10 MB file); its statistics settle
// long before that. The sample keeps the start of the file and the neighbourhood of the
// first non-ASCII bytes, which are the only ones that tell code pages apart.
const SAMPLE_BYTES = 64 * 1024;
const CONTEXT_BYTES = 256;

function chardetSample(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SAMPLE_BYTES) return bytes;
  const head = SAMPLE_BYTES / 4;
  const parts: Uint8Array[] = [bytes.subarray(0, head)];
  let size = head;
  let covered = head;
  for (let i = head; i < bytes.length && size < SAMPLE_BYTES; i++) {
    if ((bytes[i] ?? 0) < 0x80 || i < covered) continue;
    const from = Math.max(covered, i - CONTEXT_BYTES / 2);
    const to = Math.min(bytes.length, i + CONTEXT_BYTES / 2);
    parts.push(bytes.subarray(from, to));
    size += to - from;
    covered = to;
  }
  const sample = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    sample.set(part, at);
    at += part.length;
  }
  return sample;
}

function decoderFor(label: string, fatal: boolean): TextDecoder | null {
  try {
    const decoder = new TextDecoder(label, { fatal });
    // WHATWG maps a few unsafe labels (ISO-2022-KR, ...) to "replacement": not a real decode.
    return decoder.encoding === 'replacement' ? null : decoder;
  } catch {
    return null; // label not supported by this runtime (UTF-32, ISO-2022-CN, ...)
  }
}

function decodeStrict(label: string, bytes: Uint8Array): DecodedText | null {
  const decoder = decoderFor(label, true);
  if (!decoder) return null;
  try {
    return { text: fixWindows1252(decoder.decode(bytes), decoder.encoding), encoding: decoder.encoding };
  } catch {
    return null;
  }
}

// After a byte-order mark the encoding is certain; a stray bad byte becomes U+FFFD rather
// than costing the user the whole interview (the binary check still catches garbage).
function decodeLenient(label: string, bytes: Uint8Array): DecodedText {
  const decoder = decoderFor(label, false);
  if (!decoder) throw new ImportFileError(`unsupported text encoding ${label}`);
  return { text: fixWindows1252(decoder.decode(bytes), decoder.encoding), encoding: decoder.encoding };
}

// Node 20's TextDecoder decodes 'windows-1252' (and its aliases 'iso-8859-1', 'ascii') as
// ISO-8859-1, turning the curly quotes and dashes of every Word-typed transcript into
// invisible C1 controls. Mapping 0x80–0x9F ourselves is right with and without that bug.
// The five bytes windows-1252 leaves undefined stay C1 controls, as the WHATWG table has it.
const WINDOWS_1252_C1 = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function fixWindows1252(text: string, encoding: string): string {
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}

/**
 * Text files have (almost) no control characters, decoded binaries about one in ten; a
 * file with a byte-order mark but invalid content shows up as U+FFFD replacements.
 */
function rejectNonText(text: string, encoding: string): void {
  let controls = 0;
  let replaced = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c) || (c >= 0x7f && c <= 0x9f))
      controls++;
    else if (c === 0xfffd) replaced++;
  }
  const limit = text.length * 0.01;
  if (controls > limit) throw new ImportFileError(BINARY);
  if (replaced > limit) throw new ImportFileError(`undecodable text (not valid ${encoding.toUpperCase()})`);
}
