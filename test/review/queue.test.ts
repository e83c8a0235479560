import { describe, expect, it } from 'vitest';
import { QueueParamsSchema, type QueueParams } from '../../shared/contract/review';
import { createAuditSample } from '../../electron/backend/review/auditSample';
import { decideItem } from '../../electron/backend/review/decide';
import { queuePage } from '../../electron/backend/review/queuePage';
import { refreshReviewQueue } from '../../electron/backend/review/syncQueue';
import type { Project } from '../../electron/backend/project/project';
import { useTmpDir } from '../helpers/tmp';
import { CODE_KEYS, openReviewProject, runFakeAiCoder } from './reviewFixture';

const tmp = useTmpDir();

const page = (p: Project, params: QueueParams = {}) => {
  refreshReviewQueue(p.db);
  return queuePage(p.db, QueueParamsSchema.parse(params));
};

function allPages(p: Project, params: QueueParams = {}) {
  const out = [];
  let cursor: string | null | undefined;
  do {
    const r = page(p, { ...params, cursor, limit: 7 });
    out.push(...r.items);
    cursor = r.nextCursor;
  } while (cursor);
  return out;
}

// 200 segments (two documents, bright then partner), 5 codes: 1,000 items. Every 10th
// segment's decisions are injected errors, flagged as a wrong answer tends to be
// (low confidence, split votes, evidence not found, retries); the rest are confident.
function injectedProject() {
  const p = openReviewProject(tmp(), 200);
  const injected = (i: number) => i % 10 === 3;
  const { coderId } = runFakeAiCoder(
    p,
    'gpt-test',
    (i, code) => {
      const present = (i + code.length) % 4 === 0;
      if (!injected(i)) return { present, confidence: 0.9 + (i % 7) / 100 };
      const wrong = !present;
      return wrong
        ? {
            present: true,
            confidence: 0.55,
            voteShare: 2 / 3,
            votes: 2,
            samples: 3,
            evidenceFound: i % 20 === 3 ? false : true,
          }
        : { present: false, confidence: 0.6, voteShare: 1 / 3, votes: 1, samples: 3 };
    },
    { extraRequests: (i) => (injected(i) && i % 30 === 3 ? 2 : 0) },
  );
  return { p, coderId, injected };
}

