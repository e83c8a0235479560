import { describe, expect, it } from 'vitest';
import { selectSchools, type SchoolRow } from '../../shared/schools/selectSchools';

// Ten schools over three years; the outcome is 40 + 0.02 · enrollment plus a deviation.
// Expected values are computed here with the closed-form simple regression, apart from
// the module's matrix algebra.
const ENROLLMENT = [310, 420, 505, 260, 640, 380, 720, 455, 590, 330];
const DISTRICT = ['north', 'north', 'north', 'south', 'south', 'south', 'east', 'east', 'east', 'east'];
const DEVIATION: Record<string, number[]> = {
  '2022': [9, -3, 1, 0, -2, 4, -6, 2, -1, -4],
  '2023': [-5, 8, -1, 3, -6, 0.5, 7, -2, 1, -4.5],
  '2024': [-4, 6, -2, 4, -5, 1, 9, -3, 0.5, -6.5],
};

function rows(): SchoolRow[] {
  const out: SchoolRow[] = [];
  for (const year of Object.keys(DEVIATION))
    ENROLLMENT.forEach((e, i) =>
      out.push({
        row: out.length + 1,
        school: `s${String(i + 1).padStart(2, '0')}`,
        year,
        district: DISTRICT[i]!,
        outcome: String(40 + 0.02 * e + DEVIATION[year]![i]!),
        predictors: { enrollment: String(e) },
      }),
    );
  return out;
}

/** Residuals of y on x by the textbook formulas: b = Sxy / Sxx, a = ȳ − b x̄. */
function simpleResiduals(x: number[], y: number[]): { expected: number[]; residual: number[] } {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  const b = x.reduce((s, v, i) => s + (v - mx) * (y[i]! - my), 0) / x.reduce((s, v) => s + (v - mx) ** 2, 0);
  const expected = x.map((v) => my - b * mx + b * v);
  return { expected, residual: y.map((v, i) => v - expected[i]!) };
}

const OPTIONS = { predictors: ['enrollment'], top: 0.2, bottom: 0.5, years: 2 };

describe('choosing bright-spot and partner schools', () => {
  it('fits each year, ranks residuals, and applies the top/bottom rule over the last two years', () => {
    const result = selectSchools(rows(), OPTIONS);
    expect(result.models.map((m) => [m.year, m.n, m.dropped])).toEqual([
      [2022, 10, []],
      [2023, 10, []],
      [2024, 10, []],
    ]);
    const percentile = new Map<string, number>();
    for (const year of Object.keys(DEVIATION)) {
      const y = ENROLLMENT.map((e, i) => 40 + 0.02 * e + DEVIATION[year]![i]!);
      const { expected, residual } = simpleResiduals(ENROLLMENT, y);
      const mine = result.schools.filter((s) => s.year === Number(year));
      mine.forEach((s, i) => {
        expect(s.school_id).toBe(`s${String(i + 1).padStart(2, '0')}`);
        expect(s.expected).toBeCloseTo(expected[i]!, 9);
        expect(s.residual).toBeCloseTo(residual[i]!, 9);
        const share = residual.filter((r) => r < residual[i]!).length / residual.length;
        expect(s.percentile).toBe(share);
        percentile.set(`${s.school_id}/${year}`, share);
      });
    }
    // by hand from the deviations: s07 and s02 lead 2023 and 2024, s01 led only 2022
    const group = Object.fromEntries(result.selection.map((s) => [s.school_id, s.group]));
    expect(group).toMatchObject({ s07: 'bright', s02: 'bright', s01: 'partner' });
    for (const s of result.selection) {
      const p = ['2023', '2024'].map((y) => percentile.get(`${s.school_id}/${y}`)!);
      const rule = p.every((x) => x >= 0.8) ? 'bright' : p.every((x) => x < 0.5) ? 'partner' : 'neither';
      expect(s.group).toBe(rule);
      expect(s.district).toBe(DISTRICT[Number(s.school_id.slice(1)) - 1]);
    }
    // each bright school gets the partner of its district with the closest expected outcome
    for (const pair of result.pairs) {
      expect(group[pair.bright]).toBe('bright');
      expect(group[pair.partner]).toBe('partner');
      expect(DISTRICT[Number(pair.bright.slice(1)) - 1]).toBe(pair.district);
      expect(DISTRICT[Number(pair.partner.slice(1)) - 1]).toBe(pair.district);
    }
    const context = (id: string) =>
      result.schools
        .filter((s) => s.school_id === id && s.year !== 2022)
        .reduce((sum, s) => sum + s.expected / 2, 0);
    const eastPartners = result.selection.filter((s) => s.district === 'east' && s.group === 'partner');
    const closest = [...eastPartners].sort(
      (a, b) =>
        Math.abs(context(a.school_id) - context('s07')) - Math.abs(context(b.school_id) - context('s07')),
    )[0]!;
    expect(result.pairs).toContainEqual({ district: 'east', bright: 's07', partner: closest.school_id });
  });

  it('drops rows without an outcome or predictor, one-hot encodes categories, and leaves schools without every recent year as neither', () => {
    const data = rows();
    data[13]!.outcome = ''; // s04 in 2023
    data[24]!.predictors.enrollment = '5O0'; // s05 in 2024: a typo, not a category
    data[25]!.predictors.enrollment = 'N/A'; // s06 in 2024: missing
    for (const r of data) r.predictors.locale = Number(r.school.slice(1)) % 2 ? 'town' : 'city';
    const result = selectSchools(data, { ...OPTIONS, predictors: ['enrollment', 'locale'] });
    const m2023 = result.models.find((m) => m.year === 2023)!;
    expect(m2023).toMatchObject({ n: 9, dropped: [{ row: 14, reason: 'no outcome' }] });
    expect(result.models.find((m) => m.year === 2024)!.dropped).toEqual([
      { row: 25, reason: 'enrollment "5O0" is not a number' },
      { row: 26, reason: 'no value for enrollment' },
    ]);
    // city sorts first: the reference level
    expect(Object.keys(m2023.coefficients)).toEqual(['(intercept)', 'enrollment', 'locale=town']);
    expect(result.selection.find((s) => s.school_id === 's04')!.group).toBe('neither');
    expect(result.selection.find((s) => s.school_id === 's05')!.group).toBe('neither');
    expect(result.selection.find((s) => s.school_id === 's06')!.group).toBe('neither');
    expect(result.schools.filter((s) => s.year === 2023)).toHaveLength(9);
  });

  it('keeps the first row of a school repeated within a year and drops the repeat', () => {
    const data = rows();
    data.push({ ...data[0]!, row: data.length + 1, outcome: '99' });
    const result = selectSchools(data, OPTIONS);
    expect(result.models[0]!.dropped).toEqual([
      { row: 31, reason: 'school s01 already has a row for 2022 (row 1)' },
    ]);
    expect(result.schools.find((s) => s.school_id === 's01' && s.year === 2022)!.actual).toBeCloseTo(
      40 + 0.02 * 310 + 9,
      12,
    );
  });
});
