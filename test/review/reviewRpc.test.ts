import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '../../shared/contract';
import type { DecideResult, ItemDetail, QueuePage } from '../../shared/contract/review';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import type { HandlerContext } from '../../electron/backend/rpc/handlers';
import { Session } from '../../electron/backend/session';
import { useTmpDir } from '../helpers/tmp';
import { openReviewProject, runFakeAiCoder } from './reviewFixture';

const tmp = useTmpDir();
let session: Session | null = null;
afterEach(() => {
  session?.close();
  session = null;
});

function setup() {
  const dir = tmp();
  const p = openReviewProject(dir, 30);
  const { coderId } = runFakeAiCoder(p, 'gpt-test', (i, code) => ({
    present: code === 'outreach' || (code === 'barriers' && i % 3 === 0),
    evidence: 'calls',
    confidence: 0.6 + (i % 4) / 10,
  }));
  const path = p.path;
  p.close();
  session = new Session({ host: 'browser', configDir: join(dir, 'config'), user: 'lead' });
  session.open(path);
  const ctx: HandlerContext = { session, emit: () => {} };
  /** calls a method and checks its result against the contract's result schema */
  const call = async <T>(method: MethodName, params: unknown): Promise<T> => {
    const r = await dispatch(method, params, ctx);
    if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
    return contract[method].result.parse(r.result) as T;
  };
  const fail = async (method: string, params: unknown) => {
    const r = await dispatch(method, params, ctx);
    if (r.ok) throw new Error(`${method} should have failed`);
    return r.error;
  };
  return { call, fail, coderId, dir };
}

