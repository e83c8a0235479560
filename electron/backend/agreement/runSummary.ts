import type { AgreementReportView, RunSummary } from '../../../shared/contract/calibration';

// What the agreement history keeps of a report: enough to chart agreement across
// iterations (per code and pooled, human–human beside each AI coder) without the
// pairs, intervals and drill-down, which are recomputed from the labels when needed.

const OVERALL_METRICS = [
  'percent_agreement',
  'cohen_kappa',
  'fleiss_kappa',
  'krippendorff_alpha',
  'gwet_ac1',
  'brennan_prediger',
  'positive_agreement',
] as const;

const mean = (xs: (number | null | undefined)[]): number | null => {
  const defined = xs.filter((x): x is number => typeof x === 'number');
  return defined.length ? defined.reduce((a, b) => a + b, 0) / defined.length : null;
};

/** Pooled over codes, per AI coder: the flags' comparisons on the pooled entries of the pairs. */
function pooledAi(report: AgreementReportView, metric: (typeof OVERALL_METRICS)[number]): RunSummary['ai'] {
  const role = new Map(report.coders.map((c) => [c.name, c.role]));
  const pooled = (a: string, b: string) =>
    report.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))?.overall[metric] ?? null;
  const humans = report.coders.filter((c) => c.role === 'human').map((c) => c.name);
  return report.coders
    .filter((c) => c.role === 'ai')
    .map((c) => {
      const vsRef = report.ai_vs_reference.find((r) => r.coder === c.name);
      const refCoder =
        vsRef && vsRef.reference.kind !== 'human_agreement' ? vsRef.reference.coders[0]! : null;
      return {
        coder: c.name,
        config_hash: c.config_hash,
        vs_humans: mean(humans.map((h) => pooled(c.name, h))),
        vs_reference: refCoder && role.get(refCoder) === 'consensus' ? pooled(c.name, refCoder) : null,
        f1: vsRef?.overall.f1 ?? null,
        ready: report.flags.codes.filter((f) => f.ai.some((a) => a.coder === c.name && a.status === 'ready'))
          .length,
      };
    });
}

export function runSummary(report: AgreementReportView): RunSummary {
  const metric = report.flags.metric as (typeof OVERALL_METRICS)[number];
  const overall: Record<string, number | null> = {};
  for (const m of OVERALL_METRICS) if (m in report.overall) overall[m] = report.overall[m] ?? null;
  const f1 = new Map(
    report.ai_vs_reference.map((r) => [r.coder, new Map(r.codes.map((c) => [c.code_id, c.f1]))]),
  );
  return {
    metric,
    overall,
    codes: report.flags.codes.map((flag, k) => {
      const entry = report.codes[k];
      const value = entry
        ? metric === 'cohen_kappa' && entry.n_coders > 2
          ? (entry.fleiss_kappa ?? null)
          : (entry[metric] ?? null)
        : null;
      return {
        code: flag.code,
        code_id: flag.code_id,
        value,
        human_human: flag.human_human,
        ai: flag.ai.map((a) => ({
          coder: a.coder,
          vs_humans: a.vs_humans,
          vs_reference: a.vs_reference,
          f1: f1.get(a.coder)?.get(flag.code_id) ?? null,
          status: a.status,
        })),
      };
    }),
    ai: pooledAi(report, metric),
    human_human: mean(
      report.pairs.filter((p) => p.kind === 'human-human').map((p) => p.overall[metric] ?? null),
    ),
    ready: report.flags.ready,
    flagged: report.flags.flagged,
  };
}
