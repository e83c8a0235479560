// The audit sample's point: precision and recall estimated from a random sample of
// segments are unbiased, while the same number of reviews taken from the top of the
// risk-ordered queue are not (they over-sample the AI's mistakes, by design). A
// synthetic project where the truth is known, sampled many times with different seeds.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../shared/agreement/prng';
import { auditEstimates, type AuditObservation } from '../../electron/backend/review/auditEstimates';
import { drawAuditSample } from '../../electron/backend/review/drawAuditSample';
import { scoreRisk } from '../../electron/backend/review/riskScore';

const SEGMENTS = 2000;
const CODES = 8;
const AUDIT_SEGMENTS = 150;
const REPEATS = 300;

interface SimItem extends AuditObservation {
  segment: number;
  error: boolean;
  risk: number;
}

/** Truth with 15% prevalence; the AI misses 20% of true codes and adds 4% false ones; its signals are noisy hints of its errors. */
function syntheticProject(seed: number): SimItem[] {
  const random = mulberry32(seed);
  const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
  const items: SimItem[] = [];
  for (let segment = 1; segment <= SEGMENTS; segment++) {
    for (let c = 0; c < CODES; c++) {
      const truth = random() < 0.15;
      const error = random() < (truth ? 0.2 : 0.04);
      const aiPresent = truth !== error;
      const split = error ? random() < 0.5 : random() < 0.05;
      const votes = split ? (aiPresent ? 2 : 1) : aiPresent ? 3 : 0;
      const { risk } = scoreRisk({
        aiPresent,
        confidence: error ? uniform(0.4, 0.9) : uniform(0.65, 1),
        voteShare: votes / 3,
        votes,
        samples: 3,
        evidenceFound: aiPresent ? (error ? random() < 0.5 : random() < 0.97) : null,
        extraRequests: random() < 0.03 ? 1 : 0,
        belowThreshold: c === 0 && random() < 0.5,
      });
      items.push({
        coderId: 1,
        codeKey: `code-${c}`,
        segment,
        aiPresent,
        reviewedPresent: truth,
        error,
        risk,
      });
    }
  }
  return items;
}

const names = { coder: () => 'sim', code: () => null };
const estimate = (obs: readonly AuditObservation[]) =>
  auditEstimates(obs, new Map([[1, obs.length]]), names)[0]!;

describe('precision and recall from the audit sample', () => {
  const population = syntheticProject(2024);
  const truth = estimate(population);
  const bySegment = new Map<number, SimItem[]>();
  for (const it of population) {
    const list = bySegment.get(it.segment);
    if (list) list.push(it);
    else bySegment.set(it.segment, [it]);
  }
  const segmentIds = [...bySegment.keys()];

  it('is unbiased over many random audit samples, and its 95% intervals cover the truth about 95% of the time', () => {
    let precisionSum = 0;
    let recallSum = 0;
    let precisionCovered = 0;
    let recallCovered = 0;
    for (let seed = 1; seed <= REPEATS; seed++) {
      const audit = drawAuditSample(segmentIds, AUDIT_SEGMENTS, seed).flatMap((s) => bySegment.get(s)!);
      const e = estimate(audit);
      precisionSum += e.precision.value!;
      recallSum += e.recall.value!;
      const [pl, pu] = e.precision.ci95!;
      const [rl, ru] = e.recall.ci95!;
      if (pl <= truth.precision.value! && truth.precision.value! <= pu) precisionCovered++;
      if (rl <= truth.recall.value! && truth.recall.value! <= ru) recallCovered++;
    }
    expect(Math.abs(precisionSum / REPEATS - truth.precision.value!)).toBeLessThan(0.01);
    expect(Math.abs(recallSum / REPEATS - truth.recall.value!)).toBeLessThan(0.01);
    expect(precisionCovered / REPEATS).toBeGreaterThan(0.9);
    expect(recallCovered / REPEATS).toBeGreaterThan(0.9);
  });

  it('is biased when the same number of reviews comes from the top of the risk-ordered queue', () => {
    const n = AUDIT_SEGMENTS * CODES;
    const riskOrdered = [...population].sort((a, b) => b.risk - a.risk).slice(0, n);
    const e = estimate(riskOrdered);
    expect(truth.precision.value! - e.precision.value!).toBeGreaterThan(0.15);
    // and its interval, however narrow, does not contain the truth
    expect(e.precision.ci95![1]).toBeLessThan(truth.precision.value!);
  });

  it('puts the injected errors first in the risk order', () => {
    const ordered = [...population].sort((a, b) => b.risk - a.risk);
    const baseRate = population.filter((i) => i.error).length / population.length;
    const topRate = (k: number) => ordered.slice(0, k).filter((i) => i.error).length / k;
    expect(topRate(500)).toBeGreaterThan(5 * baseRate);
    expect(topRate(2000)).toBeGreaterThan(3 * baseRate);
    // the mean rank of an error is far ahead of the mean rank of a correct decision
    const meanRank = (error: boolean) => {
      const ranks = ordered.flatMap((it, i) => (it.error === error ? [i] : []));
      return ranks.reduce((a, b) => a + b, 0) / ranks.length;
    };
    expect(meanRank(true)).toBeLessThan(meanRank(false) / 2);
  });

  it('draws the same sample for the same seed, a different one for another, and any prefix is itself random', () => {
    expect(drawAuditSample(segmentIds, 20, 7)).toEqual(drawAuditSample([...segmentIds].reverse(), 20, 7));
    expect(drawAuditSample(segmentIds, 20, 7)).not.toEqual(drawAuditSample(segmentIds, 20, 8));
    expect(drawAuditSample(segmentIds, 10, 7)).toEqual(drawAuditSample(segmentIds, 20, 7).slice(0, 10));
    expect(new Set(drawAuditSample(segmentIds, 5000, 1)).size).toBe(SEGMENTS);
  });
});
