import type { AgreementEntryView, AgreementReportView } from '../../../shared/contract/calibration';

// A methods-ready paragraph for the agreement report (DESIGN §1.5, issue 6): the units,
// the coders, the codebook, the statistics, how intervals were computed, the pooled
// results and the readiness rule. Pure: facts in, text out; a missing fact leaves its
// sentence out rather than inventing one.

export interface SampleFacts {
  name: string;
  purpose: string;
  seed: number | null;
  strata: string[];
  allocation: string | null;
  excludedSpeakers: string[];
}

const METRIC_WORDS: Record<string, string> = {
  cohen_kappa: "Cohen's κ",
  krippendorff_alpha: "Krippendorff's α",
  gwet_ac1: "Gwet's AC1",
};

const n = (x: number) => x.toLocaleString('en-US');
const f2 = (x: number | null | undefined) => (x === null || x === undefined ? 'undefined' : x.toFixed(2));
const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? 'undefined' : `${(100 * x).toFixed(1)}%`;

function list(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function withCi(name: string, e: AgreementEntryView, metric: keyof AgreementEntryView & string): string {
  const v = e[metric] as number | null | undefined;
  const ci = e.ci95?.[metric];
  return `${name} = ${f2(v)}${ci && v !== null && v !== undefined ? ` (95% CI ${f2(ci[0])}–${f2(ci[1])})` : ''}`;
}

function unitsSentence(r: AgreementReportView, sample: SampleFacts | null): string {
  const units = `${n(r.scope.segments)} segment${r.scope.segments === 1 ? '' : 's'} (speaker turns)`;
  if (r.scope.kind === 'overlap') return `Agreement was assessed on the ${units} that all coders had coded.`;
  if (!sample) return `Agreement was assessed on the ${units} of sample "${r.scope.sample}".`;
  const how = sample.strata.length
    ? `a stratified random sample by ${sample.strata.join(' × ')}${sample.allocation ? ` (${sample.allocation} allocation)` : ''}`
    : 'a simple random sample';
  const seed = sample.seed === null ? '' : `, seed ${sample.seed}`;
  const excluded = sample.excludedSpeakers.length
    ? `, leaving out the turns of ${list(sample.excludedSpeakers.map((s) => `"${s}"`))}`
    : '';
  const purpose = sample.purpose === 'holdout' ? 'held-out validation sample' : `${sample.purpose} sample`;
  return `Agreement was assessed on the ${units} of the ${purpose} "${sample.name}", ${how} of the project's segments${excluded}${seed}.`;
}

function codersSentence(r: AgreementReportView): string {
  const humans = r.coders.filter((c) => c.role === 'human').map((c) => c.name);
  const consensus = r.coders.filter((c) => c.role === 'consensus').map((c) => c.name);
  const ais = r.coders
    .filter((c) => c.role === 'ai')
    .map(
      (c) =>
        `"${c.name}"${c.model || c.config_hash ? ` (${[c.model ? `model ${c.model}` : null, c.config_hash ? `configuration ${c.config_hash.slice(0, 12)}` : null].filter(Boolean).join(', ')})` : ''}`,
    );
  const parts: string[] = [];
  if (humans.length)
    parts.push(
      `${humans.length === 1 ? 'the human coder' : `${humans.length} human coders,`} ${list(humans)}`,
    );
  if (ais.length) parts.push(`the AI coder${ais.length > 1 ? 's' : ''} ${list(ais)}`);
  if (consensus.length)
    parts.push(`the adjudicated consensus coding ${list(consensus.map((c) => `"${c}"`))}`);
  const versions = [...new Set(r.coders.flatMap((c) => c.codebook_versions))].sort((a, b) => a - b);
  const codebook = versions.length
    ? ` under codebook version${versions.length > 1 ? 's' : ''} ${versions.join(', ')} (${n(r.codes.length)} codes)`
    : '';
  return `The segments were coded independently by ${list(parts)}${codebook}.`;
}

export function agreementMethodsText(r: AgreementReportView, sample: SampleFacts | null = null): string {
  const out: string[] = [unitsSentence(r, sample), codersSentence(r)];
  out.push(
    "For each code, applied or not applied to a segment, we computed percent agreement, Cohen's κ (Fleiss' κ for more than two coders), Krippendorff's α (nominal), Gwet's AC1, the Brennan–Prediger coefficient and positive and negative agreement; pooled values treat every segment × code decision as one unit, and missing ratings follow the conventions of Gwet (2014).",
  );
  out.push(
    r.bootstrap
      ? `95% confidence intervals are percentile bootstrap intervals over segments (${n(r.bootstrap.resamples)} resamples, seed ${r.bootstrap.seed}).`
      : 'No confidence intervals were computed.',
  );
  const o = r.overall;
  const kappa =
    o.n_coders > 2 ? withCi("Fleiss' κ", o, 'fleiss_kappa') : withCi("Cohen's κ", o, 'cohen_kappa');
  out.push(
    `Pooled over all codes (${n(o.n_units)} segment × code decisions), percent agreement was ${pct(o.percent_agreement)}, ${kappa}, ${withCi("Krippendorff's α", o, 'krippendorff_alpha')} and ${withCi('AC1', o, 'gwet_ac1')}.`,
  );
  if (r.coders.length > 2) {
    const pairs = r.pairs.map((p) => `${f2(p.overall.cohen_kappa)} between ${p.a} and ${p.b} (${p.kind})`);
    out.push(`Pooled Cohen's κ by pair of coders was ${list(pairs)}.`);
  }
  for (const a of r.ai_vs_reference) {
    const ref =
      a.reference.kind === 'human_agreement'
        ? `the segments where ${list(a.reference.coders)} agreed`
        : `"${a.reference.coders[0]}"`;
    const f1ci = a.overall.f1_ci95 ? ` (95% CI ${f2(a.overall.f1_ci95[0])}–${f2(a.overall.f1_ci95[1])})` : '';
    out.push(
      `Against ${ref}, the AI coder "${a.coder}" reached precision ${f2(a.overall.precision)}, recall ${f2(a.overall.recall)} and F1 ${f2(a.overall.f1)}${f1ci}, pooled over codes.`,
    );
  }
  const t = r.flags.thresholds;
  const metric = METRIC_WORDS[t.metric] ?? t.metric;
  const hasAi = r.coders.some((c) => c.role === 'ai');
  const rule = hasAi
    ? `the AI coder's ${metric} (${t.against === 'humans' ? 'mean over the human coders' : 'against the consensus'}) was at least ${f2(t.minimum)}${t.notBelowHuman ? ` and not below the human–human ${metric}${t.margin ? ` by more than ${f2(t.margin)}` : ''}` : ''}`
    : `the human coders' ${metric} was at least ${f2(t.minimum)}`;
  const below = r.flags.codes.filter((c) => c.status !== 'ready').map((c) => c.code);
  out.push(
    `A code was considered ${hasAi ? 'ready for AI coding' : 'reliably coded'} when ${rule}; ${n(r.flags.ready)} of ${n(r.flags.codes.length)} codes met this criterion${below.length && below.length <= 12 ? ` (not met: ${list(below)})` : ''}.`,
  );
  return out.join(' ');
}
