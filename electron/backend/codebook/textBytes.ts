import { UserError } from '../errors';

/**
 * Text of an exchange file (codebook, labels CSV): UTF-8, or UTF-16 with a BOM as some
 * Windows tools write. Anything else is refused rather than guessed, since a wrong
 * guess would silently change code names.
 */
export function decodeExchangeText(bytes: Uint8Array, what: string): string {
  if (bytes.length === 0) throw new UserError(`${what} is empty`);
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
      text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff)
      text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UserError(`${what} is not UTF-8 or UTF-16 text`);
  }
  if (text.includes('\u0000')) throw new UserError(`${what} looks like a binary file, not text`);
  if (!/\S/.test(text)) throw new UserError(`${what} is empty`);
  return text;
}
