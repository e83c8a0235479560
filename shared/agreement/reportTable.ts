// The agreement report as a plain-text table for people (`stats agreement` without
// --json): one row per code and the pooled row, the bootstrap intervals below, then why
// each blank value is undefined.

import type { MetricName } from './agreementMetrics';
import type { AgreementEntry, AgreementReport } from './report';

const COLUMNS: readonly { readonly title: string; readonly metrics: readonly MetricName[] }[] = [
  { title: 'agree', metrics: ['percent_agreement'] },
  // one column for κ: Cohen's with two coders, Fleiss' with more (DESIGN §4)
  { title: 'kappa', metrics: ['cohen_kappa', 'fleiss_kappa'] },
  { title: 'alpha', metrics: ['krippendorff_alpha'] },
  { title: 'AC1', metrics: ['gwet_ac1'] },
  { title: 'BP', metrics: ['brennan_prediger'] },
  { title: 'pos.agr', metrics: ['positive_agreement'] },
  { title: 'neg.agr', metrics: ['negative_agreement'] },
];

const MAX_NAME = 40;
const BLANK = '—';

const nameOf = (e: AgreementEntry): string => {
  const name = e.code ?? 'overall (all codes)';
  return name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name;
};

// The metric a column shows for this entry: the first of its metrics the entry reports
// with a value, else the one that explains the blank (Fleiss' for > 2 coders).
function metricFor(e: AgreementEntry, metrics: readonly MetricName[]): MetricName {
  const reported = metrics.filter((m) => e.metricNames.includes(m));
  return reported.find((m) => e.metrics[m]?.value !== null) ?? reported[reported.length - 1] ?? metrics[0]!;
}

function grid(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows.map((r) =>
    r
      .map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!)))
      .join('  ')
      .trimEnd(),
  );
}

export function formatAgreementTable(report: AgreementReport): string {
  const entries = [...report.codes, report.overall];
  const out: string[] = [];
  const estimates = entries.map((e) => [
    nameOf(e),
    String(e.nUnits),
    String(e.nCoders),
    ...COLUMNS.map((col) => {
      const v = e.metrics[metricFor(e, col.metrics)]?.value ?? null;
      return v === null ? BLANK : v.toFixed(3);
    }),
  ]);
  out.push(...grid([['code', 'units', 'coders', ...COLUMNS.map((c) => c.title)], ...estimates]));

  if (report.bootstrap) {
    out.push(
      '',
      `95% bootstrap intervals (percentile, ${report.bootstrap.resamples} resamples of units, seed ${report.bootstrap.seed})`,
    );
    const intervals = entries.map((e) => [
      nameOf(e),
      ...COLUMNS.map((col) => {
        const iv = e.ci95?.[metricFor(e, col.metrics)] ?? null;
        return iv ? `${iv[0].toFixed(2)}–${iv[1].toFixed(2)}` : BLANK;
      }),
    ]);
    out.push(...grid([['code', ...COLUMNS.map((c) => c.title)], ...intervals]));
  }

  out.push('', "units: rated by at least two coders. kappa: Cohen's with two coders, Fleiss' with more.");
  const blanks: string[] = [];
  for (const e of entries)
    for (const col of COLUMNS) {
      const m = e.metrics[metricFor(e, col.metrics)];
      if (m && m.value === null) blanks.push(`  ${nameOf(e)}: ${col.title} — ${m.reason}`);
    }
  if (blanks.length) out.push(`${BLANK} = undefined:`, ...blanks);
  return `${out.join('\n')}\n`;
}
