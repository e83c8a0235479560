import type { CodeDecision } from '../../../shared/contract/llm';
import type { SampleDecision } from './validateAnswer';

/**
 * Combines the samples of one segment by majority vote per code. A tie counts as
 * absent (the conservative call), and its vote share of 0.5 puts it first in the
 * review queue. With one sample the model's own confidence is the label's confidence;
 * with several, the share of samples that agree is (models' self-reports are poorly
 * calibrated; agreement between samples is the better signal).
 */
export function majorityVote(
  codes: readonly string[],
  samples: readonly (readonly SampleDecision[])[],
): CodeDecision[] {
  const bySample = samples.map((s) => new Map(s.map((d) => [d.code, d])));
  const n = samples.length;
  return codes.map((code) => {
    const ds = bySample.map((m) => m.get(code)).filter((d): d is SampleDecision => d !== undefined);
    const votes = ds.filter((d) => d.present).length;
    const present = votes * 2 > ds.length;
    const pick = ds.find((d) => d.present === present) ?? ds[0];
    const share = ds.length ? votes / ds.length : 0;
    const confidence = !pick ? null : n === 1 ? pick.confidence : present ? share : 1 - share;
    return {
      code,
      present,
      voteShare: share,
      votes,
      samples: ds.length,
      confidence,
      rationale: pick?.rationale ?? '',
      evidence: present ? (pick?.evidence ?? '') : '',
      evidenceFound: present ? (pick?.evidenceFound ?? false) : null,
    };
  });
}
