import { describe, expect, it } from 'vitest';
import { countWords } from '../../electron/backend/import/count-words';
import { parseTranscript } from '../../electron/backend/import/parse-transcript';
import { segmentTurns } from '../../electron/backend/import/segment-turns';
import type { ParsedDocument } from '../../electron/backend/import/types';
import { expectValidSegments } from './expect-spans';

const SENTENCES = [
  'We started the coffee hour three years ago because a mother asked for it.',
  'At first only four parents came, and most of them already volunteered.',
  '¿Y después? Después vinieron las familias que hablan español.',
  'Now the parents set the agenda, not us, and the principal only listens.',
  'Students write the invitations by hand, so families actually read them 🌟.',
];

const docOf = (text: string): ParsedDocument => parseTranscript(text, 'txt');

describe('segmentTurns', () => {
  it('gives one segment per turn, 0-based across the document, with times and words', () => {
    const text =
      '[00:00:05] Interviewer: How did it start?\n[00:00:09] Teacher Okafor: A mother asked.\nIt kept going.\n';
    const doc = docOf(text);
    const segments = segmentTurns(doc);
    expectValidSegments(doc, segments);
    const first = text.indexOf('How');
    const second = text.indexOf('A mother');
    expect(segments).toEqual([
      {
        index: 0,
        turnIndex: 0,
        speaker: 'Interviewer',
        start: first,
        end: first + 17,
        text: 'How did it start?',
        words: 4,
        timeStart: 5,
        timeEnd: 9,
      },
      {
        index: 1,
        turnIndex: 1,
        speaker: 'Teacher Okafor',
        start: second,
        end: second + 30,
        text: 'A mother asked.\nIt kept going.',
        words: 6,
        timeStart: 9,
        timeEnd: null,
      },
    ]);
  });

  it('splits a long turn at sentence boundaries, packing sentences up to maxChars', () => {
    const long = SENTENCES.join(' ');
    const doc = docOf(`Interviewer: Tell me about the coffee hour.\nTeacher Okafor: ${long}\n`);
    const segments = segmentTurns(doc, { maxChars: 160 });
    expectValidSegments(doc, segments);
    // greedy: "¿Y después?" still fits after the first two sentences (157 characters)
    expect(segments.map((s) => s.text)).toEqual([
      'Tell me about the coffee hour.',
      `${SENTENCES[0]} ${SENTENCES[1]} ¿Y después?`,
      `Después vinieron las familias que hablan español. ${SENTENCES[3]}`,
      SENTENCES[4],
    ]);
    expect(segments.every((s) => s.text.length <= 160)).toBe(true);
    expect(segments.slice(1).every((s) => s.turnIndex === 1 && s.speaker === 'Teacher Okafor')).toBe(true);

    // the default (1200) keeps the turn whole; a small limit gives about a sentence per segment
    expect(segmentTurns(doc)).toHaveLength(2);
    const perSentence = segmentTurns(doc, { maxChars: 80 });
    expectValidSegments(doc, perSentence);
    expect(perSentence.slice(1).map((s) => s.text)).toEqual(SENTENCES);
  });

  it('cuts a sentence longer than maxChars at the last whitespace before the limit', () => {
    const sentence =
      'and then the families who work the late shift at the cannery told us that the meetings should start after six because otherwise nobody can come';
    const doc = docOf(`Parent Reyes: ${sentence}.\n`);
    const segments = segmentTurns(doc, { maxChars: 50 });
    expectValidSegments(doc, segments);
    expect(segments.every((s) => s.text.length <= 50)).toBe(true);
    expect(segments.map((s) => s.text).join(' ')).toBe(`${sentence}.`);
    expect(segments[0]?.text).toBe('and then the families who work the late shift at');
  });

  it('cuts text without whitespace hard, never inside a surrogate pair', () => {
    const emoji = '😀'.repeat(30); // 60 UTF-16 units
    const doc = docOf(`Interviewer: ${emoji}\n`);
    const segments = segmentTurns(doc, { maxChars: 7 });
    expectValidSegments(doc, segments);
    expect(segments.map((s) => s.text).join('')).toBe(emoji);
    expect(segments.every((s) => s.text.length <= 7)).toBe(true);
  });

  it('handles a very long turn (windowed sentence detection) with exact offsets', () => {
    const long = Array.from(
      { length: 400 },
      (_, i) => `Sentence number ${i} is about families and schools.`,
    ).join(' ');
    const doc = docOf(`Principal Alvarez: ${long}\n`);
    const segments = segmentTurns(doc, { maxChars: 300 });
    expectValidSegments(doc, segments);
    expect(segments.every((s) => s.text.length <= 300 && /\.$/.test(s.text))).toBe(true);
    expect(segments.map((s) => s.text).join(' ')).toBe(long);
  });

  it('drops empty turns and trims spans given with surrounding whitespace', () => {
    const doc: ParsedDocument = {
      text: 'A:   padded   \nB:\n',
      turns: [
        { speaker: 'A', start: 2, end: 14, timeStart: null, timeEnd: null },
        { speaker: 'B', start: 17, end: 17, timeStart: null, timeEnd: null },
      ],
      warnings: [],
    };
    expect(segmentTurns(doc).map((s) => [s.start, s.end, s.text])).toEqual([[5, 11, 'padded']]);
  });
});

describe('countWords', () => {
  it.each([
    ['', 0],
    ['   \n ', 0],
    ['Every teacher calls two families a week.', 7],
    ["Don't stop; it's the parents' night.", 6],
    ['¿Cómo está usted? ¡Muy bien, señora!', 6],
    ['well-being, e-mail', 4],
    ['3.5 hours at 7:00 in the U.S.', 8], // 7 and 00 count apart, as Intl.Segmenter counts them
    ['Thanks 🌟 today 👨‍👩‍👧', 2],
    ['学校と家庭', 5],
    ['naïve café (decomposed: cafe\u0301)', 4],
  ])('%j -> %i', (text, words) => {
    expect(countWords(text)).toBe(words);
  });
});
