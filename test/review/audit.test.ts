import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { codeAudit } from '../../electron/backend/audit/codeAudit';
import { exportHistory } from '../../electron/backend/audit/exportHistory';
import { LABEL_EVENT_COLUMNS } from '../../electron/backend/audit/labelEvents';
import { labelAudit } from '../../electron/backend/audit/labelAudit';
import { applyCode, removeCode } from '../../electron/backend/coding/applyCode';
import { ensureCoder } from '../../electron/backend/coding/coders';
import { decideItem } from '../../electron/backend/review/decide';
import { useTmpDir } from '../helpers/tmp';
import { itemOf, openReviewProject, runFakeAiCoder, segmentIds } from './reviewFixture';

const tmp = useTmpDir();

// 4 segments; the AI applies outreach everywhere. Ana accepts the label on segment 0,
// Ben then changes it to barriers; a human coder codes segment 1 by hand.
function project() {
  const p = openReviewProject(tmp(), 4);
  const { coderId } = runFakeAiCoder(p, 'gpt-test', (_i, code) => ({
    present: code === 'outreach',
    rationale: `why ${code}`,
    evidence: 'calls',
  }));
  const seg = segmentIds(p);
  const label = itemOf(p, seg[0]!, 'outreach', coderId);
  decideItem(p.db, { itemId: label.id, baseRevision: 0, reviewer: 'ana', action: { action: 'accept' } });
  decideItem(p.db, {
    itemId: label.id,
    baseRevision: 1,
    reviewer: 'ben',
    action: { action: 'change_code', codeKey: 'barriers' },
    memo: 'about work hours',
  });
  const human = ensureCoder(p.db, 'Maya', 'human');
  const humanLabel = applyCode(p.db, { segmentId: seg[1]!, codeKey: 'outreach', coderId: human.id }, 'maya');
  applyCode(p.db, { segmentId: seg[2]!, codeKey: 'language', coderId: human.id }, 'maya');
  removeCode(
    p.db,
    applyCode(p.db, { segmentId: seg[3]!, codeKey: 'language', coderId: human.id }, 'maya').id,
    human.id,
    'maya',
  );
  return { p, coderId, seg, label, humanLabel };
}

