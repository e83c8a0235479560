import { afterEach, describe, expect, it } from 'vitest';
import { runComparison, runEachVsRest } from '../../electron/backend/compare/runComparison';
import { comparisonExcerpts } from '../../electron/backend/compare/excerpts';
import type { CompareRow } from '../../shared/contract/compare';
import { useTmpDir } from '../helpers/tmp';
import { createSmallStudy, type SmallStudy } from './smallStudy';

// Expected values worked out by hand from smallStudy.ts (hypergeometric tables written
// out in full; BH as R's p.adjust): see the comments next to each number.

const tmp = useTmpDir();
let study: SmallStudy | null = null;
afterEach(() => {
  study?.project.close();
  study = null;
});
const open = (labels = true) => (study = createSmallStudy(tmp(), labels));
const row = (rows: CompareRow[], key: string) => rows.find((r) => r.code_id === key)!;

describe('compare: counts at three levels (hand-checked)', () => {
  it('segment level: shares of segments, Fisher p and BH q', () => {
    const r = runComparison(open().project.db, { by: 'group', level: 'segment' });
    expect([r.a, r.b]).toEqual(['bright', 'partner']);
    expect(r.groups.a).toMatchObject({ documents: 3, segments: 12, schools: 2, words: 300 });
    const outreach = row(r.codes, 'outreach');
    expect([outreach.count_a, outreach.total_a, outreach.count_b, outreach.total_b]).toEqual([3, 12, 1, 12]);
    // d1 s0 coded by ana and ben counts once
    expect(outreach.segments_a).toBe(3);
    expect(outreach.risk_ratio).toBeCloseTo(3, 12);
    // P(X=k) ∝ C(12,k)C(12,4−k): 495, 2640, 4356, 2640, 495 of 10626; observed k = 3
    expect(outreach.p_value).toBeCloseTo(6270 / 10626, 12);
    // p-values ascending: strong, barriers, home visits, outreach, never → outreach's q = 5/4 p
    expect(outreach.q_value).toBeCloseTo((5 / 4) * (6270 / 10626), 12);
    const barriers = row(r.codes, 'barriers');
    expect([barriers.count_a, barriers.count_b]).toEqual([1, 4]);
    expect(barriers.risk_ratio).toBeCloseTo(0.25, 12);
    expect(barriers.p_value).toBeCloseTo(13464 / 42504, 12);
    expect(barriers.q_value).toBeCloseTo((5 / 4) * (6270 / 10626), 12);
    const home = row(r.codes, 'home-visits');
    expect([home.count_a, home.count_b]).toEqual([2, 0]);
    expect(home.p_value).toBeCloseTo(132 / 276, 12);
    expect(home.risk_ratio).toBeNull();
    const strong = row(r.codes, 'strong');
    expect(strong.p_value).toBeCloseTo(2 / 2704156, 15);
    expect(strong.q_value).toBeCloseTo(10 / 2704156, 15);
    expect(strong.per_1000_words_a).toBeCloseTo(40, 12);
    const never = row(r.codes, 'never');
    expect([never.count_a, never.count_b, never.p_value, never.q_value]).toEqual([0, 0, 1, 1]);
    expect(never.risk_ratio).toBeNull();
    expect(r.notes.join(' ')).toMatch(/not independent/);
  });

  it('document level: interviews mentioning the code at least once', () => {
    const r = runComparison(open().project.db, { by: 'group' });
    expect(r.level).toBe('document');
    const counts = Object.fromEntries(
      r.codes.map((c) => [c.code_id, [c.count_a, c.total_a, c.count_b, c.total_b]]),
    );
    expect(counts).toEqual({
      outreach: [2, 3, 1, 3],
      'home-visits': [2, 3, 0, 3],
      barriers: [1, 3, 3, 3],
      never: [0, 3, 0, 3],
      strong: [3, 3, 0, 3],
    });
    // [[1,2],[3,0]]: P = 3/15, 9/15, 3/15 → p = 6/15; [[3,0],[0,3]]: p = 2/20
    expect(row(r.codes, 'barriers').p_value).toBeCloseTo(0.4, 12);
    expect(row(r.codes, 'strong').p_value).toBeCloseTo(0.1, 12);
    expect(row(r.codes, 'outreach').p_value).toBeCloseTo(1, 12);
    // BH: 0.1·5 = 0.5; 0.4·5/3 for both ties; the rest 1
    expect(row(r.codes, 'strong').q_value).toBeCloseTo(0.5, 12);
    expect(row(r.codes, 'barriers').q_value).toBeCloseTo(2 / 3, 12);
    expect(row(r.codes, 'home-visits').q_value).toBeCloseTo(2 / 3, 12);
    expect(r.inference.recommended_level).toBe('school');
    expect(r.inference.note).toMatch(/school/);
  });

  it('school level: schools with the code in any of their interviews', () => {
    const r = runComparison(open().project.db, { by: 'group', level: 'school' });
    expect(r.groups.a.schools).toBe(2);
    const counts = Object.fromEntries(r.codes.map((c) => [c.code_id, [c.count_a, c.count_b]]));
    expect(counts).toEqual({
      outreach: [2, 1],
      'home-visits': [1, 0],
      barriers: [1, 2],
      never: [0, 0],
      strong: [2, 0],
    });
    expect(row(r.codes, 'strong').p_value).toBeCloseTo(2 / 6, 12);
    expect(r.notes.some((n) => /only 2 schools/.test(n))).toBe(true);
  });

  it('label source: human only leaves out the AI labels', () => {
    const r = runComparison(open().project.db, { by: 'group', source: 'human' });
    expect([row(r.codes, 'outreach').count_a, row(r.codes, 'barriers').count_a]).toEqual([1, 0]);
    const ai = runComparison(study!.project.db, { by: 'group', source: 'ai', level: 'segment' });
    expect([
      row(ai.codes, 'outreach').count_a,
      row(ai.codes, 'barriers').count_a,
      row(ai.codes, 'strong').count_a,
    ]).toEqual([1, 1, 0]);
  });

  it('a and b choose the order; rest compares one value with all others', () => {
    const db = open().project.db;
    const r = runComparison(db, { by: 'group', a: 'partner' });
    expect([r.a, r.b, row(r.codes, 'barriers').count_a]).toEqual(['partner', 'bright', 3]);
    const rest = runComparison(db, { by: 'pair', a: 'P2', rest: true, level: 'segment' });
    expect([rest.a, rest.b, rest.groups.b.documents]).toEqual(['P2', 'not P2', 4]);
    const each = runEachVsRest(db, { by: 'role' });
    expect(each.map((e) => e.a)).toEqual(['family', 'teacher']);
  });

  it('breakdowns by role and by pair compare within each stratum', () => {
    const r = runComparison(open().project.db, { by: 'group', breakdowns: ['role', 'pair'] });
    const role = r.breakdowns.find((b) => b.attribute === 'role')!;
    expect(role.strata.map((s) => s.value)).toEqual(['family', 'teacher']);
    const teacher = role.strata.find((s) => s.value === 'teacher')!;
    expect([teacher.groups.a.documents, teacher.groups.b.documents]).toEqual([2, 2]);
    expect([row(teacher.codes, 'outreach').count_a, row(teacher.codes, 'outreach').count_b]).toEqual([2, 1]);
    const pair = r.breakdowns.find((b) => b.attribute === 'pair')!;
    expect(pair.strata.map((s) => [s.value, s.groups.a.documents, s.groups.b.documents])).toEqual([
      ['P1', 2, 2],
      ['P2', 1, 1],
    ]);
  });

  it('roll-up: a parent code also counts where its subcodes were applied', () => {
    const db = open().project.db;
    const seg = runComparison(db, { by: 'group', level: 'segment', rollup: true });
    // Outreach: d1s0, d1s2, d3s1 and Home visits (its subcode): d2s3, d1s0 again → 4
    expect([row(seg.codes, 'outreach').count_a, row(seg.codes, 'outreach').count_b]).toEqual([4, 1]);
    expect(row(seg.codes, 'home-visits').count_a).toBe(2);
    const doc = runComparison(db, { by: 'group', rollup: true });
    expect(row(doc.codes, 'outreach').count_a).toBe(3);
    expect(doc.rollup).toBe(true);
    const cell = comparisonExcerpts(db, {
      by: 'group',
      code: 'outreach',
      group: 'a',
      rollup: true,
      level: 'segment',
    });
    expect(cell.total).toBe(4);
  });

  it('codes never applied are listed with p = 1 when there are no labels at all', () => {
    const r = runComparison(open(false).project.db, { by: 'group' });
    expect(r.codes).toHaveLength(5);
    expect(r.codes.every((c) => c.p_value === 1 && c.q_value === 1 && c.count_a === 0)).toBe(true);
    expect(r.notes.join(' ')).toMatch(/No labels/);
  });

  it('bad requests: unknown attribute, a value no document has, more than two values, one value', () => {
    const db = open().project.db;
    expect(() => runComparison(db, { by: 'colour' })).toThrow(
      /no document has the attribute "colour".*group/,
    );
    expect(() => runComparison(db, { by: 'group', a: 'bright', b: 'nowhere' })).toThrow(
      /no document has group = "nowhere".*empty/,
    );
    db.prepare(
      "UPDATE document_attributes SET value = 'other' WHERE name = 'group' AND document_id = (SELECT id FROM documents WHERE name = 'd6')",
    ).run();
    expect(() => runComparison(db, { by: 'group' })).toThrow(
      /3 values \("bright", "other", "partner"\).*--a and --b/,
    );
    expect(runComparison(db, { by: 'group', a: 'bright', b: 'partner' }).groups.b.documents).toBe(2);
    db.prepare("UPDATE document_attributes SET value = 'x' WHERE name = 'group'").run();
    expect(() => runComparison(db, { by: 'group' })).toThrow(/only one value/);
    expect(() => runComparison(db, { by: 'group', breakdowns: ['nothing'] })).toThrow();
  });

  it('excerpts: the segments behind a cell, with coders and evidence spans', () => {
    const s = open();
    const cell = comparisonExcerpts(s.project.db, { by: 'group', code: 'home-visits', group: 'a' });
    expect(cell.total).toBe(2);
    expect(cell.excerpts.map((e) => [e.document, e.index, e.coders])).toEqual([
      ['d1', 0, ['ben']],
      ['d2', 3, ['ben']],
    ]);
    const first = cell.excerpts[0]!;
    expect(first.highlights).toHaveLength(1);
    expect(first.text.slice(first.highlights[0]!.start, first.highlights[0]!.end)).toBe('hello');
    const human = comparisonExcerpts(s.project.db, {
      by: 'group',
      code: 'outreach',
      group: 'a',
      source: 'human',
      limit: 1,
    });
    expect([human.total, human.excerpts.length, human.excerpts[0]!.coders]).toEqual([2, 1, ['ana', 'ben']]);
    expect(() => comparisonExcerpts(s.project.db, { by: 'group', code: 'nope', group: 'a' })).toThrow(
      /no code/,
    );
  });
});
