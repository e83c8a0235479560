import { describe, expect, it } from 'vitest';
import {
  emptyDescribedCode,
  formatDescription,
  parseDescription,
  parseLayout,
  type DescribedCode,
} from '../../electron/backend/codebook/qdcDescription';

const d = (over: Partial<DescribedCode>): DescribedCode => ({ ...emptyDescribedCode(), ...over });

describe('the Description layout of .qdc codes', () => {
  const roundTrips: [string, DescribedCode][] = [
    ['nothing at all', d({})],
    ['a plain one-line definition', d({ definition: 'Staff contact a family first.' })],
    [
      'every field',
      d({
        definition: 'Def.',
        inclusion: 'In.',
        exclusion: 'Out.',
        positive: ['p1', 'p2'],
        negative: ['n1'],
        shortLabel: 'SL',
      }),
    ],
    [
      'multi-line values and blank lines inside them',
      d({ definition: 'First paragraph.\n\nSecond paragraph.', inclusion: 'a\n\n\nb' }),
    ],
    [
      'leading, trailing and inner whitespace',
      d({ definition: '  indented start', exclusion: 'ends with newline\n', shortLabel: ' x ' }),
    ],
    [
      'values that look like headings',
      d({
        definition: 'Definition: nested\nInclusion criteria: not a heading',
        inclusion: 'Short label: no',
      }),
    ],
    ['a definition that starts with a newline', d({ definition: '\nafter an empty first line' })],
    [
      'examples with line breaks, empty and dashed items',
      d({ positive: ['one\ntwo', '', '- dash', '  spaced'], negative: ['  -x', '\nlate start'] }),
    ],
    ['only examples', d({ negative: ['only a near miss'] })],
    ['markup and non-BMP characters', d({ definition: '<b>&amp;</b> "quotes" 📞 naïve', positive: ['😀'] })],
    ['a definition in our own layout', d({ definition: 'Definition: looks like ours' })],
    ['a whitespace-only definition', d({ definition: '   ' })],
  ];
  it.each(roundTrips)('round-trips %s exactly', (_name, fields) => {
    expect(parseDescription(formatDescription(fields))).toEqual(fields);
  });

  it('writes a code with only a definition as that plain text, so other tools see their own description', () => {
    expect(formatDescription(d({ definition: 'Families as equal partners.' }))).toBe(
      'Families as equal partners.',
    );
  });

  it('writes a readable block layout', () => {
    const text = formatDescription(
      d({ definition: 'Def line 1\nline 2', positive: ['ex'], shortLabel: 'S' }),
    );
    expect(text).toBe('Definition: Def line 1\n  line 2\n\nPositive examples:\n  - ex\n\nShort label: S');
  });

  it('reads any other description (ATLAS.ti, MAXQDA, NVivo, QualCoder) as the definition, trimmed', () => {
    expect(parseDescription('  A memo from another tool.\r\nSecond line.  ')).toEqual(
      d({ definition: 'A memo from another tool.\nSecond line.' }),
    );
    expect(parseDescription('Definition: x\nnot indented')).toEqual(
      d({ definition: 'Definition: x\nnot indented' }),
    );
    expect(parseLayout('Definition: a\n\nDefinition: b')).toBeNull();
  });

  it('tolerates blank lines a tool made of the indented empty lines', () => {
    expect(parseDescription('Definition: a\n\n  b\n\nShort label: s')).toEqual(
      d({ definition: 'a\n\nb', shortLabel: 's' }),
    );
  });
});
