// `concord stats compare <counts.csv> [--json]` (DESIGN §4): stateless comparison of code
// frequencies in two groups from a CSV `code,group,count,total`. The statistics live in
// shared/compare; this file reads and checks the CSV and prints the result.

import { resolve } from 'node:path';
import type {
  CodeComparison,
  CodeComparisonReport,
  CompareWarning,
} from '../../../shared/compare/compareCodes';
import { COMPARE_WARNINGS, compareCodes } from '../../../shared/compare/compareCodes';
import type { CodeCountRow } from '../../../shared/compare/countRows';
import { findCountRowProblem } from '../../../shared/compare/countRows';
import { parseCommandArgs } from '../args';
import type { CliCommand } from '../command';
import { CliError } from '../command';
import { parseCsv, readText } from '../csvInput';

const usage = 'concord stats compare <counts.csv> [--json]';
const COLUMNS = ['code', 'group', 'count', 'total'] as const;

function nonNegativeInteger(file: string, line: number, name: string, raw: string): number {
  const text = raw.trim();
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value))
    throw new CliError(`${file} line ${line}: ${name} "${raw}" is not a non-negative integer`);
  return value;
}

/** The CSV's rows with their line numbers, checked for everything a comparison needs. */
export function readCountRows(file: string, path: string): CodeCountRow[] {
  const records = parseCsv(file, readText(file, path));
  const [header, ...data] = records;
  if (!header) throw new CliError(`${file}: empty file; expected the header ${COLUMNS.join(',')}`);
  const names = header.record.map((h) => h.trim().toLowerCase());
  const index = COLUMNS.map((c) => names.indexOf(c));
  if (names.length !== COLUMNS.length || index.some((i) => i < 0))
    throw new CliError(`${file}: header is "${header.record.join(',')}", expected ${COLUMNS.join(',')}`);
  const [iCode, iGroup, iCount, iTotal] = index as [number, number, number, number];
  const lines = data.map((r) => r.info.lines);
  const rows = data.map(({ record, info }) => ({
    code: (record[iCode] ?? '').trim(),
    group: (record[iGroup] ?? '').trim(),
    count: nonNegativeInteger(file, info.lines, 'count', record[iCount] ?? ''),
    total: nonNegativeInteger(file, info.lines, 'total', record[iTotal] ?? ''),
  }));
  const problem = findCountRowProblem(rows);
  if (problem) {
    const where = problem.index === null ? file : `${file} line ${lines[problem.index]}`;
    const first = problem.firstIndex === undefined ? '' : ` (first on line ${lines[problem.firstIndex]})`;
    throw new CliError(`${where}: ${problem.message}${first}`);
  }
  return rows;
}

const percent = (p: number | null) => (p === null ? '—' : `${(100 * p).toFixed(1)}%`);
const ratio = (x: number | null) => (x === null ? '—' : x === 0 ? '0' : x.toPrecision(3));
const pValue = (p: number) => (p < 0.0001 ? p.toExponential(1) : p.toFixed(4));

function formatTable(report: CodeComparisonReport): string {
  const first = report.codes[0];
  if (!first) return 'no codes\n';
  const markers = Object.keys(COMPARE_WARNINGS) as CompareWarning[];
  const note = (row: CodeComparison) => row.warnings.map((w) => `[${markers.indexOf(w) + 1}]`).join('');
  const cells = report.codes.map((row) => [
    row.code,
    `${row.count_a}/${row.total_a}`,
    percent(row.prop_a),
    `${row.count_b}/${row.total_b}`,
    percent(row.prop_b),
    row.risk_ratio_ci95
      ? `${ratio(row.risk_ratio)} [${ratio(row.risk_ratio_ci95[0])}, ${ratio(row.risk_ratio_ci95[1])}]`
      : ratio(row.risk_ratio),
    pValue(row.p_value),
    pValue(row.q_value),
    note(row),
  ]);
  const head = [
    'code',
    `${first.a} (a)`,
    '',
    `${first.b} (b)`,
    '',
    'risk ratio a/b [95% CI]',
    'p (Fisher)',
    'q (BH)',
    '',
  ];
  const all = [head, ...cells];
  const widths = head.map((_, j) => Math.max(...all.map((r) => (r[j] ?? '').length)));
  const text = all.map((r) =>
    r
      .map((c, j) => (j === 0 ? c.padEnd(widths[j] ?? 0) : c.padStart(widths[j] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  const used = markers.filter((m) => report.codes.some((row) => row.warnings.includes(m)));
  const legend = used.map((m) => `[${markers.indexOf(m) + 1}] ${COMPARE_WARNINGS[m]}`);
  return `${[...text, ...(legend.length ? ['', ...legend] : [])].join('\n')}\n`;
}

export const statsCompareCommand: CliCommand = {
  name: 'stats compare',
  summary: 'compare code frequencies in two groups from a counts CSV',
  usage: `Usage: ${usage}

Input: a CSV (RFC 4180, UTF-8) with the header code,group,count,total: for each code
and group, the number of units with the code (count) out of all units (total).
Exactly two groups, every code in both; group a is the one listed first.

Per code: proportions, risk ratio a/b with a 95% CI (Katz log method; 0 when a has no
occurrence, null when b has none), difference a − b with a 95% CI (Newcombe hybrid
score), two-sided Fisher exact p (as R's fisher.test) and Benjamini–Hochberg q
across all codes (as R's p.adjust "BH").

--json prints {"codes":[{"code","a","b","count_a","total_a","count_b","total_b",
"prop_a","prop_b","risk_ratio","risk_ratio_ci95","difference","difference_ci95",
"p_value","q_value","warnings"}]}.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' } },
      { min: 1, max: 1, usage },
    );
    const file = positionals[0] ?? '';
    const report = compareCodes(readCountRows(file, resolve(io.cwd, file)));
    io.stdout(values.json ? `${JSON.stringify(report)}\n` : formatTable(report));
    return 0;
  },
};

export const command = statsCompareCommand;
