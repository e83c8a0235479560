import { describe, expect, it } from 'vitest';
import { QueueParamsSchema } from '../../shared/contract/review';
import { editCodebook } from '../../electron/backend/codebook/editVersion';
import { planDeleteCode, planSaveCode } from '../../electron/backend/codebook/planCodeEdits';
import { planMergeCodes } from '../../electron/backend/codebook/planMergeSplit';
import { Project } from '../../electron/backend/project/project';
import { addMissedCode, decideItem, undoItem } from '../../electron/backend/review/decide';
import { queuePage } from '../../electron/backend/review/queuePage';
import { refreshReviewQueue } from '../../electron/backend/review/syncQueue';
import { CodeInputSchema } from '../../shared/contract/codebook';
import { useTmpDir } from '../helpers/tmp';
import { itemOf, openReviewProject, runFakeAiCoder, segmentIds } from './reviewFixture';

const tmp = useTmpDir();

// 10 segments; the AI applies outreach and home-visits everywhere and nothing else
function project() {
  const p = openReviewProject(tmp(), 10);
  const { coderId } = runFakeAiCoder(p, 'gpt-test', (_i, code) => ({
    present: code === 'outreach' || code === 'home-visits',
  }));
  refreshReviewQueue(p.db);
  const seg = segmentIds(p);
  const item = (s: number, code: string) => itemOf(p, seg[s]!, code, coderId);
  return { p, coderId, seg, item };
}

const decisionCount = (p: Project) =>
  p.db.prepare('SELECT count(*) FROM review_decisions').pluck().get() as number;

