// REFI-QDA counts text positions in Unicode code points; JavaScript strings (and so
// Concord's stored offsets) count UTF-16 code units. The two differ by one for every
// character outside the Basic Multilingual Plane (emoji, some names) before the offset.

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** Number of code points in `text` (a lone surrogate counts as one, as `[...text]` does). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    n++;
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
  }
  return n;
}

/** UTF-16 offset of code point `cp`; null when cp is past the end of the text. */
export function codePointToUtf16Offset(text: string, cp: number): number | null {
  if (!Number.isInteger(cp) || cp < 0) return null;
  let units = 0;
  for (let seen = 0; seen < cp; seen++) {
    if (units >= text.length) return null;
    units += isHighSurrogate(text.charCodeAt(units)) && isLowSurrogate(text.charCodeAt(units + 1)) ? 2 : 1;
  }
  return units;
}

/** Code-point offset of UTF-16 offset `u16`; null when it is past the end or splits a surrogate pair. */
export function utf16ToCodePointOffset(text: string, u16: number): number | null {
  if (!Number.isInteger(u16) || u16 < 0 || u16 > text.length) return null;
  if (
    u16 > 0 &&
    u16 < text.length &&
    isLowSurrogate(text.charCodeAt(u16)) &&
    isHighSurrogate(text.charCodeAt(u16 - 1))
  )
    return null;
  let cps = 0;
  for (let i = 0; i < u16; i++) {
    cps++;
    if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) i++;
  }
  return cps;
}

/**
 * Both conversions for one text in O(log n) each, for documents with many codings: the
 * UTF-16 positions of the astral characters are listed once and found by bisection.
 */
export class OffsetMap {
  /** UTF-16 offsets where a surrogate pair starts, ascending */
  private readonly astral: number[] = [];
  readonly utf16Length: number;
  readonly codePointLength: number;

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      if (isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))) {
        this.astral.push(i);
        i++;
      }
    }
    this.utf16Length = text.length;
    this.codePointLength = text.length - this.astral.length;
  }

  /** astral characters that start before UTF-16 offset u16 */
  private astralBeforeUtf16(u16: number): number {
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! < u16) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  toCodePoints(u16: number): number | null {
    if (!Number.isInteger(u16) || u16 < 0 || u16 > this.utf16Length) return null;
    const before = this.astralBeforeUtf16(u16);
    // u16 would point at the low half of a pair: not a character boundary
    if (before > 0 && this.astral[before - 1] === u16 - 1) return null;
    return u16 - before;
  }

  toUtf16(cp: number): number | null {
    if (!Number.isInteger(cp) || cp < 0 || cp > this.codePointLength) return null;
    // the k-th astral character (UTF-16 offset a_k) sits at code point a_k − k
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.astral[mid]! - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }
}
