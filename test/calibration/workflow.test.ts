import { afterEach, describe, expect, it } from 'vitest';
import { useTmpDir } from '../helpers/tmp';
import { type Study, openStudy } from './fixture';

const tmp = useTmpDir();
let study: Study | null = null;
afterEach(() => {
  study?.close();
  study = null;
});

/** A calibration sample holding every participant turn, in the fixture's turn order. */
function allParticipants(s: Study, name = 'all', purpose = 'calibration'): void {
  const id = Number(
    s.db
      .prepare(
        "INSERT INTO samples (name, purpose, seed, created_at, created_by) VALUES (?, ?, 1, 'now', 'me')",
      )
      .run(name, purpose).lastInsertRowid,
  );
  for (let i = 0; i < 20; i++) s.db.prepare('INSERT INTO sample_segments VALUES (?, ?)').run(id, s.turn(i));
}

describe('drill-down into disagreements', () => {
  it('lists the disagreeing segments of a code with context, each coder’s decision, memo and AI rationale', async () => {
    const s = (study = openStudy(tmp()));
    const d = await s.call('agreement.disagreements', { coders: ['Ana', 'Ben', 'Gpt'], codeKey: 'outreach' });
    // Ben flips turns 3 and 8, Gpt adds 1, 2 and 4 (turn 19 lies outside the overlap)
    expect(d.total).toBe(5);
    expect(d.items.map((x) => x.segment_id)).toEqual([1, 2, 3, 4, 8].map(s.turn));
    expect(d).toMatchObject({ code: 'Outreach', code_id: 'outreach', definition: 'Staff reach out first.' });
    const turn3 = d.items.find((x) => x.segment_id === s.turn(3))!;
    expect(turn3).toMatchObject({ document: 'd1', index: 7, speaker: 'Participant' });
    expect(turn3.before).toEqual([{ index: 6, speaker: 'Interviewer', text: 'd1 turn 6 about families' }]);
    expect(turn3.after).toEqual([{ index: 8, speaker: 'Interviewer', text: 'd1 turn 8 about families' }]);
    const by = Object.fromEntries(turn3.decisions.map((x) => [x.coder, x]));
    expect(by.Ana).toMatchObject({ value: 1, memo: 'outreach memo 3', rationale: null });
    expect(by.Ben).toMatchObject({ value: 0, memo: '' });
    expect(by.Gpt).toMatchObject({
      value: 1,
      kind: 'ai',
      confidence: 0.8,
      rationale: 'because turn 3 mentions outreach',
      evidence: 'turn 3',
      evidence_found: true,
      vote_share: 1,
    });
    // an AI "no" still shows the model's reasoning
    const turn8 = d.items.find((x) => x.segment_id === s.turn(8))!;
    expect(turn8.decisions.find((x) => x.coder === 'Gpt')).toMatchObject({
      value: 0,
      rationale: 'because turn 8 does not mention outreach',
      evidence: null,
    });
    const pair = await s.call('agreement.disagreements', {
      coders: ['Ana', 'Ben', 'Gpt'],
      codeKey: 'outreach',
      pair: ['Ana', 'Ben'],
      context: 0,
      limit: 1,
    });
    expect(pair.total).toBe(2);
    expect(pair.items).toHaveLength(1);
    expect(pair.items[0]!.before).toEqual([]);
    await expect(
      s.call('agreement.disagreements', { coders: ['Ana', 'Ben'], codeKey: 'nothing' }),
    ).rejects.toThrow(/no code "nothing"/);
  });
});

