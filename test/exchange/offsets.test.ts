import { describe, expect, it } from 'vitest';
import {
  codePointLength,
  codePointToUtf16Offset,
  OffsetMap,
  utf16ToCodePointOffset,
} from '../../electron/backend/exchange/codePointOffsets';
import { crlfOffsetMapper, segmentSource } from '../../electron/backend/exchange/segmentSource';

// "a🌟b👩🏽‍🏫c": 🌟 is one astral code point (2 UTF-16 units); 👩🏽‍🏫 is 👩 (astral) 🏽 (astral)
// ZWJ (BMP) 🏫 (astral): 4 code points, 7 units.
const TEXT = 'a🌟b👩🏽‍🏫c';

describe('code point ↔ UTF-16 offsets', () => {
  const table: [cp: number, u16: number][] = [
    [0, 0],
    [1, 1],
    [2, 3],
    [3, 4],
    [4, 6],
    [5, 8],
    [6, 9],
    [7, 11],
    [8, 12],
  ];
  it.each(table)('code point %i is UTF-16 offset %i', (cp, u16) => {
    expect(codePointToUtf16Offset(TEXT, cp)).toBe(u16);
    expect(utf16ToCodePointOffset(TEXT, u16)).toBe(cp);
    const map = new OffsetMap(TEXT);
    expect(map.toUtf16(cp)).toBe(u16);
    expect(map.toCodePoints(u16)).toBe(cp);
  });

  it('lengths, the end, and offsets that are not character boundaries', () => {
    expect(codePointLength(TEXT)).toBe([...TEXT].length);
    expect(codePointLength(TEXT)).toBe(8);
    expect(codePointToUtf16Offset(TEXT, 9)).toBeNull();
    expect(utf16ToCodePointOffset(TEXT, 2)).toBeNull(); // inside 🌟
    expect(new OffsetMap(TEXT).toCodePoints(2)).toBeNull();
    expect(new OffsetMap(TEXT).toUtf16(9)).toBeNull();
    expect(codePointToUtf16Offset(TEXT, -1)).toBeNull();
    // a lone surrogate counts as one code point, as [...text] does
    expect(codePointLength('x\uD83Dy')).toBe(3);
    expect(new OffsetMap('x\uD83Dy').toUtf16(2)).toBe(2);
  });

  it('agrees with [...text] on every boundary of a mixed text', () => {
    const text = 'Ødegård 🏠 𝒮pring 🇲🇽 done\r\nnext 🔥';
    const map = new OffsetMap(text);
    let u16 = 0;
    [...text].forEach((ch, cp) => {
      expect(map.toUtf16(cp)).toBe(u16);
      expect(map.toCodePoints(u16)).toBe(cp);
      u16 += ch.length;
    });
    expect(map.codePointLength).toBe([...text].length);
  });
});

describe('segmenting a source with CRLF line ends', () => {
  it('maps offsets of the LF-normalised text back onto the original', () => {
    const map = crlfOffsetMapper('a\r\nb\r\n\r\nc');
    // normalised "a\nb\n\nc"
    expect([0, 1, 2, 3, 4, 5, 6].map(map)).toEqual([0, 1, 3, 4, 6, 8, 9]);
  });

  it('segments hold exactly the text between their offsets', () => {
    const text = 'Interviewer: Hello 🌟 there.\r\nParent: We talk every week.\r\nInterviewer: Thanks.\r\n';
    const segments = segmentSource(text);
    expect(segments.map((s) => [s.speaker, s.text])).toEqual([
      ['Interviewer', 'Hello 🌟 there.'],
      ['Parent', 'We talk every week.'],
      ['Interviewer', 'Thanks.'],
    ]);
    for (const s of segments) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(segmentSource('  \r\n ')).toEqual([]);
  });
});