describe('review over RPC', () => {
  it('serves queue, item, decisions, undo, audit sample, dashboard, audit views, export and effective counts as the contract says', async () => {
    const { call, coderId, dir } = setup();
    const page = await call<QueuePage>('review.queue', { limit: 5 });
    expect(page.total).toBe(150);
    const first = page.items[0]!;
    const detail = await call<ItemDetail>('review.item', { itemId: first.itemId, contextTurns: 1 });
    expect(detail.segment!.text).toContain('(turn');
    expect(detail.before.length + detail.after.length).toBeGreaterThan(0);
    expect(detail.aiCodes.map((c) => c.codeKey)).toEqual([
      'outreach',
      'home-visits',
      'barriers',
      'schedules',
      'language',
    ]);
    const outreach = detail.aiCodes.find((c) => c.codeKey === 'outreach')!;
    expect(outreach).toMatchObject({ aiPresent: true, evidence: 'calls', rationale: 'mentions outreach' });
    // highlighted where the quote is in the text (the fake AI quotes "calls" whatever the segment says)
    const quoted = detail.segment!.text.includes('calls');
    expect(outreach.evidenceSpans).toHaveLength(quoted ? 1 : 0);
    if (quoted)
      expect(
        detail.segment!.text.slice(outreach.evidenceSpans[0]!.start, outreach.evidenceSpans[0]!.end),
      ).toBe('calls');
    expect(detail.codes).toHaveLength(5);
    expect(detail.provenance).toMatchObject({ coderName: 'gpt-test', modelRequested: 'fake-model' });

    const decided = await call<DecideResult>('review.decide', {
      itemId: first.itemId,
      baseRevision: first.revision,
      reviewer: 'ana',
      action: 'reject',
      memo: 'not outreach',
    });
    expect(decided).toMatchObject({ status: 'applied', item: { revision: 1 } });
    const stale = await call<DecideResult>('review.decide', {
      itemId: first.itemId,
      baseRevision: 0,
      reviewer: 'ben',
      action: 'accept',
    });
    expect(stale).toMatchObject({ status: 'conflict', theirs: { reviewer: 'ana' } });
    const blind = await call<ItemDetail>('review.item', { itemId: first.itemId, blindFor: 'ben' });
    expect(blind.item).toMatchObject({ state: 'pending', verdict: null, memo: '', revision: 1 });
    expect(blind.decisions).toEqual([]);
    expect(
      await call('review.undo', { itemId: first.itemId, baseRevision: 1, reviewer: 'ana' }),
    ).toMatchObject({ status: 'applied', item: { state: 'pending' } });
    // adding a missed code names the revision the reviewer saw that code's item at
    const now = await call<ItemDetail>('review.item', { itemId: first.itemId });
    const language = now.aiCodes.find((c) => c.codeKey === 'language')!;
    expect(language.aiPresent).toBe(false);
    expect(
      await call('review.addCode', {
        segmentId: now.segment!.id,
        coderId,
        codeKey: 'language',
        reviewer: 'ana',
        baseRevision: language.revision,
      }),
    ).toMatchObject({ status: 'applied', item: { state: 'added' } });
    expect(await call('review.auditSample.create', { size: 5, seed: 9 })).toMatchObject({
      name: 'audit-1',
      seed: 9,
      segments: 5,
      items: 25,
      createdBy: 'lead',
    });
    expect(await call<QueuePage>('review.queue', { queue: 'audit', limit: 100 })).toMatchObject({
      total: 25,
    });
    const dash = await call<{ coverage: { reviewed: number } }>('review.dashboard', {});
    expect(dash.coverage.reviewed).toBe(0);
    await call('review.audit.label', { itemId: first.itemId });
    await call('review.audit.code', { codeKey: 'outreach' });
    const exported = await call<{ rows: number; text: string }>('review.exportHistory', { format: 'csv' });
    expect(exported.rows).toBeGreaterThan(30);
    const written = await call<{ path: string }>('review.exportHistory', {
      format: 'jsonl',
      path: join(dir, 'h.jsonl'),
    });
    expect(written.path).toBe(join(dir, 'h.jsonl'));
    const counts = await call<{ codeKey: string; present: number; review: number }[]>(
      'review.effectiveCounts',
      { sourcePriority: ['review', 'ai'] },
    );
    expect(counts.find((c) => c.codeKey === 'language')).toMatchObject({ present: 1, review: 1 });
  });

  it('answers bad params and bad decisions with an error value', async () => {
    const { fail, call } = setup();
    const item = (await call<QueuePage>('review.queue', { limit: 1, filters: { kind: 'present' } }))
      .items[0]!;
    expect(
      await fail('review.decide', {
        itemId: item.itemId,
        baseRevision: 0,
        reviewer: 'ana',
        action: 'change_code',
      }),
    ).toMatchObject({ code: 'bad_input', message: expect.stringMatching(/name the code/) });
    expect(
      await fail('review.decide', {
        itemId: item.itemId,
        baseRevision: 0,
        reviewer: 'ana',
        action: 'accept',
        codeKey: 'barriers',
      }),
    ).toMatchObject({ code: 'bad_input' });
    expect(
      await fail('review.decide', { itemId: item.itemId, baseRevision: 0, reviewer: '  ', action: 'accept' }),
    ).toMatchObject({ code: 'bad_params', message: expect.stringMatching(/reviewer/) });
    expect(
      await fail('review.decide', { itemId: item.itemId, baseRevision: 0, reviewer: 'ana', action: 'shrug' }),
    ).toMatchObject({ code: 'bad_params' });
    expect(
      await fail('review.decide', { itemId: 123_456, baseRevision: 0, reviewer: 'ana', action: 'accept' }),
    ).toMatchObject({ code: 'not_found' });
    expect(
      await fail('review.decide', {
        itemId: item.itemId,
        baseRevision: 0,
        reviewer: 'ana',
        action: 'change_code',
        codeKey: 'ghost',
      }),
    ).toMatchObject({ code: 'unknown_code' });
    expect(
      await fail('review.undo', { itemId: item.itemId, baseRevision: 0, reviewer: 'ana' }),
    ).toMatchObject({ code: 'nothing_to_undo' });
    expect(await fail('review.audit.label', { itemId: 1, labelId: 1 })).toMatchObject({
      code: 'bad_params',
      message: expect.stringMatching(/either labelId or itemId/),
    });
    expect(await fail('review.queue', { cursor: 'garbage' })).toMatchObject({ code: 'bad_input' });
    expect(await fail('review.effectiveCounts', { sourcePriority: ['review', 'review'] })).toMatchObject({
      code: 'bad_params',
    });
    expect(await fail('review.auditSample.create', { size: 0 })).toMatchObject({ code: 'bad_params' });
  });
});
