import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../shared/compare/benjaminiHochberg';
import { compareCodes } from '../../shared/compare/compareCodes';
import type { CodeCountRow } from '../../shared/compare/countRows';
import { findCountRowProblem } from '../../shared/compare/countRows';
import { fisherExactTwoSided } from '../../shared/compare/fisher';

const STUDY: [string, [number, number], [number, number]][] = [
  ['outreach', [12, 40], [25, 38]],
  ['home visits', [0, 40], [6, 38]],
  ['translation', [5, 40], [0, 38]],
  ['never used', [0, 40], [0, 38]],
  ['mentoring', [7, 40], [9, 38]],
];
const rows: CodeCountRow[] = STUDY.flatMap(([code, [ca, ta], [cb, tb]]) => [
  { code, group: 'partner', count: ca, total: ta },
  { code, group: 'bright', count: cb, total: tb },
]);

describe('compareCodes', () => {
  const report = compareCodes(rows);
  const by = Object.fromEntries(report.codes.map((r) => [r.code, r]));

  it('lists codes in input order with groups in order of first appearance and counts echoed', () => {
    expect(report.codes.map((r) => r.code)).toEqual(STUDY.map(([c]) => c));
    for (const [code, [ca, ta], [cb, tb]] of STUDY) {
      expect(by[code]).toMatchObject({
        a: 'partner',
        b: 'bright',
        count_a: ca,
        total_a: ta,
        count_b: cb,
        total_b: tb,
      });
      expect(by[code]?.prop_a).toBeCloseTo(ca / ta, 15);
      expect(by[code]?.prop_b).toBeCloseTo(cb / tb, 15);
    }
  });

  it('uses Fisher exact p for every code and BH across all of them, the never-used code included', () => {
    const p = STUDY.map(([, [ca, ta], [cb, tb]]) =>
      fisherExactTwoSided([
        [ca, ta - ca],
        [cb, tb - cb],
      ]),
    );
    expect(report.codes.map((r) => r.p_value)).toEqual(p);
    expect(report.codes.map((r) => r.q_value)).toEqual(benjaminiHochberg(p));
    expect(by['never used']?.p_value).toBe(1);
    expect(by['never used']?.q_value).toBe(1);
  });

  it('applies the zero rules of DESIGN §4 to the risk ratio', () => {
    expect(by['home visits']?.risk_ratio).toBe(0);
    const ci = by['home visits']?.risk_ratio_ci95;
    expect(ci?.[0]).toBe(0);
    expect(ci?.[1]).toBeGreaterThan(0);
    expect(by.translation?.risk_ratio).toBeNull();
    expect(by.translation?.risk_ratio_ci95).toBeNull();
    expect(by['never used']?.risk_ratio).toBeNull();
    expect(by['never used']?.risk_ratio_ci95).toBeNull();
    expect(by.outreach?.risk_ratio).toBeCloseTo(0.456, 12);
  });

  it('adds the difference with its CI and warnings', () => {
    expect(by.outreach?.difference).toBeCloseTo(12 / 40 - 25 / 38, 15);
    expect(by.outreach?.warnings).toEqual([]);
    expect(by['home visits']?.warnings).toEqual(['expected_count_below_5', 'zero_count_a']);
    expect(by.translation?.warnings).toEqual(['expected_count_below_5', 'zero_count_b']);
    expect(by['never used']?.warnings).toEqual(['expected_count_below_5', 'not_applied']);
  });

  it('never emits NaN or Infinity', () => {
    const text = JSON.stringify(report);
    expect(text).not.toMatch(/NaN|Infinity/);
    for (const row of report.codes)
      for (const v of Object.values(row)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });

  it('handles an empty group (total 0) with null proportions', () => {
    const r = compareCodes([
      { code: 'x', group: 'a', count: 0, total: 0 },
      { code: 'x', group: 'b', count: 3, total: 10 },
    ]).codes[0];
    expect(r).toMatchObject({
      prop_a: null,
      prop_b: 0.3,
      risk_ratio: null,
      risk_ratio_ci95: null,
      difference: null,
      p_value: 1,
    });
    expect(r?.warnings).toContain('empty_group');
  });

  it('accepts the rows in any order; group a is still the first seen', () => {
    const shuffled = [rows[3], rows[0], rows[1], rows[2], ...rows.slice(4)] as CodeCountRow[];
    const r = compareCodes(shuffled);
    expect(r.codes[0]).toMatchObject({
      code: 'home visits',
      a: 'bright',
      b: 'partner',
      count_a: 6,
      count_b: 0,
    });
  });

  it('throws on input that cannot be compared', () => {
    expect(() => compareCodes([])).toThrow(RangeError);
    expect(() => compareCodes(rows.slice(0, 1))).toThrow(/only one group/);
  });
});

describe('findCountRowProblem', () => {
  const row = (code: string, group: string, count: number, total: number): CodeCountRow => ({
    code,
    group,
    count,
    total,
  });
  it('accepts valid rows', () => expect(findCountRowProblem(rows)).toBeNull());
  it.each([
    ['no rows', [], null, /no data rows/],
    ['count > total', [row('x', 'a', 5, 4), row('x', 'b', 1, 4)], 0, /count 5 is greater than total 4/],
    ['negative count', [row('x', 'a', 1, 4), row('x', 'b', -1, 4)], 1, /count -1/],
    ['non-integer total', [row('x', 'a', 1, 4.5), row('x', 'b', 1, 4)], 0, /total 4.5/],
    ['empty code', [row(' ', 'a', 1, 4)], 0, /empty code/],
    ['one group', [row('x', 'a', 1, 4), row('y', 'a', 1, 4)], null, /only one group/],
    ['three groups', [row('x', 'a', 1, 4), row('x', 'b', 1, 4), row('x', 'c', 1, 4)], 2, /third group "c"/],
    [
      'duplicate',
      [row('x', 'a', 1, 4), row('x', 'b', 1, 4), row('x', 'a', 2, 4)],
      2,
      /duplicate row for code "x" in group "a"/,
    ],
    [
      'code in one group',
      [row('x', 'a', 1, 4), row('x', 'b', 1, 4), row('y', 'b', 1, 4)],
      2,
      /code "y" has a row for group "b" but none for group "a"/,
    ],
  ] as [string, CodeCountRow[], number | null, RegExp][])('%s', (_, input, index, message) => {
    const problem = findCountRowProblem(input);
    expect(problem?.index).toBe(index);
    expect(problem?.message).toMatch(message);
  });
  it('points a duplicate at its first occurrence', () => {
    expect(
      findCountRowProblem([row('x', 'a', 1, 4), row('x', 'b', 1, 4), row('x', 'a', 2, 4)])?.firstIndex,
    ).toBe(0);
  });
});
