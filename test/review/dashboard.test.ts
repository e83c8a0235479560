import { describe, expect, it } from 'vitest';
import type { Dashboard } from '../../shared/contract/review';
import { DashboardSchema } from '../../shared/contract/review';
import { createAuditSample } from '../../electron/backend/review/auditSample';
import { reviewDashboard } from '../../electron/backend/review/dashboard';
import { addMissedCode, decideItem } from '../../electron/backend/review/decide';
import { reviewRate } from '../../electron/backend/review/reviewRate';
import { refreshReviewQueue } from '../../electron/backend/review/syncQueue';
import { runCli } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';
import { openReviewProject, runFakeAiCoder, segmentIds } from './reviewFixture';

const tmp = useTmpDir();

// 40 segments. The AI applies outreach everywhere (truth: only on even segments) and
// nothing else (truth: barriers on every 4th segment too). A lead draws an audit
// sample of 10 segments and a reviewer decides all of it by the truth; a few
// risk-queue items are decided too, and six items are reviewed twice.
function reviewedProject() {
  const p = openReviewProject(tmp(), 40);
  const { coderId } = runFakeAiCoder(p, 'gpt-test', (i, code) => ({
    present: code === 'outreach',
    confidence: i < 4 ? 0.5 : 0.95,
  }));
  refreshReviewQueue(p.db);
  const seg = segmentIds(p);
  const position = new Map(seg.map((id, i) => [id, i]));
  const truth = (segmentId: number, code: string) => {
    const i = position.get(segmentId)!;
    return (code === 'outreach' && i % 2 === 0) || (code === 'barriers' && i % 4 === 0);
  };
  createAuditSample(p.db, { size: 10, seed: 3 }, 'lead');
  const audit = p.db
    .prepare(
      'SELECT id, segment_id, code_key, ai_present FROM review_items WHERE audit_rank IS NOT NULL ORDER BY audit_rank, id',
    )
    .all() as {
    id: number;
    segment_id: number;
    code_key: string;
    ai_present: number;
  }[];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const it of audit) {
    const t = truth(it.segment_id, it.code_key);
    const ai = it.ai_present === 1;
    if (ai && t) tp++;
    else if (ai) fp++;
    else if (t) fn++;
    decideItem(p.db, {
      itemId: it.id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: t === ai ? 'accept' : 'reject' },
    });
  }
  // risk queue: three outreach labels of non-audit segments, one reviewed twice in disagreement
  const risky = p.db
    .prepare(
      "SELECT id FROM review_items WHERE audit_rank IS NULL AND code_key = 'outreach' ORDER BY risk DESC, id LIMIT 3",
    )
    .pluck()
    .all() as number[];
  for (const id of risky)
    decideItem(p.db, { itemId: id, baseRevision: 0, reviewer: 'ben', action: { action: 'accept' } });
  // double review: Ben re-decides five of Ana's audit items (agreeing) and one of his own is re-decided by Ana (disagreeing)
  for (const it of audit.slice(0, 5)) {
    const t = truth(it.segment_id, it.code_key);
    decideItem(p.db, {
      itemId: it.id,
      baseRevision: 1,
      reviewer: 'ben',
      action: { action: t === (it.ai_present === 1) ? 'accept' : 'reject' },
    });
  }
  decideItem(p.db, { itemId: risky[0]!, baseRevision: 1, reviewer: 'ana', action: { action: 'reject' } });
  // a code the AI missed outside the audit: the decision counts as a review, not as an audit observation
  const outside = p.db
    .prepare(
      "SELECT segment_id FROM review_items WHERE audit_rank IS NULL AND code_key = 'language' ORDER BY id LIMIT 1",
    )
    .pluck()
    .get() as number;
  addMissedCode(p.db, { segmentId: outside, coderId, codeKey: 'language', reviewer: 'ben', baseRevision: 0 });
  return { p, coderId, counts: { tp, fp, fn, audit: audit.length } };
}