describe('review decisions', () => {
  it('records accept, reject, change code, add code and memo with the state each leaves', () => {
    const { p, coderId, seg, item } = project();
    const accept = decideItem(p.db, {
      itemId: item(0, 'outreach').id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'accept' },
      memo: 'clear case',
    });
    expect(accept).toMatchObject({
      status: 'applied',
      repeated: false,
      item: { state: 'accepted', verdict: true, revision: 1, memo: 'clear case', lastReviewer: 'ana' },
    });
    const reject = decideItem(p.db, {
      itemId: item(1, 'outreach').id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'reject' },
    });
    expect(reject).toMatchObject({ status: 'applied', item: { state: 'rejected', verdict: false } });
    const change = decideItem(p.db, {
      itemId: item(2, 'home-visits').id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'change_code', codeKey: 'barriers' },
    });
    expect(change).toMatchObject({
      status: 'applied',
      item: { state: 'changed', verdict: false, replacementKey: 'barriers' },
    });
    // an absent decision the reviewer disagrees with is a missed code
    const missed = decideItem(p.db, {
      itemId: item(3, 'language').id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'reject' },
    });
    expect(missed).toMatchObject({
      status: 'applied',
      item: { state: 'added', verdict: true, aiPresent: false },
    });
    const added = addMissedCode(p.db, {
      segmentId: seg[4]!,
      coderId,
      codeKey: 'schedules',
      reviewer: 'ana',
      baseRevision: 0,
    });
    expect(added).toMatchObject({
      status: 'applied',
      decision: { action: 'add_code' },
      item: { state: 'added', codeKey: 'schedules' },
    });
    const memo = decideItem(p.db, {
      itemId: item(0, 'outreach').id,
      baseRevision: 1,
      reviewer: 'ben',
      action: { action: 'memo' },
      memo: 'see turn 3',
    });
    expect(memo).toMatchObject({
      status: 'applied',
      item: { state: 'accepted', verdict: true, memo: 'see turn 3', revision: 2 },
    });
    expect(decisionCount(p)).toBe(6);
    // every decision is in the project history too
    expect(p.db.prepare("SELECT count(*) FROM history WHERE entity = 'review_item'").pluck().get()).toBe(6);
    expect(() =>
      decideItem(p.db, {
        itemId: item(5, 'language').id,
        baseRevision: 0,
        reviewer: 'ana',
        action: { action: 'change_code', codeKey: 'outreach' },
      }),
    ).toThrow(/did not apply/);
    expect(() =>
      decideItem(p.db, {
        itemId: item(5, 'outreach').id,
        baseRevision: 0,
        reviewer: 'ana',
        action: { action: 'change_code', codeKey: 'outreach' },
      }),
    ).toThrow(/to itself/);
    p.close();
  });

  it('refuses a decision based on a revision another reviewer has moved on, with their decision, and never overwrites it', () => {
    const { p, item } = project();
    const id = item(0, 'outreach').id;
    // both opened the item at revision 0
    const ana = decideItem(p.db, {
      itemId: id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'accept' },
    });
    const ben = decideItem(p.db, {
      itemId: id,
      baseRevision: 0,
      reviewer: 'ben',
      action: { action: 'reject' },
    });
    expect(ana.status).toBe('applied');
    expect(ben).toMatchObject({
      status: 'conflict',
      item: { state: 'accepted', revision: 1 },
      theirs: { reviewer: 'ana', action: 'accept', state: 'accepted' },
    });
    if (ben.status === 'conflict') expect(ben.message).toMatch(/ana decided this item/);
    expect(item(0, 'outreach')).toMatchObject({ state: 'accepted', revision: 1 });
    expect(decisionCount(p)).toBe(1);
    // having seen Ana's decision, Ben decides again on top of it: both are kept
    expect(
      decideItem(p.db, { itemId: id, baseRevision: 1, reviewer: 'ben', action: { action: 'reject' } }),
    ).toMatchObject({ status: 'applied', item: { state: 'rejected', revision: 2 } });
    expect(p.db.prepare('SELECT reviewer, action, revision FROM review_decisions ORDER BY id').all()).toEqual(
      [
        { reviewer: 'ana', action: 'accept', revision: 1 },
        { reviewer: 'ben', action: 'reject', revision: 2 },
      ],
    );
    // the same reviewer sending the same decision twice (a double key press) gets it back, once
    const again = decideItem(p.db, {
      itemId: id,
      baseRevision: 1,
      reviewer: 'ben',
      action: { action: 'reject' },
    });
    expect(again).toMatchObject({ status: 'applied', repeated: true, decision: { revision: 2 } });
    // …but a different decision from the same stale revision is still a conflict
    expect(
      decideItem(p.db, { itemId: id, baseRevision: 1, reviewer: 'ben', action: { action: 'accept' } }).status,
    ).toBe('conflict');
    expect(decisionCount(p)).toBe(2);
    p.close();
  });

  it('undoes one step at a time by new decisions, back to unreviewed', () => {
    const { p, item } = project();
    const id = item(0, 'outreach').id;
    decideItem(p.db, {
      itemId: id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'accept' },
      memo: 'first',
    });
    decideItem(p.db, {
      itemId: id,
      baseRevision: 1,
      reviewer: 'ana',
      action: { action: 'change_code', codeKey: 'barriers' },
    });
    expect(undoItem(p.db, { itemId: id, baseRevision: 2, reviewer: 'ana' })).toMatchObject({
      status: 'applied',
      decision: { action: 'undo', revertsId: 2 },
      item: { state: 'accepted', verdict: true, replacementKey: null, memo: 'first', revision: 3 },
    });
    expect(undoItem(p.db, { itemId: id, baseRevision: 3, reviewer: 'ana' })).toMatchObject({
      status: 'applied',
      decision: { revertsId: 1 },
      item: { state: 'pending', verdict: null, revision: 4 },
    });
    expect(() => undoItem(p.db, { itemId: id, baseRevision: 4, reviewer: 'ana' })).toThrow(
      /nothing|no decision in force/,
    );
    // another reviewer's decision in between makes an undo stale
    decideItem(p.db, { itemId: id, baseRevision: 4, reviewer: 'ana', action: { action: 'reject' } });
    decideItem(p.db, { itemId: id, baseRevision: 5, reviewer: 'ben', action: { action: 'accept' } });
    expect(undoItem(p.db, { itemId: id, baseRevision: 5, reviewer: 'ana' })).toMatchObject({
      status: 'conflict',
      theirs: { reviewer: 'ben' },
    });
    expect(p.db.prepare('SELECT count(*) FROM review_decisions WHERE item_id = ?').pluck().get(id)).toBe(6);
    p.close();
  });

  it('refuses to review an item whose segment has been deleted, keeping its decisions', () => {
    const { p, seg, item } = project();
    const id = item(0, 'outreach').id;
    decideItem(p.db, { itemId: id, baseRevision: 0, reviewer: 'ana', action: { action: 'accept' } });
    p.db.prepare('DELETE FROM segments WHERE id = ?').run(seg[0]);
    expect(() =>
      decideItem(p.db, { itemId: id, baseRevision: 1, reviewer: 'ana', action: { action: 'reject' } }),
    ).toThrow(/segment or its AI coder has been deleted/);
    expect(() => undoItem(p.db, { itemId: id, baseRevision: 1, reviewer: 'ana' })).toThrow(/deleted/);
    expect(() =>
      addMissedCode(p.db, {
        segmentId: seg[0]!,
        coderId: 1,
        codeKey: 'language',
        reviewer: 'ana',
        baseRevision: 0,
      }),
    ).toThrow(/deleted/);
    expect(p.db.prepare('SELECT count(*) FROM review_decisions WHERE item_id = ?').pluck().get(id)).toBe(1);
    const queue = queuePage(
      p.db,
      QueueParamsSchema.parse({ filters: { states: ['pending', 'accepted'] }, limit: 500 }),
    );
    expect(queue.items.some((i) => i.segmentId === seg[0])).toBe(false);
    const all = queuePage(
      p.db,
      QueueParamsSchema.parse({ filters: { states: ['accepted'], includeOrphaned: true } }),
    );
    expect(all.items).toMatchObject([
      { itemId: id, orphaned: true, documentName: 'interview-0', segmentIndex: null },
    ]);
    p.close();
  });

  it('refuses to confirm a code merged or removed since, naming what it became, but lets it be rejected or changed', () => {
    const { p, item } = project();
    p.db.transaction(() => {
      editCodebook(p.db, 1, 'lead', (codes, ctx) => planMergeCodes(codes, ['home-visits'], 'outreach', ctx));
      editCodebook(p.db, 2, 'lead', (codes, ctx) => planDeleteCode(codes, 'language', ctx));
    })();
    const merged = item(0, 'home-visits').id;
    expect(() =>
      decideItem(p.db, { itemId: merged, baseRevision: 0, reviewer: 'ana', action: { action: 'accept' } }),
    ).toThrow(/merged or split into "outreach"/);
    expect(
      decideItem(p.db, {
        itemId: merged,
        baseRevision: 0,
        reviewer: 'ana',
        action: { action: 'change_code', codeKey: 'outreach' },
      }),
    ).toMatchObject({
      status: 'applied',
      item: { state: 'changed', replacementKey: 'outreach' },
    });
    const removed = item(1, 'language').id;
    expect(() =>
      decideItem(p.db, { itemId: removed, baseRevision: 0, reviewer: 'ana', action: { action: 'reject' } }),
    ).toThrow(/removed/);
    expect(
      decideItem(p.db, { itemId: removed, baseRevision: 0, reviewer: 'ana', action: { action: 'accept' } }),
    ).toMatchObject({ status: 'applied', item: { state: 'accepted', verdict: false } });
    expect(() =>
      decideItem(p.db, {
        itemId: item(2, 'outreach').id,
        baseRevision: 0,
        reviewer: 'ana',
        action: { action: 'change_code', codeKey: 'home-visits' },
      }),
    ).toThrow(/merged or split into "outreach"/);
    p.close();
  });

  it('refuses an unknown code, an unknown item and an AI coder that is not one, writing nothing', () => {
    const { p, coderId, seg, item } = project();
    const before = decisionCount(p);
    expect(() =>
      decideItem(p.db, {
        itemId: item(0, 'outreach').id,
        baseRevision: 0,
        reviewer: 'ana',
        action: { action: 'change_code', codeKey: 'no-such-code' },
      }),
    ).toThrow(/has no code "no-such-code"/);
    expect(() =>
      addMissedCode(p.db, {
        segmentId: seg[0]!,
        coderId,
        codeKey: 'no-such-code',
        reviewer: 'ana',
        baseRevision: 0,
      }),
    ).toThrow(/has no code/);
    expect(() =>
      decideItem(p.db, { itemId: 99_999, baseRevision: 0, reviewer: 'ana', action: { action: 'accept' } }),
    ).toThrow(/does not exist/);
    p.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('Ana', 'human', 'h1', 'now')")
      .run();
    const human = p.db.prepare("SELECT id FROM coders WHERE name = 'Ana'").pluck().get() as number;
    expect(() =>
      addMissedCode(p.db, {
        segmentId: seg[0]!,
        coderId: human,
        codeKey: 'barriers',
        reviewer: 'ana',
        baseRevision: 0,
      }),
    ).toThrow(/not an AI coder/);
    expect(decisionCount(p)).toBe(before);
    expect(item(0, 'outreach')).toMatchObject({ revision: 0, state: 'pending' });
    expect(p.db.prepare("SELECT count(*) FROM review_items WHERE source = 'review'").pluck().get()).toBe(0);
    p.close();
  });

  it('adds a code the AI never decided (new in the codebook), and two reviewers adding it do not both win silently', () => {
    const { p, coderId, seg } = project();
    p.db.transaction(() =>
      editCodebook(p.db, 1, 'lead', (codes, ctx) =>
        planSaveCode(codes, CodeInputSchema.parse({ parentKey: null, name: 'Volunteering' }), ctx),
      ),
    )();
    const ana = addMissedCode(p.db, {
      segmentId: seg[0]!,
      coderId,
      codeKey: 'volunteering',
      reviewer: 'ana',
      baseRevision: 0,
    });
    expect(ana).toMatchObject({ status: 'applied', item: { state: 'added', aiPresent: false, revision: 1 } });
    const ben = addMissedCode(p.db, {
      segmentId: seg[0]!,
      coderId,
      codeKey: 'volunteering',
      reviewer: 'ben',
      baseRevision: 0,
    });
    expect(ben).toMatchObject({ status: 'conflict', theirs: { reviewer: 'ana', action: 'add_code' } });
    expect(
      p.db.prepare("SELECT source, risk FROM review_items WHERE code_key = 'volunteering'").all(),
    ).toEqual([{ source: 'review', risk: 0 }]);
    p.close();
  });

  it('keeps every decision of an interrupted session: each is committed on its own', () => {
    const { p, item } = project();
    const path = p.path;
    const ids = [0, 1, 2].map((s) => item(s, 'outreach').id);
    ids.forEach((id) =>
      decideItem(p.db, { itemId: id, baseRevision: 0, reviewer: 'ana', action: { action: 'accept' } }),
    );
    // a decision that fails half-way leaves nothing behind
    expect(() =>
      decideItem(p.db, {
        itemId: item(3, 'outreach').id,
        baseRevision: 0,
        reviewer: 'ana',
        action: { action: 'change_code', codeKey: 'nope' },
      }),
    ).toThrow();
    // the window is closed without closing the project (crash, kill): another process opens the file
    const other = Project.open(path);
    try {
      expect(other.db.prepare('SELECT item_id FROM review_decisions ORDER BY id').pluck().all()).toEqual(ids);
      expect(
        other.db.prepare("SELECT count(*) FROM review_items WHERE state = 'accepted'").pluck().get(),
      ).toBe(3);
      // and the session resumes where it stopped
      refreshReviewQueue(other.db);
      const next = queuePage(other.db, QueueParamsSchema.parse({ filters: { codeKeys: ['outreach'] } }));
      expect(next.total).toBe(7);
      expect(next.items.some((i) => ids.includes(i.itemId))).toBe(false);
    } finally {
      other.close();
      p.close();
    }
  });
});
