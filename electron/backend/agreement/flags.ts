import type {
  AgreementEntryView,
  CodeFlag,
  CoderRole,
  Thresholds,
} from '../../../shared/contract/calibration';
import type { CodeChange } from './codebookChanges';
import type { CubeCode } from './ratingCube';

// Which codes are ready (DESIGN §1.5): the AI coder's agreement with the humans reaches
// the lead's minimum (default κ ≥ 0.70) and is not below what the humans reach among
// themselves. With several humans both sides are means of pairwise values — Light's κ
// (Light 1971, Psychol Bull 76) — so the AI is judged as one more coder against the
// same yardstick. Against a consensus coder instead (`against: 'reference'`), the AI is
// compared with the adjudicated labels, which are less noisy than any one human.
// Pure: statistics in, verdicts out.

type Status = CodeFlag['status'];

export interface PairValue {
  value: number | null;
  reason: string | null;
}

export interface FlagInput {
  codes: readonly CubeCode[];
  names: readonly string[];
  roles: readonly CoderRole[];
  /** the chosen metric for coders a and b on a code */
  pairMetric: (a: number, b: number, code: number) => PairValue;
  /** the coder the AI is checked against with `against: 'reference'` (a consensus or the only human) */
  reference: number | null;
  thresholds: Thresholds;
  unitsWithCode: readonly number[];
  /** all coders' entries per code, for the notes */
  entries: readonly AgreementEntryView[];
  changes: readonly CodeChange[];
}

/** Fewer segments with the code than this and its agreement rests on a handful of cases. */
export const FEW_POSITIVES = 20;

const SEVERITY: Record<Status, number> = { ready: 0, undefined: 1, below_human: 2, below_threshold: 3 };
const worst = (statuses: Status[]): Status =>
  statuses.reduce((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'ready');

const fmt = (x: number) => x.toFixed(2);

function mean(values: PairValue[]): PairValue {
  const defined = values.filter((v): v is { value: number; reason: null } => v.value !== null);
  if (defined.length)
    return { value: defined.reduce((s, v) => s + v.value, 0) / defined.length, reason: null };
  return { value: null, reason: values[0]?.reason ?? 'no pair of coders to compare' };
}

function judge(
  value: PairValue,
  human: number | null,
  t: Thresholds,
  metric: string,
): { status: Status; reasons: string[] } {
  if (value.value === null)
    return { status: 'undefined', reasons: [`${metric} is undefined: ${value.reason}`] };
  const reasons: string[] = [];
  let status: Status = 'ready';
  if (value.value < t.minimum) {
    status = 'below_threshold';
    reasons.push(`${metric} ${fmt(value.value)} < ${fmt(t.minimum)}`);
  }
  if (t.notBelowHuman && human !== null && value.value < human - t.margin) {
    if (status === 'ready') status = 'below_human';
    reasons.push(
      `${metric} ${fmt(value.value)} below the human–human ${fmt(human)}${t.margin ? ` − ${fmt(t.margin)}` : ''}`,
    );
  }
  return { status, reasons };
}

function notes(input: FlagInput, k: number): string[] {
  const out: string[] = [];
  const n = input.unitsWithCode[k]!;
  if (n < FEW_POSITIVES)
    out.push(
      `only ${n} segment${n === 1 ? '' : 's'} carry the code: its agreement rests on few cases (see the intervals)`,
    );
  const e = input.entries[k];
  const kappa = e?.cohen_kappa ?? e?.fleiss_kappa ?? null;
  if (
    e &&
    kappa !== null &&
    kappa < input.thresholds.minimum &&
    (e.percent_agreement ?? 0) >= 0.9 &&
    (e.gwet_ac1 ?? -1) >= input.thresholds.minimum
  )
    out.push(
      'high agreement but low κ: the code is rare, so chance agreement is high (Feinstein & Cicchetti 1990); AC1 and positive agreement are less affected',
    );
  const change = input.changes.find((c) => c.code_id === input.codes[k]!.key);
  if (change)
    out.push(
      `the coders used codebook versions ${change.versions.join(', ')} whose ${change.fields.join(', ')} differ`,
    );
  return out;
}

export function codeFlags(input: FlagInput): { codes: CodeFlag[]; ready: number; flagged: number } {
  const t = input.thresholds;
  const metric = t.metric;
  const humans = input.roles.flatMap((r, i) => (r === 'human' ? [i] : []));
  const ais = input.roles.flatMap((r, i) => (r === 'ai' ? [i] : []));
  const humanPairs = humans.flatMap((a, i) => humans.slice(i + 1).map((b) => [a, b] as const));
  const codes = input.codes.map((code, k): CodeFlag => {
    const hh = humanPairs.length ? mean(humanPairs.map(([a, b]) => input.pairMetric(a, b, k))) : null;
    const human = hh?.value ?? null;
    const ai = ais.map((a) => {
      const vsHumans = humans.length ? mean(humans.map((h) => input.pairMetric(a, h, k))) : null;
      const vsReference = input.reference === null ? null : input.pairMetric(a, input.reference, k);
      const reasons: string[] = [];
      let used = t.against === 'reference' ? vsReference : vsHumans;
      if (!used) {
        used = vsReference ?? vsHumans ?? { value: null, reason: 'no human coder to compare with' };
        if (t.against === 'reference' && vsHumans)
          reasons.push('no consensus coder in the report: judged against the human coders');
      }
      const verdict = judge(used, human, t, metric);
      return {
        coder: input.names[a]!,
        vs_humans: vsHumans?.value ?? null,
        vs_reference: vsReference?.value ?? null,
        status: verdict.status,
        reasons: [...reasons, ...verdict.reasons],
      };
    });
    const status = ais.length
      ? worst(ai.map((x) => x.status))
      : hh
        ? judge(hh, null, t, metric).status
        : 'undefined';
    return {
      code: code.name,
      code_id: code.key,
      units_with_code: input.unitsWithCode[k]!,
      human_human: human,
      human_pairs: humanPairs.length,
      status,
      ai,
      notes: notes(input, k),
    };
  });
  const ready = codes.filter((c) => c.status === 'ready').length;
  return { codes, ready, flagged: codes.length - ready };
}