describe('consensus', () => {
  it('follows the coders where they agree and stores a segment once its disagreements are resolved', async () => {
    const s = (study = openStudy(tmp()));
    allParticipants(s);
    const status = await s.call('calibration.consensus.start', { sample: 'all', coders: ['Ana', 'Ben'] });
    // Ben did not finish turn 19; they disagree on outreach at 3 and 8 and barriers at 5
    expect(status).toMatchObject({
      name: 'Consensus',
      sourceCoders: ['Ana', 'Ben'],
      segments: 20,
      eligible: 19,
      unresolved: 3,
      resolved: 0,
      decided: 16,
    });
    const open = await s.call('calibration.consensus.disagreements', {
      sample: 'all',
      coders: ['Ana', 'Ben'],
    });
    expect(open.items.map((x) => [x.segmentId, x.codeKey])).toEqual([
      [s.turn(3), 'outreach'],
      [s.turn(5), 'barriers'],
      [s.turn(8), 'outreach'],
    ]);
    expect(open.items[0]!.values).toEqual([
      { coder: 'Ana', value: 1, memo: 'outreach memo 3' },
      { coder: 'Ben', value: 0, memo: '' },
    ]);
    const r = await s.call('calibration.consensus.resolve', {
      segmentId: s.turn(3),
      codeKey: 'outreach',
      present: true,
      memo: 'the teacher calls first',
    });
    expect(r.segmentDecided).toBe(true);
    expect(r.item.decision).toMatchObject({
      present: true,
      memo: 'the teacher calls first',
      decidedBy: 'tester',
    });
    const consensus = s.coder('Consensus');
    const labels = s.db
      .prepare(
        'SELECT c.code_key, l.memo FROM labels l JOIN codes c ON c.id = l.code_id WHERE l.coder_id = ? AND l.segment_id = ?',
      )
      .all(consensus, s.turn(3));
    expect(labels).toEqual([{ code_key: 'outreach', memo: 'the teacher calls first' }]);
    // an agreed segment is stored as is: turn 0 has outreach (both), no barriers
    expect(
      s.db.prepare('SELECT count(*) FROM coded_segments WHERE coder_id = ?').pluck().get(consensus),
    ).toBe(17);
    const after = await s.call('calibration.consensus.status', { sample: 'all', coders: ['Ana', 'Ben'] });
    expect(after).toMatchObject({ unresolved: 2, resolved: 1, decided: 17 });
    const all = await s.call('calibration.consensus.disagreements', {
      sample: 'all',
      coders: ['Ana', 'Ben'],
      includeResolved: true,
    });
    expect(all.items.map((x) => x.decision === null)).toEqual([true, true, false]);
    expect(
      s.db.prepare("SELECT after FROM history WHERE action = 'consensus.resolve'").pluck().get(),
    ).toMatch(/"present":true/);

    // the consensus is the gold standard of the AI coder
    const report = await s.call('agreement.report', { coders: ['Consensus', 'Gpt'], sample: 'all' });
    expect(report.coders[0]).toMatchObject({ name: 'Consensus', role: 'consensus', kind: 'human' });
    expect(report.ai_vs_reference[0]!.reference).toEqual({ kind: 'consensus', coders: ['Consensus'] });
    expect(report.ai_vs_reference[0]!.codes[0]!.units).toBe(17);
    expect(report.pairs[0]!.kind).toBe('consensus-ai');
    // reversing a decision withdraws nothing else, and re-opening is impossible only by deleting
    const back = await s.call('calibration.consensus.resolve', {
      segmentId: s.turn(3),
      codeKey: 'outreach',
      present: false,
    });
    expect(back.segmentDecided).toBe(true);
    expect(
      s.db
        .prepare('SELECT count(*) FROM labels WHERE coder_id = ? AND segment_id = ?')
        .pluck()
        .get(consensus, s.turn(3)),
    ).toBe(0);
  });

  it('refuses what cannot be adjudicated', async () => {
    const s = (study = openStudy(tmp()));
    allParticipants(s);
    await expect(
      s.call('calibration.consensus.start', { sample: 'all', coders: ['Ana', 'Gpt'] }),
    ).rejects.toThrow(/"Gpt" is an AI coder/);
    await s.call('calibration.consensus.start', { sample: 'all', coders: ['Ana', 'Ben'] });
    await expect(
      s.call('calibration.consensus.resolve', { segmentId: s.turn(19), codeKey: 'outreach', present: true }),
    ).rejects.toThrow(/has finished this segment/);
    await expect(
      s.call('calibration.consensus.resolve', { segmentId: s.turn(3), codeKey: 'nope', present: true }),
    ).rejects.toThrow(/no code "nope"/);
    await expect(
      s.call('calibration.consensus.start', { sample: 'all', coders: ['Ana', 'Ben'], name: 'Ana' }),
    ).rejects.toThrow(/not a consensus coder/);
    s.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('Cleo', 'human', 'g-cleo', 'now')")
      .run();
    await expect(
      s.call('calibration.consensus.start', { sample: 'all', coders: ['Ana', 'Cleo'] }),
    ).rejects.toThrow(/"Consensus" is the consensus of Ana, Ben/);
    await expect(
      s.call('calibration.consensus.status', { sample: 'all', coders: ['Ana', 'Ben'], name: 'Other' }),
    ).rejects.toThrow(/no consensus coder named "Other"/);
  });
});

