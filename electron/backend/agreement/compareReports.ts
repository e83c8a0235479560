import type Database from 'better-sqlite3';
import type {
  AgreementEntryView,
  AgreementReportView,
  CoderRef,
  Comparison,
} from '../../../shared/contract/calibration';
import { codebookChanges } from './codebookChanges';
import { projectAgreementReport } from './projectReport';
import { readThresholds } from './thresholds';

// Two reports side by side (DESIGN §1.5 "compare prompt/codebook versions"): e.g. the
// consensus with AI configuration A, and with configuration B, on the same sample; or
// human coders under codebook version 1 and version 2. Per code, the lead's metric in
// each arm (between the arm's coders: Cohen's κ for two, Fleiss' for more) and the
// first AI coder's F1 against the reference, and B − A.

export interface Arm {
  label?: string;
  coders: readonly CoderRef[];
  sample?: string;
}

type Metric = 'cohen_kappa' | 'krippendorff_alpha' | 'gwet_ac1';

/** The metric's value in an entry; κ means Fleiss' κ when more than two coders rated the code. */
export function entryValue(e: AgreementEntryView, metric: Metric): number | null {
  if (metric === 'cohen_kappa' && e.n_coders > 2) return e.fleiss_kappa ?? null;
  return e[metric] ?? null;
}

function armSummary(report: AgreementReportView, label: string, metric: Metric) {
  return {
    label,
    coders: report.coders.map((c) => c.name),
    n_units: report.overall.n_units,
    overall: entryValue(report.overall, metric),
    codebook_versions: [...new Set(report.coders.flatMap((c) => c.codebook_versions))].sort((a, b) => a - b),
  };
}

/** Pure: the per-code table of two reports. */
export function compareReportViews(
  a: AgreementReportView,
  b: AgreementReportView,
  labels: [string, string],
  metric: Metric,
): Omit<Comparison, 'changed_codes'> {
  const f1Of = (r: AgreementReportView) =>
    new Map((r.ai_vs_reference[0]?.codes ?? []).map((c) => [c.code_id!, c.f1]));
  const side = (r: AgreementReportView) => {
    const f1 = f1Of(r);
    return new Map(
      r.codes.map((e) => [
        e.code_id!,
        { code: e.code!, value: entryValue(e, metric), f1: f1.get(e.code_id!) ?? null, n_units: e.n_units },
      ]),
    );
  };
  const sa = side(a);
  const sb = side(b);
  const keys = [...sa.keys(), ...[...sb.keys()].filter((k) => !sa.has(k))];
  const warnings: string[] = [];
  if (a.scope.segments !== b.scope.segments || a.scope.sample !== b.scope.sample)
    warnings.push(
      `the two sides rate different segments (${labels[0]}: ${a.scope.sample ? `sample "${a.scope.sample}"` : 'overlap'}, ${a.scope.segments}; ${labels[1]}: ${b.scope.sample ? `sample "${b.scope.sample}"` : 'overlap'}, ${b.scope.segments}): differences mix coders and segments`,
    );
  return {
    metric,
    a: armSummary(a, labels[0], metric),
    b: armSummary(b, labels[1], metric),
    codes: keys.map((k) => {
      const x = sa.get(k);
      const y = sb.get(k);
      const strip = (v: typeof x) => (v ? { value: v.value, f1: v.f1, n_units: v.n_units } : null);
      return {
        code: (y ?? x)!.code,
        code_id: k,
        a: strip(x),
        b: strip(y),
        difference: x?.value != null && y?.value != null ? y.value - x.value : null,
      };
    }),
    warnings: [
      ...warnings,
      ...a.warnings.map((w) => `${labels[0]}: ${w}`),
      ...b.warnings.map((w) => `${labels[1]}: ${w}`),
    ],
  };
}

export function compareArms(db: Database.Database, a: Arm, b: Arm): Comparison {
  const thresholds = readThresholds(db);
  const run = (arm: Arm) =>
    projectAgreementReport(db, { coders: arm.coders, sample: arm.sample, bootstrap: 0, seed: 1, thresholds });
  const ra = run(a);
  const rb = run(b);
  const label = (arm: Arm, r: AgreementReportView) => arm.label ?? r.coders.map((c) => c.name).join(' + ');
  const table = compareReportViews(
    ra.report,
    rb.report,
    [label(a, ra.report), label(b, rb.report)],
    thresholds.metric,
  );
  const versions = [...new Set([...ra.data.cube.versionIds, ...rb.data.cube.versionIds])];
  return { ...table, changed_codes: codebookChanges(db, versions) };
}
