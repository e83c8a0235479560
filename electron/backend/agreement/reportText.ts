import type { AgreementEntryView, AgreementReportView } from '../../../shared/contract/calibration';

// The agreement report as plain text for people (`concord agreement` without --json):
// the per-code table for all coders, pooled agreement per pair, each AI coder against
// the reference, which codes are ready, and the warnings.

const BLANK = '—';
const MAX_NAME = 40;
const f3 = (x: number | null | undefined) => (x === null || x === undefined ? BLANK : x.toFixed(3));
const clip = (s: string) => (s.length > MAX_NAME ? `${s.slice(0, MAX_NAME - 1)}…` : s);

function grid(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows.map((r) =>
    r
      .map((c, j) => (j === 0 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!)))
      .join('  ')
      .trimEnd(),
  );
}

const kappaOf = (e: AgreementEntryView) => (e.n_coders > 2 ? e.fleiss_kappa : e.cohen_kappa);

function entryRow(name: string, e: AgreementEntryView, withCi: boolean): string[] {
  const ci = (m: string) => {
    const iv = e.ci95?.[m];
    return withCi ? (iv ? ` [${iv[0].toFixed(2)}, ${iv[1].toFixed(2)}]` : '') : '';
  };
  const kappaName = e.n_coders > 2 ? 'fleiss_kappa' : 'cohen_kappa';
  return [
    clip(name),
    String(e.n_units),
    String(e.n_coders),
    f3(e.percent_agreement),
    `${f3(kappaOf(e))}${ci(kappaName)}`,
    `${f3(e.krippendorff_alpha)}${ci('krippendorff_alpha')}`,
    f3(e.gwet_ac1),
    f3(e.brennan_prediger),
    f3(e.positive_agreement),
    f3(e.negative_agreement),
  ];
}

export function formatReportText(r: AgreementReportView): string {
  const out: string[] = [];
  const where = r.scope.sample ? `sample "${r.scope.sample}"` : 'the segments all coders finished';
  out.push(
    `Agreement of ${r.coders.map((c) => `${c.name} (${c.role})`).join(', ')} on ${r.scope.segments} segments, ${where}`,
    '',
  );
  const withCi = r.bootstrap !== null;
  out.push(
    ...grid([
      ['code', 'units', 'coders', 'agree', 'kappa', 'alpha', 'AC1', 'BP', 'pos.agr', 'neg.agr'],
      ...r.codes.map((e) => entryRow(e.code ?? '', e, withCi)),
      entryRow('overall (all codes)', r.overall, withCi),
    ]),
  );
  if (r.bootstrap)
    out.push(
      '',
      `[..] 95% bootstrap intervals: ${r.bootstrap.resamples} resamples, seed ${r.bootstrap.seed}`,
    );
  if (r.coders.length > 2) {
    out.push('', 'Pooled over all codes, per pair of coders:');
    out.push(
      ...grid([
        ['pair', 'kind', 'units', 'agree', 'kappa', 'alpha', 'AC1'],
        ...r.pairs.map((p) => [
          clip(`${p.a} + ${p.b}`),
          p.kind,
          String(p.overall.n_units),
          f3(p.overall.percent_agreement),
          f3(p.overall.cohen_kappa),
          f3(p.overall.krippendorff_alpha),
          f3(p.overall.gwet_ac1),
        ]),
      ]),
    );
  }
  for (const a of r.ai_vs_reference) {
    const o = a.overall;
    out.push(
      '',
      `${a.coder} against ${a.reference.kind === 'human_agreement' ? `the agreement of ${a.reference.coders.join(', ')}` : a.reference.coders[0]}: precision ${f3(o.precision)}, recall ${f3(o.recall)}, F1 ${f3(o.f1)} (TP ${o.true_positives}, FP ${o.false_positives}, FN ${o.false_negatives}, TN ${o.true_negatives})`,
    );
  }
  const t = r.flags.thresholds;
  out.push(
    '',
    `Ready (${t.metric} ≥ ${t.minimum}${t.notBelowHuman ? ', not below human–human' : ''}): ${r.flags.ready} of ${r.flags.codes.length} codes`,
  );
  for (const f of r.flags.codes.filter((c) => c.status !== 'ready')) {
    const why = f.ai.flatMap((a) => a.reasons.map((x) => `${a.coder}: ${x}`));
    out.push(`  ${f.code}: ${f.status.replace('_', ' ')}${why.length ? ` (${why.join('; ')})` : ''}`);
  }
  if (r.warnings.length) out.push('', ...r.warnings.map((w) => `note: ${w}`));
  return `${out.join('\n')}\n`;
}