describe('approval and held-out validation', () => {
  it('approves the calibrated AI coder and validates it on a disjoint held-out sample', async () => {
    const s = (study = openStudy(tmp()));
    await s.call('calibration.samples.create', {
      name: 'cal',
      size: 15,
      seed: 4,
      excludeSpeakers: ['Interviewer'],
    });
    await s.call('calibration.samples.create', {
      name: 'hold',
      purpose: 'holdout',
      size: 5,
      seed: 4,
      excludeSpeakers: ['Interviewer'],
    });
    const calibration = await s.call('agreement.report', {
      coders: ['Ana', 'Gpt'],
      sample: 'cal',
      record: true,
    });
    await expect(
      s.call('calibration.validate', { coder: 'Gpt', sample: 'hold', reference: ['Ana'] }),
    ).rejects.toThrow(/no active approval/);
    await expect(s.call('calibration.approve', { coder: 'Ana' })).rejects.toThrow(/not an AI coder/);
    const approval = await s.call('calibration.approve', {
      coder: 'Gpt',
      runId: calibration.run_id!,
      note: 'outreach still weak',
    });
    expect(approval).toMatchObject({
      coderName: 'Gpt',
      configHash: 'hash-gpt',
      model: 'test-model',
      calibrationRunId: calibration.run_id,
      active: true,
    });
    expect((await s.call('calibration.approve', { coder: 'Gpt' })).id).toBe(approval.id);
    await expect(
      s.call('calibration.validate', { coder: 'Gpt', sample: 'cal', reference: ['Ana'] }),
    ).rejects.toThrow(/needs a held-out sample/);

    const v = await s.call('calibration.validate', {
      coder: 'Gpt',
      sample: 'hold',
      reference: ['Ana'],
      bootstrap: 50,
    });
    expect(v.coverage).toEqual({ segments: 5, ai_coded: 5, reference_coded: 5 });
    expect(v.report.scope).toMatchObject({ kind: 'sample', sample: 'hold', purpose: 'holdout', segments: 5 });
    expect(v.report.coders.find((c) => c.name === 'Gpt')!.approved).toBe(true);
    const outreach = v.codes.find((c) => c.code_id === 'outreach')!;
    expect(outreach.calibration).toBe(
      calibration.flags.codes.find((c) => c.code_id === 'outreach')!.ai[0]!.vs_humans,
    );
    expect(outreach.holdout).toBe(
      v.report.pairs[0]!.codes.find((c) => c.code_id === 'outreach')!.cohen_kappa,
    );
    const runs = await s.call('agreement.history', { kind: 'validation' });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: v.run_id, sample: 'hold', approvalId: approval.id });

    const revoked = await s.call('calibration.revokeApproval', { id: approval.id });
    expect(revoked).toMatchObject({ active: false, revokedBy: 'tester' });
    expect(await s.call('calibration.approvals', {})).toHaveLength(1);
    await expect(
      s.call('calibration.validate', { coder: 'Gpt', sample: 'hold', reference: ['Ana'] }),
    ).rejects.toThrow(/no active approval/);
  });
});