describe('review queue', () => {
  it('holds every AI decision, present and absent, and puts the injected errors first with their reasons', () => {
    const { p, injected } = injectedProject();
    const first = page(p, { limit: 100 });
    expect(first.total).toBe(200 * CODE_KEYS.length);
    const segIndex = (item: { segmentIndex: number | null; documentName: string | null }) =>
      item.segmentIndex! + (item.documentName === 'interview-1' ? 100 : 0);
    // 20 injected segments × 5 codes = 100 items: exactly the first page
    expect(first.items.every((i) => injected(segIndex(i)))).toBe(true);
    expect(first.items.some((i) => i.aiPresent) && first.items.some((i) => !i.aiPresent)).toBe(true);
    const reasons = new Set(first.items.flatMap((i) => i.reasons));
    expect([...reasons].sort()).toEqual(['evidence_not_found', 'low_confidence', 'retried', 'split_vote']);
    // descending risk
    const risks = first.items.map((i) => i.risk!);
    expect([...risks].sort((a, b) => b - a)).toEqual(risks);
    p.close();
  });

  it('pages through the whole queue with a cursor, each item exactly once, in risk order', () => {
    const { p } = injectedProject();
    const items = allPages(p);
    expect(items).toHaveLength(1000);
    expect(new Set(items.map((i) => i.itemId)).size).toBe(1000);
    for (let k = 1; k < items.length; k++) expect(items[k]!.risk!).toBeLessThanOrEqual(items[k - 1]!.risk!);
    // decisions made while paging do not shift the pages
    const r1 = page(p, { limit: 10 });
    for (const i of r1.items)
      decideItem(p.db, { itemId: i.itemId, baseRevision: 0, reviewer: 'ana', action: { action: 'accept' } });
    const r2 = page(p, { limit: 10, cursor: r1.nextCursor });
    expect(r2.items[0]!.risk!).toBeLessThanOrEqual(r1.items[9]!.risk!);
    expect(r2.total).toBe(990);
    p.close();
  });

  it('filters by code, document, attribute, coder, state, reason, kind and reviewer', () => {
    const { p, coderId } = injectedProject();
    const docs = p.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
    expect(page(p, { filters: { codeKeys: ['outreach'] } }).total).toBe(200);
    expect(page(p, { filters: { codeKeys: ['outreach', 'language'], documentIds: [docs[1]!] } }).total).toBe(
      200,
    );
    expect(
      page(p, { filters: { attributes: [{ name: 'group', value: 'partner' }] } }).items.every(
        (i) => i.documentId === docs[1],
      ),
    ).toBe(true);
    expect(page(p, { filters: { attributes: [{ name: 'group', value: 'nobody' }] } }).total).toBe(0);
    expect(page(p, { filters: { coderIds: [coderId] } }).total).toBe(1000);
    expect(page(p, { filters: { coderIds: [coderId + 99] } }).total).toBe(0);
    const flagged = page(p, { filters: { reasons: ['evidence_not_found'] }, limit: 500 });
    expect(flagged.total).toBeGreaterThan(0);
    expect(flagged.items.every((i) => i.reasons.includes('evidence_not_found') && i.aiPresent)).toBe(true);
    const present = page(p, { filters: { kind: 'present' } }).total;
    const absent = page(p, { filters: { kind: 'absent' } }).total;
    expect(present + absent).toBe(1000);
    const [a, b] = page(p, { limit: 2 }).items;
    decideItem(p.db, { itemId: a!.itemId, baseRevision: 0, reviewer: 'ana', action: { action: 'accept' } });
    decideItem(p.db, { itemId: b!.itemId, baseRevision: 0, reviewer: 'ben', action: { action: 'reject' } });
    expect(page(p).total).toBe(998);
    expect(
      page(p, { filters: { states: ['accepted', 'rejected', 'added'] } })
        .items.map((i) => i.itemId)
        .sort(),
    ).toEqual([a!.itemId, b!.itemId].sort());
    expect(
      page(p, { filters: { states: ['accepted', 'rejected', 'added'], reviewedBy: 'ben' } }).items.map(
        (i) => i.itemId,
      ),
    ).toEqual([b!.itemId]);
    // a second reviewer's queue of items someone else decided and they have not
    const second = page(p, { filters: { states: ['accepted', 'rejected', 'added'], notReviewedBy: 'ana' } });
    expect(second.items.map((i) => i.itemId)).toEqual([b!.itemId]);
    p.close();
  });

  it('keeps the audit sample out of the risk queue and serves it in its random order', () => {
    const { p } = injectedProject();
    const sample = createAuditSample(p.db, { size: 10, seed: 42 }, 'lead');
    expect(sample).toMatchObject({ segments: 10, items: 50, seed: 42, name: 'audit-1' });
    expect(p.db.prepare('SELECT purpose, seed FROM samples WHERE id = ?').get(sample.id)).toEqual({
      purpose: 'audit',
      seed: 42,
    });
    expect(page(p).total).toBe(950);
    const audit = allPages(p, { queue: 'audit' });
    expect(audit).toHaveLength(50);
    const ranks = audit.map((i) => i.auditRank!);
    expect([...ranks].sort((x, y) => x - y)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(10);
    // the same seed draws the same segments
    const again = createAuditSample(p.db, { size: 10, seed: 42, name: 'again' }, 'lead');
    expect(allPages(p, { queue: 'audit' }).map((i) => i.itemId)).toEqual(audit.map((i) => i.itemId));
    expect(again.segments).toBe(10);
    p.close();
  });

  it('refuses a malformed cursor or one of the other queue', () => {
    const { p } = injectedProject();
    const next = page(p, { limit: 5 }).nextCursor!;
    expect(() => page(p, { cursor: 'not-a-cursor' })).toThrow(/cursor is not valid/);
    expect(() => page(p, { queue: 'audit', cursor: next })).toThrow(/risk queue/);
    p.close();
  });
});
