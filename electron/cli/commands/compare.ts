import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  COMPARE_LABEL_SOURCES,
  COMPARE_LEVELS,
  type CompareLabelSource,
  type CompareLevel,
  type CompareResult,
} from '../../../shared/contract/compare';
import { runComparison, runEachVsRest } from '../../backend/compare/runComparison';
import { comparisonTable } from '../../backend/exports/comparisonTable';
import { toCsv } from '../../backend/exports/csvFormat';
import { oneOf, parseCommandArgs } from '../args';
import type { CliCommand } from '../command';
import { withProject } from './projectFile';

const usage =
  'concord compare <file.concord> --by ATTR [--level segment|document|school] [--source human|ai|all] [--a V] [--b V] [--rest] [--school-attribute ATTR] [--breakdown ATTR[,ATTR]] [--rollup] [--json | --csv F]';

const pct = (p: number | null) => (p === null ? '—' : `${(100 * p).toFixed(1)}%`);
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));
const pv = (p: number) => (p < 0.0001 ? p.toExponential(1) : p.toFixed(4));

function formatResult(r: CompareResult): string {
  const head = ['code', `${r.a}`, '', `${r.b}`, '', 'RR [95% CI]', 'p', 'q'];
  const rows = r.codes.map((c) => [
    c.code,
    `${c.count_a}/${c.total_a}`,
    pct(c.prop_a),
    `${c.count_b}/${c.total_b}`,
    pct(c.prop_b),
    c.risk_ratio_ci95
      ? `${num(c.risk_ratio)} [${num(c.risk_ratio_ci95[0])}, ${num(c.risk_ratio_ci95[1])}]`
      : num(c.risk_ratio),
    pv(c.p_value),
    pv(c.q_value),
  ]);
  const all = [head, ...rows];
  const widths = head.map((_, j) => Math.max(...all.map((row) => row[j]!.length)));
  const lines = all.map((row) =>
    row.map((v, j) => (j === 0 ? v.padEnd(widths[j]!) : v.padStart(widths[j]!))).join('  '),
  );
  return [
    `${r.by}: "${r.a}" (${r.groups.a.documents} documents) vs "${r.b}" (${r.groups.b.documents} documents), ${r.level} level, ${r.source} labels`,
    '',
    ...lines,
    '',
    ...r.notes,
    r.inference.note,
    '',
  ].join('\n');
}

export const compareCommand: CliCommand = {
  name: 'compare',
  summary: 'compare code frequencies between two groups of documents',
  usage: `Usage: ${usage}

Compares how often each code occurs in two groups of documents, the groups being two
values of a document attribute (default: group). Levels: segment (share of segments
with the code), document (share of interviews mentioning it at least once; the default)
and school (share of schools; the school is the attribute named by --school-attribute,
default "school"). Per code: counts, proportions, rate per 1,000 words, difference and
risk ratio with 95% CIs, two-sided Fisher exact p and Benjamini–Hochberg q across codes.

An attribute with more than two values needs --a V --b V, or --a V --rest (V against all
other values), or --rest alone (each value against the rest).
--source chooses the labels: human, ai or all (default).
--breakdown role,pair repeats the comparison within each value of those attributes.
--rollup counts a code also where any of its subcodes was applied.

--json prints the shape of \`stats compare\` plus "by" and "level" (and group sizes,
notes, raw counts at every level); --csv F writes the comparison table to F.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      {
        by: { type: 'string' },
        level: { type: 'string' },
        source: { type: 'string' },
        a: { type: 'string' },
        b: { type: 'string' },
        rest: { type: 'boolean' },
        'school-attribute': { type: 'string' },
        breakdown: { type: 'string' },
        rollup: { type: 'boolean' },
        json: { type: 'boolean' },
        csv: { type: 'string' },
      },
      { min: 1, max: 1, usage },
    );
    const options = {
      by: values.by ?? 'group',
      level: oneOf<CompareLevel>(values.level, COMPARE_LEVELS, 'level'),
      source: oneOf<CompareLabelSource>(values.source, COMPARE_LABEL_SOURCES, 'source'),
      schoolAttribute: values['school-attribute'],
      rollup: values.rollup,
      breakdowns: values.breakdown
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    };
    const eachVsRest = values.rest && values.a === undefined && values.b === undefined;
    const results = await withProject(positionals[0]!, io.cwd, (p) =>
      eachVsRest
        ? runEachVsRest(p.db, options)
        : [runComparison(p.db, { ...options, a: values.a, b: values.b, rest: values.rest })],
    );
    if (values.csv) writeFileSync(resolve(io.cwd, values.csv), toCsv(comparisonTable(results)));
    if (values.json) {
      const doc = eachVsRest
        ? { by: options.by, level: results[0]?.level ?? options.level ?? 'document', comparisons: results }
        : results[0];
      io.stdout(`${JSON.stringify(doc)}\n`);
    } else if (!values.csv) {
      io.stdout(results.map(formatResult).join('\n'));
    }
    return 0;
  },
};