describe('review dashboard', () => {
  it('reports coverage, what remains, precision and recall from the audit sample, reviewer agreement and pace', () => {
    const { p, counts } = reviewedProject();
    const d = DashboardSchema.parse(reviewDashboard(p.db));
    expect(d.items).toEqual({ total: 200, aiLabels: 40, aiAbsent: 160, orphaned: 0 });
    // AI labels reviewed: 10 in the audit, 3 in the risk queue
    expect(d.coverage).toMatchObject({
      aiLabels: 40,
      reviewed: 13,
      share: 13 / 40,
      absentTotal: 160,
      absentReviewed: 41,
    });
    expect(d.coverage.byCode).toEqual([
      { codeKey: 'outreach', codeName: 'Outreach', aiLabels: 40, reviewed: 13, share: 13 / 40 },
    ]);
    expect(d.coverage.byReason.find((r) => r.reason === 'low_confidence')).toMatchObject({ aiLabels: 4 });
    expect(d.remaining).toEqual({ total: 200 - 50 - 3 - 1, riskQueue: 146, auditQueue: 0 });
    expect(d.audit).toMatchObject({
      sample: { name: 'audit-1', seed: 3, segments: 10, items: 50 },
      items: 50,
      decided: 50,
      completeness: 1,
    });
    const e = d.audit.coders[0]!;
    expect(e).toMatchObject({
      coderName: 'gpt-test',
      truePositives: counts.tp,
      falsePositives: counts.fp,
      falseNegatives: counts.fn,
    });
    expect(e.precision.value).toBeCloseTo(counts.tp / (counts.tp + counts.fp), 12);
    expect(e.recall.value).toBeCloseTo(counts.tp / (counts.tp + counts.fn), 12);
    expect(e.precision.ci95![0]).toBeLessThanOrEqual(e.precision.value!);
    expect(e.precision.ci95![1]).toBeGreaterThanOrEqual(e.precision.value!);
    expect(e.byCode.map((c) => c.codeKey)).toEqual([
      'barriers',
      'home-visits',
      'language',
      'outreach',
      'schedules',
    ]);
    expect(d.audit.ciMethod).toMatch(/Wilson/);
    expect(d.reviewerAgreement).toMatchObject({ items: 6, reviewers: ['ana', 'ben'], disagreements: 1 });
    expect(d.reviewerAgreement!.percentAgreement).toBeCloseTo(5 / 6, 12);
    expect(d.reviewers.map((r) => [r.reviewer, r.decisions, r.items])).toEqual([
      ['ana', 51, 51],
      ['ben', 9, 9],
    ]);
    // one AI coder's figures only
    expect(reviewDashboard(p.db, { coderId: 999 }).items.total).toBe(0);
    p.close();
  });

  it('has no estimate, with the reason, before any audit decision', () => {
    const p = openReviewProject(tmp(), 5);
    runFakeAiCoder(p, 'gpt-test', (_i, code) => ({ present: code === 'outreach' }));
    createAuditSample(p.db, { size: 2, seed: 1 }, 'lead');
    const d = reviewDashboard(p.db);
    expect(d.audit.coders[0]!.precision).toEqual({
      value: null,
      ci95: null,
      successes: 0,
      n: 0,
      reason: expect.stringMatching(/no AI label/),
    });
    expect(d.reviewerAgreement).toBeNull();
    expect(() => createAuditSample(p.db, { size: 2, seed: 1, name: 'audit-1' }, 'lead')).toThrow(
      /already exists/,
    );
    p.close();
  });

  it('measures each reviewer in items per hour, not counting breaks', () => {
    const t = (minutes: number) => minutes * 60_000;
    expect(reviewRate([t(0), t(1), t(2), t(12), t(12.5)])).toEqual({
      activeHours: 2.5 / 60,
      itemsPerHour: 3 / (2.5 / 60),
    });
    expect(reviewRate([t(5)])).toEqual({ activeHours: 0, itemsPerHour: null });
    expect(reviewRate([t(0), t(60)])).toEqual({ activeHours: 0, itemsPerHour: null });
  });
});

describe('concord review-stats', () => {
  it('prints the dashboard as JSON and as text', async () => {
    const dir = tmp();
    const { p } = (() => {
      const r = reviewedProject();
      return r;
    })();
    const path = p.path;
    p.close();
    const json = await runCli(['review-stats', path, '--json'], dir);
    expect(json.code).toBe(0);
    const d = json.json<Dashboard>();
    expect(d.coverage.reviewed).toBe(13);
    expect(d.audit.coders[0]!.precision.value).not.toBeNull();
    const text = await runCli(['review-stats', path], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/AI labels: 40, reviewed 13 \(32\.5%\)/);
    expect(text.stdout).toMatch(/gpt-test: precision \d\.\d\d \[\d\.\d\d, \d\.\d\d\]/);
    expect(text.stdout).toMatch(/Reviewer agreement on 6 double-reviewed items \(ana, ben\)/);
    const coder = await runCli(['review-stats', path, '--json', '--coder', 'gpt-test'], dir);
    expect(coder.json<Dashboard>().items.total).toBe(200);
  });

  it('fails with one line on bad input', async () => {
    const dir = tmp();
    const missing = await runCli(['review-stats', 'nope.concord'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^concord: error: .*does not exist\n$/);
    const p = openReviewProject(dir, 3);
    p.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('Maya', 'human', 'h', 'now')")
      .run();
    p.close();
    const human = await runCli(['review-stats', p.path, '--coder', 'Maya'], dir);
    expect(human.stderr).toBe(
      'concord: error: "Maya" is a human coder; review figures are about AI coders\n',
    );
    const unknown = await runCli(['review-stats', p.path, '--coder', 'Nobody'], dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^concord: error: no coder named "Nobody"/);
    const extra = await runCli(['review-stats'], dir);
    expect(extra.stderr).toMatch(/^concord: error: wrong number of arguments/);
    const empty = await runCli(['review-stats', p.path, '--json'], dir);
    expect(empty.code).toBe(0);
    expect(empty.json<Dashboard>().audit.sample).toBeNull();
  });
});
