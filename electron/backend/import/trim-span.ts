// Spans are trimmed in place (offsets move, the text does not), using the whitespace of
// String.prototype.trim so that a span's ends agree with what a reader sees.

export const isSpace = (c: number): boolean =>
  c === 0x20 ||
  (c >= 0x09 && c <= 0x0d) ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000 ||
  c === 0xfeff;

/** First offset in [from, to) that is not whitespace, or `to`. */
export function trimSpanStart(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** One past the last offset in [from, to) that is not whitespace, or `from`. */
export function trimSpanEnd(text: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}
