import { describe, expect, it } from 'vitest';
import {
  maskOfReasons,
  reasonsOfMask,
  scoreRisk,
  type RiskSignals,
} from '../../electron/backend/review/riskScore';

const sure: RiskSignals = {
  aiPresent: true,
  confidence: 0.95,
  voteShare: 1,
  votes: 3,
  samples: 3,
  evidenceFound: true,
  extraRequests: 0,
  belowThreshold: false,
};

describe('risk of an AI decision', () => {
  it('is low with no reason for a confident, unanimous, evidenced label', () => {
    const r = scoreRisk(sure);
    expect(r.reasons).toBe(0);
    expect(r.risk).toBeLessThan(0.05);
  });

  it.each<[string, Partial<RiskSignals>, string]>([
    ['low confidence', { confidence: 0.55 }, 'low_confidence'],
    ['a split vote', { voteShare: 2 / 3, votes: 2, confidence: 2 / 3 }, 'split_vote'],
    ['a code calibration flagged', { belowThreshold: true }, 'below_threshold'],
    ['evidence not in the segment', { evidenceFound: false }, 'evidence_not_found'],
    ['retries or repairs', { extraRequests: 2 }, 'retried'],
  ])('rises, with its reason shown, for %s', (_, change, reason) => {
    const r = scoreRisk({ ...sure, ...change });
    expect(r.risk).toBeGreaterThan(scoreRisk(sure).risk);
    expect(reasonsOfMask(r.reasons)).toContain(reason);
  });

  it('ranks a tie of samples above a 2-of-3 majority, and both above unanimity', () => {
    const tie = scoreRisk({
      ...sure,
      aiPresent: false,
      voteShare: 0.5,
      votes: 1,
      samples: 2,
      confidence: 0.5,
      evidenceFound: null,
    });
    const twoOfThree = scoreRisk({ ...sure, voteShare: 2 / 3, votes: 2, confidence: 2 / 3 });
    expect(tie.risk).toBeGreaterThan(twoOfThree.risk);
    expect(twoOfThree.risk).toBeGreaterThan(scoreRisk(sure).risk);
  });

  it('does not flag missing evidence on an absent decision, and treats an unknown confidence as middling', () => {
    const absent = scoreRisk({ ...sure, aiPresent: false, evidenceFound: false, voteShare: 0, votes: 0 });
    expect(reasonsOfMask(absent.reasons)).not.toContain('evidence_not_found');
    const unknown = scoreRisk({ ...sure, confidence: null, samples: 1, voteShare: null, votes: null });
    expect(unknown.reasons).toBe(0);
    expect(unknown.risk).toBeCloseTo(0.15, 9);
  });

  it('stays within [0, 1] with every signal at its worst', () => {
    const worst = scoreRisk({
      aiPresent: true,
      confidence: 0,
      voteShare: 0.5,
      votes: 1,
      samples: 2,
      evidenceFound: false,
      extraRequests: 9,
      belowThreshold: true,
    });
    expect(worst.risk).toBeCloseTo(1, 9);
    expect(reasonsOfMask(worst.reasons)).toEqual([
      'low_confidence',
      'split_vote',
      'below_threshold',
      'evidence_not_found',
      'retried',
    ]);
    expect(maskOfReasons(reasonsOfMask(worst.reasons))).toBe(worst.reasons);
  });
});
