import { classificationAgainstReference } from '../../../shared/agreement/classification';
import type { BinaryRating } from '../../../shared/agreement/prevalence';
import { wilsonInterval } from '../../../shared/compare/proportionDifference';
import type { AuditEstimate, Proportion } from '../../../shared/contract/review';

/** One decided item of the audit sample: what the AI said and what the reviewer found. */
export interface AuditObservation {
  coderId: number;
  codeKey: string;
  aiPresent: boolean;
  reviewedPresent: boolean;
}

export const AUDIT_CI_METHOD =
  'Wilson score 95% intervals over the decided items of the random audit sample (a simple random sample of segments, ' +
  'every code decided by the AI on them). Per code each segment gives one item, so the counts are binomial; pooled over ' +
  'codes, items of one segment may be correlated and the interval is then somewhat too narrow. Risk-ordered reviews are ' +
  'left out: they over-sample the AI\u2019s mistakes and would bias both figures downwards.';

function proportion(successes: number, n: number, why: string): Proportion {
  return {
    value: n === 0 ? null : successes / n,
    ci95: wilsonInterval(successes, n),
    successes,
    n,
    reason: n === 0 ? why : null,
  };
}

interface Counts {
  decided: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  f1: number | null;
}

function countsOf(obs: readonly AuditObservation[]): Counts {
  const predicted: BinaryRating[] = obs.map((o) => (o.aiPresent ? 1 : 0));
  const reference: BinaryRating[] = obs.map((o) => (o.reviewedPresent ? 1 : 0));
  const c = classificationAgainstReference(predicted, reference);
  return {
    decided: c.units,
    tp: c.truePositives,
    fp: c.falsePositives,
    fn: c.falseNegatives,
    tn: c.trueNegatives,
    f1: c.f1.value,
  };
}

const precisionOf = (c: Counts) =>
  proportion(c.tp, c.tp + c.fp, 'no AI label in the audit sample has been reviewed yet');
const recallOf = (c: Counts) =>
  proportion(c.tp, c.tp + c.fn, 'no reviewed item of the audit sample has the code');

/**
 * Precision (share of AI labels a reviewer confirmed) and recall (share of codes the
 * reviewer found present that the AI had applied) of each AI coder, from the decided
 * items of the random audit sample, pooled and per code. Because the sample is random
 * (and worked in random order), these estimate the AI's precision and recall over the
 * whole project; reviews from the risk-ordered queue would not.
 */
export function auditEstimates(
  observations: readonly AuditObservation[],
  itemsPerCoder: ReadonlyMap<number, number>,
  names: { coder(id: number): string | null; code(key: string): { name: string } | null },
): AuditEstimate[] {
  const byCoder = new Map<number, AuditObservation[]>();
  for (const id of itemsPerCoder.keys()) byCoder.set(id, []);
  for (const o of observations) {
    const list = byCoder.get(o.coderId) ?? [];
    list.push(o);
    byCoder.set(o.coderId, list);
  }
  return [...byCoder].map(([coderId, obs]) => {
    const c = countsOf(obs);
    const byKey = new Map<string, AuditObservation[]>();
    for (const o of obs) {
      const list = byKey.get(o.codeKey);
      if (list) list.push(o);
      else byKey.set(o.codeKey, [o]);
    }
    return {
      coderId,
      coderName: names.coder(coderId),
      items: itemsPerCoder.get(coderId) ?? obs.length,
      decided: c.decided,
      truePositives: c.tp,
      falsePositives: c.fp,
      falseNegatives: c.fn,
      trueNegatives: c.tn,
      precision: precisionOf(c),
      recall: recallOf(c),
      f1: c.f1,
      byCode: [...byKey]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([codeKey, list]) => {
          const k = countsOf(list);
          return {
            codeKey,
            codeName: names.code(codeKey)?.name ?? null,
            decided: k.decided,
            precision: precisionOf(k),
            recall: recallOf(k),
          };
        }),
    };
  });
}
