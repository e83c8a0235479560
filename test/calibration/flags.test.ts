import { describe, expect, it } from 'vitest';
import type { AgreementEntryView, CoderRole, Thresholds } from '../../shared/contract/calibration';
import { DEFAULT_THRESHOLDS } from '../../electron/backend/agreement/thresholds';
import { type FlagInput, type PairValue, codeFlags } from '../../electron/backend/agreement/flags';

// Readiness verdicts from given pairwise values (no statistics computed here).

const code = { key: 'c', name: 'C', parentKey: null, color: '#000' };

function input(
  roles: CoderRole[],
  values: Record<string, number | null>,
  t: Partial<Thresholds> = {},
  entry: Partial<AgreementEntryView> = {},
): FlagInput {
  const names = roles.map((_r, i) => `coder${i}`);
  const pairMetric = (a: number, b: number): PairValue => {
    const v = values[`${Math.min(a, b)}-${Math.max(a, b)}`] ?? null;
    return { value: v, reason: v === null ? 'chance agreement is 1' : null };
  };
  const consensus = roles.indexOf('consensus');
  return {
    codes: [code],
    names,
    roles,
    pairMetric,
    reference: consensus >= 0 ? consensus : null,
    thresholds: { ...DEFAULT_THRESHOLDS, ...t },
    unitsWithCode: [50],
    entries: [
      {
        n_units: 100,
        n_coders: roles.length,
        percent_agreement: 0.9,
        cohen_kappa: 0.8,
        krippendorff_alpha: 0.8,
        gwet_ac1: 0.9,
        brennan_prediger: 0.8,
        positive_agreement: 0.8,
        negative_agreement: 0.9,
        prevalence: {},
        ci95: null,
        reasons: {},
        ...entry,
      },
    ],
    changes: [],
  };
}

describe('readiness flags', () => {
  it('ready when the AI (mean over humans) reaches the minimum and the human–human value', () => {
    // humans 0, 1 agree at 0.8; the AI (2) reaches 0.85 and 0.75 with them: mean 0.80
    const r = codeFlags(input(['human', 'human', 'ai'], { '0-1': 0.8, '0-2': 0.85, '1-2': 0.75 }));
    expect(r.codes[0]).toMatchObject({ human_human: 0.8, human_pairs: 1, status: 'ready' });
    expect(r.codes[0]!.ai[0]!.vs_humans).toBeCloseTo(0.8, 12);
    expect(r).toMatchObject({ ready: 1, flagged: 0 });
  });

  it('below the human baseline, unless within the margin or the rule is off', () => {
    const values = { '0-1': 0.9, '0-2': 0.8, '1-2': 0.8 };
    const below = codeFlags(input(['human', 'human', 'ai'], values)).codes[0]!;
    expect(below.status).toBe('below_human');
    expect(below.ai[0]!.reasons).toEqual(['cohen_kappa 0.80 below the human–human 0.90']);
    expect(codeFlags(input(['human', 'human', 'ai'], values, { margin: 0.1 })).codes[0]!.status).toBe(
      'ready',
    );
    expect(
      codeFlags(input(['human', 'human', 'ai'], values, { notBelowHuman: false })).codes[0]!.status,
    ).toBe('ready');
  });

  it('below the threshold names both failures; undefined says why', () => {
    const low = codeFlags(input(['human', 'human', 'ai'], { '0-1': 0.9, '0-2': 0.5, '1-2': 0.6 })).codes[0]!;
    expect(low.status).toBe('below_threshold');
    expect(low.ai[0]!.reasons).toEqual([
      'cohen_kappa 0.55 < 0.70',
      'cohen_kappa 0.55 below the human–human 0.90',
    ]);
    const undef = codeFlags(input(['human', 'ai'], { '0-1': null })).codes[0]!;
    expect(undef.ai[0]).toMatchObject({
      status: 'undefined',
      reasons: ['cohen_kappa is undefined: chance agreement is 1'],
    });
    // one human: no human–human baseline to fall below
    expect(codeFlags(input(['human', 'ai'], { '0-1': 0.75 })).codes[0]).toMatchObject({
      human_human: null,
      human_pairs: 0,
      status: 'ready',
    });
  });

  it('against the consensus when asked, falling back to the humans without one', () => {
    const values = { '0-1': 0.9, '0-2': 0.95, '1-2': 0.6, '0-3': 0.9, '1-3': 0.4, '2-3': 0.5 };
    // coders: consensus 0, humans 1 and 2, AI 3
    const byHumans = codeFlags(input(['consensus', 'human', 'human', 'ai'], values)).codes[0]!;
    expect(byHumans.human_human).toBe(0.6);
    expect(byHumans.ai[0]).toMatchObject({ vs_reference: 0.9, status: 'below_threshold' });
    const byReference = codeFlags(
      input(['consensus', 'human', 'human', 'ai'], values, { against: 'reference' }),
    ).codes[0]!;
    expect(byReference.ai[0]).toMatchObject({ vs_reference: 0.9, status: 'ready' });
    const noConsensus = codeFlags(
      input(['human', 'human', 'ai'], { '0-1': 0.9, '0-2': 0.9, '1-2': 0.9 }, { against: 'reference' }),
    ).codes[0]!;
    expect(noConsensus.ai[0]!.reasons[0]).toMatch(/no consensus coder in the report/);
  });

  it('without an AI coder judges the human coders; notes rare codes and the κ paradox', () => {
    const r = codeFlags({
      ...input(
        ['human', 'human'],
        { '0-1': 0.4 },
        {},
        { cohen_kappa: 0.4, percent_agreement: 0.96, gwet_ac1: 0.95 },
      ),
      unitsWithCode: [3],
    });
    expect(r.codes[0]).toMatchObject({ status: 'below_threshold', ai: [] });
    expect(r.codes[0]!.notes.join(' ')).toMatch(/only 3 segments carry the code/);
    expect(r.codes[0]!.notes.join(' ')).toMatch(/high agreement but low κ/);
  });
});
