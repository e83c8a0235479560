import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const tmp = useTmpDir();

// 12 schools in 3 districts over two years; locale is categorical (city sorts first: the reference)
function csv(dir: string): string {
  const lines = ['school_id,year,district,engagement,enrollment,locale'];
  const dev = [6, -4, 1, -5, 3, 7, -2, -6, 2, 5, -3, -1];
  for (const year of [2023, 2024])
    for (let i = 0; i < 12; i++) {
      const locale = ['rural', 'town', 'city'][i % 3];
      const enrollment = 200 + 37 * i;
      const outcome =
        i === 4 && year === 2024
          ? ''
          : String(
              50 + 0.01 * enrollment + (locale === 'city' ? 2 : 0) + dev[i]! * (year === 2024 ? 1.1 : 1),
            );
      lines.push(`S${i + 1},${year},D${(i % 3) + 1},${outcome},${enrollment},${locale}`);
    }
  const path = join(dir, 'schools.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('concord schools select', () => {
  it('prints models, residuals, the selection of every school and pairs as JSON', async () => {
    const dir = tmp();
    csv(dir);
    const r = await runCli(
      [
        'schools',
        'select',
        'schools.csv',
        '--outcome',
        'engagement',
        '--predictors',
        'enrollment,locale',
        '--json',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const j = r.json<{
      models: {
        year: number;
        n: number;
        r2: number;
        coefficients: Record<string, number>;
        dropped: { row: number; reason: string }[];
      }[];
      schools: {
        school_id: string;
        year: number;
        actual: number;
        expected: number;
        residual: number;
        percentile: number;
      }[];
      selection: { school_id: string; district: string; group: string }[];
      pairs: { district: string; bright: string; partner: string }[];
    }>();
    expect(j.models.map((m) => [m.year, m.n])).toEqual([
      [2023, 12],
      [2024, 11],
    ]);
    expect(Object.keys(j.models[0]!.coefficients)).toEqual([
      '(intercept)',
      'enrollment',
      'locale=rural',
      'locale=town',
    ]);
    // the 2024 row of S5 (data row 17) has no outcome
    expect(j.models[1]!.dropped).toEqual([{ row: 17, reason: 'no outcome' }]);
    expect(j.selection).toHaveLength(12);
    for (const s of j.schools) expect(s.residual).toBeCloseTo(s.actual - s.expected, 9);
    expect(j.selection.find((s) => s.school_id === 'S5')!.group).toBe('neither');
    for (const p of j.pairs) {
      expect(j.selection.find((s) => s.school_id === p.bright)).toMatchObject({
        group: 'bright',
        district: p.district,
      });
      expect(j.selection.find((s) => s.school_id === p.partner)).toMatchObject({
        group: 'partner',
        district: p.district,
      });
    }
    const human = await runCli(
      ['schools', 'select', 'schools.csv', '--outcome', 'engagement', '--predictors', 'enrollment,locale'],
      dir,
    );
    expect(human.stdout).toMatch(/^2023: 12 schools, R² 0\.\d{3}/);
    expect(human.stdout).toMatch(/2024 row 17: no outcome/);
  });

  it('refuses a missing file, an unknown column and bad options with one-line errors', async () => {
    const dir = tmp();
    csv(dir);
    const fail = async (...argv: string[]) => {
      const r = await runCli(['schools', 'select', ...argv], dir);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      return r.stderr;
    };
    expect(await fail('nope.csv', '--outcome', 'engagement', '--predictors', 'enrollment', '--json')).toMatch(
      /no such file/,
    );
    expect(await fail('schools.csv', '--outcome', 'no_such', '--predictors', 'enrollment', '--json')).toMatch(
      /no column "no_such"/,
    );
    expect(await fail('schools.csv', '--outcome', 'engagement', '--json')).toMatch(/--predictors/);
    expect(
      await fail('schools.csv', '--outcome', 'engagement', '--predictors', 'enrollment', '--top', '1.5'),
    ).toMatch(/--top/);
    expect(
      await fail('schools.csv', '--outcome', 'engagement', '--predictors', 'enrollment', '--years', '0'),
    ).toMatch(/--years/);
  });
});