describe('audit trail', () => {
  it('answers who applied an AI label, under which prompt and codebook version, and who reviewed it, before → after', () => {
    const { p, coderId, label } = project();
    const a = labelAudit(p.db, { labelId: label.label_id! });
    const configHash = p.db.prepare('SELECT config_hash FROM coders WHERE id = ?').pluck().get(coderId);
    expect(a).toMatchObject({
      labelId: label.label_id,
      itemId: label.id,
      code: { key: 'outreach', name: 'Outreach', codebookVersion: 1, status: { status: 'active' } },
      appliedBy: { kind: 'ai', coderName: 'gpt-test' },
      prompt: {
        configHash,
        modelRequested: 'fake-model',
        modelReturned: 'fake-model-2025',
        codebookVersion: 1,
        decision: {
          present: true,
          rationale: 'why outreach',
          evidence: 'calls',
          evidenceFound: true,
          confidence: 0.95,
        },
      },
      review: {
        state: 'changed',
        reviewed: true,
        reviewers: ['ana', 'ben'],
        lastReviewer: 'ben',
        inAudit: false,
      },
      effective: { present: false, source: 'review' },
    });
    expect(a.prompt!.promptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      a.review!.decisions.map((d) => [d.reviewer, d.before.state, d.state, d.replacementKey, d.memo]),
    ).toEqual([
      ['ana', 'pending', 'accepted', null, ''],
      ['ben', 'accepted', 'changed', 'barriers', 'about work hours'],
    ]);
    expect(a.history.map((h) => h.action)).toEqual(['review.accept', 'review.change_code']);
    // the same by review item, and an AI "absent" decision, which no label records
    expect(labelAudit(p.db, { itemId: label.id }).labelId).toBe(label.label_id);
    const absent = labelAudit(p.db, { itemId: label.id + 1 });
    expect(absent).toMatchObject({
      labelId: null,
      appliedBy: null,
      prompt: { decision: { present: false } },
      review: { state: 'pending', reviewed: false },
    });
    expect(() => labelAudit(p.db, { labelId: 9999 })).toThrow(/does not exist/);
    p.close();
  });

  it('answers the same for a human label: who, when, no prompt, not under review', () => {
    const { p, humanLabel } = project();
    const a = labelAudit(p.db, { labelId: humanLabel.id });
    expect(a).toMatchObject({
      appliedBy: { kind: 'human', coderName: 'Maya' },
      prompt: null,
      review: null,
      code: { key: 'outreach' },
    });
    expect(a.history.map((h) => [h.actor, h.action])).toEqual([['maya', 'label.add']]);
    p.close();
  });

  it('gathers a code: the prompts that decided it, how much of that was reviewed, human coders and reviewers', () => {
    const { p } = project();
    const c = codeAudit(p.db, { codeKey: 'outreach', offset: 0, limit: 10 });
    expect(c.code).toMatchObject({
      key: 'outreach',
      name: 'Outreach',
      versions: [1],
      status: { status: 'active' },
    });
    expect(c.configs).toMatchObject([
      {
        coderName: 'gpt-test',
        model: 'fake-model',
        codebookVersion: 1,
        aiLabels: 4,
        aiAbsent: 0,
        reviewed: 1,
        changed: 1,
        accepted: 0,
      },
    ]);
    expect(c.configs[0]!.promptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(c.humanLabels).toMatchObject([{ coderName: 'Maya', labels: 1 }]);
    expect(c.reviewers).toEqual([
      { reviewer: 'ana', decisions: 1 },
      { reviewer: 'ben', decisions: 1 },
    ]);
    expect(c.decisions.total).toBe(2);
    expect(c.decisions.rows.map((d) => [d.reviewer, d.before.state, d.state])).toEqual([
      ['ben', 'accepted', 'changed'],
      ['ana', 'pending', 'accepted'],
    ]);
    expect(() => codeAudit(p.db, { codeKey: 'no-such', offset: 0, limit: 10 })).toThrow(
      /no codebook version/,
    );
    p.close();
  });

  it('exports every label change in time order as CSV and as JSON Lines', () => {
    const { p } = project();
    const csv = exportHistory(p.db, { format: 'csv' });
    const rows = parse(csv.text!, { columns: true }) as Record<string, string>[];
    expect(csv.text!.split('\r\n')[0]).toBe(LABEL_EVENT_COLUMNS.join(','));
    // 4 AI labels, 4 human changes (3 adds, 1 removal), 2 review decisions
    expect(csv.rows).toBe(10);
    expect(rows.map((r) => r.event).sort()).toEqual([
      'ai.label',
      'ai.label',
      'ai.label',
      'ai.label',
      'label.add',
      'label.add',
      'label.add',
      'label.remove',
      'review.accept',
      'review.change_code',
    ]);
    const change = rows.find((r) => r.event === 'review.change_code')!;
    expect(change).toMatchObject({
      actor: 'ben',
      actor_kind: 'reviewer',
      code_id: 'outreach',
      code: 'Outreach',
      coder: 'gpt-test',
      before: 'present',
      after: 'absent',
      state_before: 'accepted',
      state_after: 'changed',
      changed_to: 'barriers',
      memo: 'about work hours',
      codebook_version: '1',
      model: 'fake-model-2025',
    });
    expect(change.config_hash).toMatch(/^[0-9a-f]{64}$/);
    const removal = rows.find((r) => r.event === 'label.remove')!;
    expect(removal).toMatchObject({
      actor: 'maya',
      actor_kind: 'human',
      code_id: 'language',
      coder: 'Maya',
      before: 'present',
      after: 'absent',
      segment_index: '3',
    });
    const times = rows.map((r) => r.at);
    expect([...times].sort()).toEqual(times);

    const out = join(tmp(), 'history.jsonl');
    const jsonl = exportHistory(p.db, { format: 'jsonl', path: out, codeKey: 'language' });
    expect(jsonl).toEqual({ rows: 3, path: out, text: null });
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; review_reasons: unknown });
    expect(lines.map((l) => l.event)).toEqual(['label.add', 'label.add', 'label.remove']);
    expect(lines[0]!.review_reasons).toEqual([]);
    p.close();
  });
});
