// `concord schools select <data.csv> --outcome COL --predictors A,B,… [--id COL] [--year COL]
// [--district COL] [--top 0.2] [--bottom 0.5] [--years 2] [--json]` (DESIGN §4): which
// schools are bright spots and which their partners, from school-level data. The
// statistics live in shared/schools; this file reads the CSV and prints the result.
import { resolve } from 'node:path';
import { selectSchools, type SchoolRow, type SchoolSelection } from '../../../shared/schools/selectSchools';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { parseCsv, readText } from '../csvInput';

const usage =
  'concord schools select <data.csv> --outcome COL --predictors A,B,… [--id COL] [--year COL] [--district COL] [--top 0.2] [--bottom 0.5] [--years 2] [--json]';

function share(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1)
    throw new CliError(`--${name} must be a number between 0 and 1 (got "${value}")`);
  return n;
}

function readRows(
  file: string,
  path: string,
  columns: { id: string; year: string; district: string; outcome: string; predictors: string[] },
): SchoolRow[] {
  const [header, ...data] = parseCsv(file, readText(file, path));
  if (!header) throw new CliError(`${file}: empty file`);
  const names = header.record.map((h) => h.trim());
  const index = (column: string, flag: string) => {
    const i = names.indexOf(column);
    if (i < 0)
      throw new CliError(`${file}: no column "${column}" (${flag}); the columns are ${names.join(', ')}`);
    return i;
  };
  const iId = index(columns.id, '--id');
  const iYear = index(columns.year, '--year');
  const iDistrict = index(columns.district, '--district');
  const iOutcome = index(columns.outcome, '--outcome');
  const iPredictors = columns.predictors.map((p) => [p, index(p, '--predictors')] as const);
  if (data.length === 0) throw new CliError(`${file}: no data rows`);
  return data.map(({ record, info }, k) => {
    const cell = (i: number) => (record[i] ?? '').trim();
    if (!cell(iId)) throw new CliError(`${file} line ${info.lines}: no school id in "${columns.id}"`);
    if (!cell(iYear)) throw new CliError(`${file} line ${info.lines}: no year in "${columns.year}"`);
    return {
      row: k + 1,
      school: cell(iId),
      year: cell(iYear),
      district: cell(iDistrict),
      outcome: cell(iOutcome),
      predictors: Object.fromEntries(iPredictors.map(([p, i]) => [p, cell(i)])),
    };
  });
}

const fixed = (x: number | null, digits = 3) => (x === null ? '—' : x.toFixed(digits));

function summary(s: SchoolSelection): string {
  const lines = s.models.map(
    (m) =>
      `${m.year}: ${m.n} schools, R² ${fixed(m.r2)}${m.dropped.length ? `, ${m.dropped.length} row(s) dropped` : ''}`,
  );
  for (const m of s.models) for (const d of m.dropped) lines.push(`  ${m.year} row ${d.row}: ${d.reason}`);
  const count = (g: string) => s.selection.filter((x) => x.group === g).length;
  lines.push(
    '',
    `bright ${count('bright')}, partner ${count('partner')}, neither ${count('neither')} of ${s.selection.length} schools`,
  );
  lines.push(...s.pairs.map((p) => `  ${p.district}: ${p.bright} (bright) – ${p.partner} (partner)`));
  return `${lines.join('\n')}\n`;
}

export const schoolsSelectCommand: CliCommand = {
  name: 'schools select',
  summary: 'choose bright-spot and partner schools from school-level outcome data',
  usage: `Usage: ${usage}

For each year, regresses the outcome on the predictors (ordinary least squares; a
predictor whose values are not all numbers is categorical, one-hot encoded with its
first level in sorted order as the reference). A school's residual is actual −
expected; its percentile is the share of that year's schools with a smaller residual.
A school is bright when its percentile is ≥ 1 − top in each of the last \`years\` years,
partner when it is < bottom in each of them, else neither. Within each district, each
bright school is paired with the partner whose expected outcome is closest.

Rows without an outcome or a predictor value are dropped from their year's model
(listed with their 1-based data row). --id, --year and --district default to
school_id, year and district.

--json prints {"models":[{"year","n","r2","coefficients","dropped"}],"schools":[{"school_id",
"year","actual","expected","residual","percentile"}],"selection":[{"school_id","district",
"group"}],"pairs":[{"district","bright","partner"}]}.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      {
        outcome: { type: 'string' },
        predictors: { type: 'string' },
        id: { type: 'string' },
        year: { type: 'string' },
        district: { type: 'string' },
        top: { type: 'string' },
        bottom: { type: 'string' },
        years: { type: 'string' },
        json: { type: 'boolean' },
      },
      { min: 1, max: 1, usage },
    );
    const file = positionals[0] ?? '';
    if (!values.outcome) throw new CliError('--outcome COL is required (see concord schools select --help)');
    const predictors = (values.predictors ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (predictors.length === 0)
      throw new CliError('--predictors A,B,… is required (see concord schools select --help)');
    const years = values.years === undefined ? 2 : Number(values.years);
    if (!Number.isInteger(years) || years < 1)
      throw new CliError(`--years must be an integer ≥ 1 (got "${values.years}")`);
    const rows = readRows(file, resolve(io.cwd, file), {
      id: values.id ?? 'school_id',
      year: values.year ?? 'year',
      district: values.district ?? 'district',
      outcome: values.outcome,
      predictors,
    });
    const result = selectSchools(rows, {
      predictors,
      top: share(values.top, 'top', 0.2),
      bottom: share(values.bottom, 'bottom', 0.5),
      years,
    });
    io.stdout(values.json ? `${JSON.stringify(result)}\n` : summary(result));
    return 0;
  },
};

export const command = schoolsSelectCommand;
