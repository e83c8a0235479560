import type { AgreementEntryView, AgreementReportView } from '../../../shared/contract/calibration';
import type { CsvCell } from '../exports/csvFormat';

// The agreement table for R, Python and spreadsheets: one row per code (and the pooled
// row, code empty) for all coders together, then for every pair of coders, with each
// statistic, its 95% interval and each coder's prevalence. Pure: report in, rows out.

export const TABLE_METRICS = [
  'percent_agreement',
  'cohen_kappa',
  'fleiss_kappa',
  'krippendorff_alpha',
  'gwet_ac1',
  'brennan_prediger',
  'positive_agreement',
  'negative_agreement',
] as const;

export function agreementTableHeader(report: AgreementReportView): string[] {
  return [
    'comparison',
    'kind',
    'code',
    'code_id',
    'n_units',
    'n_coders',
    ...TABLE_METRICS,
    ...TABLE_METRICS.flatMap((m) => [`${m}_ci95_low`, `${m}_ci95_high`]),
    ...report.coders.map((c) => `prevalence:${c.name}`),
  ];
}

function entryRow(
  report: AgreementReportView,
  comparison: string,
  kind: string,
  e: AgreementEntryView,
): CsvCell[] {
  return [
    comparison,
    kind,
    e.code ?? '',
    e.code_id ?? '',
    e.n_units,
    e.n_coders,
    ...TABLE_METRICS.map((m) => e[m] ?? null),
    ...TABLE_METRICS.flatMap((m) => {
      const iv = e.ci95?.[m] ?? null;
      return iv ? [iv[0], iv[1]] : [null, null];
    }),
    ...report.coders.map((c) => e.prevalence[c.name] ?? null),
  ];
}

export function agreementTable(report: AgreementReportView): CsvCell[][] {
  const everyone = report.coders.map((c) => c.name).join(' + ');
  const rows: CsvCell[][] = [agreementTableHeader(report)];
  for (const e of [...report.codes, report.overall]) rows.push(entryRow(report, everyone, 'all', e));
  if (report.coders.length > 2)
    for (const p of report.pairs)
      for (const e of [...p.codes, p.overall]) rows.push(entryRow(report, `${p.a} + ${p.b}`, p.kind, e));
  return rows;
}

export const CLASSIFICATION_HEADER = [
  'ai_coder',
  'reference',
  'code',
  'code_id',
  'units',
  'true_positives',
  'false_positives',
  'false_negatives',
  'true_negatives',
  'precision',
  'recall',
  'f1',
  'f1_ci95_low',
  'f1_ci95_high',
];

export function classificationTable(report: AgreementReportView): CsvCell[][] {
  const rows: CsvCell[][] = [CLASSIFICATION_HEADER];
  for (const r of report.ai_vs_reference) {
    const ref = `${r.reference.kind}: ${r.reference.coders.join(' + ')}`;
    for (const c of [...r.codes, r.overall])
      rows.push([
        r.coder,
        ref,
        c.code ?? '',
        c.code_id ?? '',
        c.units,
        c.true_positives,
        c.false_positives,
        c.false_negatives,
        c.true_negatives,
        c.precision,
        c.recall,
        c.f1,
        c.f1_ci95?.[0] ?? null,
        c.f1_ci95?.[1] ?? null,
      ]);
  }
  return rows;
}

export const FLAGS_HEADER = [
  'code',
  'code_id',
  'status',
  'units_with_code',
  'human_human',
  'ai_coder',
  'ai_vs_humans',
  'ai_vs_reference',
  'ai_status',
  'reasons',
  'notes',
];

export function flagsTable(report: AgreementReportView): CsvCell[][] {
  const rows: CsvCell[][] = [FLAGS_HEADER];
  for (const f of report.flags.codes) {
    const base = [f.code, f.code_id, f.status, f.units_with_code, f.human_human];
    const notes = f.notes.join('; ');
    if (!f.ai.length) rows.push([...base, null, null, null, null, null, notes]);
    for (const a of f.ai)
      rows.push([...base, a.coder, a.vs_humans, a.vs_reference, a.status, a.reasons.join('; '), notes]);
  }
  return rows;
}
