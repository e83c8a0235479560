import { describe, expect, it } from 'vitest';
import { decideItem, undoItem } from '../../electron/backend/review/decide';
import { readIntegerPairs } from '../../electron/backend/compare/packedIntegers';
import {
  effectiveCounts,
  effectiveLabels,
  effectiveLabelSource,
  effectiveLabelsSql,
  reviewedLabelIds,
} from '../../electron/backend/review/effectiveLabels';
import type { EffectiveSource } from '../../shared/contract/review';
import { useTmpDir } from '../helpers/tmp';
import { itemOf, openReviewProject, runFakeAiCoder, segmentIds } from './reviewFixture';

const tmp = useTmpDir();

// Two AI coders on 10 segments. A (unapproved) applies outreach everywhere; B (approved
// by calibration) applies outreach on segments 5–9 only, and barriers on segment 0.
function project() {
  const p = openReviewProject(tmp(), 10);
  const a = runFakeAiCoder(p, 'gpt-a', (_i, code) => ({ present: code === 'outreach' })).coderId;
  const b = runFakeAiCoder(p, 'gpt-b', (i, code) => ({
    present: (code === 'outreach' && i >= 5) || (code === 'barriers' && i === 0),
  })).coderId;
  p.db
    .prepare(
      "INSERT INTO coder_approvals (coder_id, config_hash, approved_at, approved_by) SELECT id, config_hash, 'now', 'lead' FROM coders WHERE id = ?",
    )
    .run(b);
  const seg = segmentIds(p);
  return { p, a, b, seg, item: (s: number, code: string, coder: number) => itemOf(p, seg[s]!, code, coder) };
}

const lookup = (labels: ReturnType<typeof effectiveLabels>, segmentId: number, codeKey: string) =>
  labels.find((l) => l.segmentId === segmentId && l.codeKey === codeKey) ?? null;

describe('effective labels', () => {
  it('take the reviewed decision over an approved AI label over any other AI label', () => {
    const { p, a, b, seg, item } = project();
    const at = (s: number, code: string, priority?: EffectiveSource[]) => {
      const l = lookup(effectiveLabels(p.db, priority ? { sourcePriority: priority } : {}), seg[s]!, code);
      return l && { present: l.present, source: l.source };
    };
    // A says present, approved B says absent: B counts
    expect(at(0, 'outreach')).toEqual({ present: false, source: 'approved_ai' });
    expect(at(0, 'barriers')).toEqual({ present: true, source: 'approved_ai' });
    // a reviewer confirms A's label: the review counts
    decideItem(p.db, {
      itemId: item(0, 'outreach', a).id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'accept' },
    });
    expect(at(0, 'outreach')).toEqual({ present: true, source: 'review' });
    // both AI coders apply it, a reviewer rejects it: absent
    decideItem(p.db, {
      itemId: item(5, 'outreach', b).id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'reject' },
    });
    expect(at(5, 'outreach')).toEqual({ present: false, source: 'review' });
    // a changed label: the old code absent, the new one present
    decideItem(p.db, {
      itemId: item(6, 'outreach', a).id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'change_code', codeKey: 'language' },
    });
    expect(at(6, 'outreach')).toEqual({ present: false, source: 'review' });
    expect(at(6, 'language')).toEqual({ present: true, source: 'review' });
    // two reviewed items on the same segment and code: the later decision counts
    decideItem(p.db, {
      itemId: item(7, 'outreach', a).id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'accept' },
    });
    decideItem(p.db, {
      itemId: item(7, 'outreach', b).id,
      baseRevision: 0,
      reviewer: 'ben',
      action: { action: 'reject' },
    });
    expect(at(7, 'outreach')).toEqual({ present: false, source: 'review' });
    // undo puts the AI back in charge
    undoItem(p.db, { itemId: item(5, 'outreach', b).id, baseRevision: 1, reviewer: 'ana' });
    expect(at(5, 'outreach')).toEqual({ present: true, source: 'approved_ai' });
    // another priority: reviewed only, or AI as if unreviewed
    expect(at(1, 'outreach', ['review'])).toBeNull();
    expect(at(0, 'outreach', ['review'])).toEqual({ present: true, source: 'review' });
    expect(at(0, 'outreach', ['ai'])).toEqual({ present: true, source: 'ai' });
    expect(at(1, 'outreach', ['review', 'ai'])).toEqual({ present: true, source: 'ai' });
    expect(at(1, 'outreach', ['approved_ai'])).toEqual({ present: false, source: 'approved_ai' });
    p.close();
  });

  it('count per code and source, and leave out segments deleted since', () => {
    const { p, a, seg, item } = project();
    decideItem(p.db, {
      itemId: item(1, 'outreach', a).id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'accept' },
    });
    // outreach: review on 1, approved B on 5–9 → 6; barriers: approved B on 0
    expect(effectiveCounts(p.db)).toEqual([
      { codeKey: 'barriers', present: 1, review: 0, approvedAi: 1, ai: 0 },
      { codeKey: 'outreach', present: 6, review: 1, approvedAi: 5, ai: 0 },
    ]);
    // with approved AI left out, A's unapproved labels count where nobody reviewed
    expect(effectiveCounts(p.db, { sourcePriority: ['review', 'ai'] })).toEqual([
      { codeKey: 'outreach', present: 10, review: 1, approvedAi: 0, ai: 9 },
    ]);
    p.db.prepare('DELETE FROM segments WHERE id = ?').run(seg[9]);
    expect(effectiveCounts(p.db).find((c) => c.codeKey === 'outreach')!.present).toBe(5);
    expect(effectiveLabels(p.db).some((l) => l.segmentId === seg[9])).toBe(false);
    p.close();
  });

  it('come as a labels-shaped SQL source an analysis can read like the labels table', () => {
    const { p, a, item } = project();
    decideItem(p.db, {
      itemId: item(2, 'outreach', a).id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'change_code', codeKey: 'language' },
    });
    const sql = effectiveLabelsSql(p.db);
    // the way compare/appliedPairs.ts reads a source: (segment, code row) pairs of kept labels
    const pairs = p.db
      .prepare(
        `SELECT l.segment_id, c.code_key, co.kind, l.span_start FROM (${sql}) l JOIN codes c ON c.id = l.code_id JOIN coders co ON co.id = l.coder_id WHERE l.present = 1 ORDER BY l.segment_id, c.code_key`,
      )
      .all() as { segment_id: number; code_key: string; kind: string; span_start: null }[];
    expect(pairs.every((r) => r.kind === 'ai' && r.span_start === null)).toBe(true);
    expect(pairs.filter((r) => r.code_key === 'language')).toHaveLength(1);
    expect(pairs.filter((r) => r.code_key === 'outreach')).toHaveLength(5);
    // and through compare's own reader, as compare/appliedPairs.ts would call it with this source
    const source = effectiveLabelSource(p.db);
    expect(source.describe).toMatch(
      /reviewer's decision, else an approved AI coder's label, else any AI label/,
    );
    const read: [number, number][] = [];
    const count = readIntegerPairs(
      p.db,
      {
        from: source.from,
        high: 'l.segment_id',
        highMax: 1000,
        low: 'l.code_id',
        lowMax: 1000,
        where: source.where,
        maxRows: 1000,
        highSeekable: false,
      },
      (segment, code) => read.push([segment, code]),
    );
    expect(count).toBe(pairs.length);
    expect(read.map(([segment]) => segment).sort((x, y) => x - y)).toEqual(pairs.map((r) => r.segment_id));
    expect(() => effectiveLabelsSql(p.db, { sourcePriority: ['ai', 'ai'] })).toThrow(/twice/);
    expect(() => effectiveLabelsSql(p.db, { sourcePriority: [] })).toThrow(/empty/);
    p.close();
  });

  it('mark the AI labels a reviewer decided as reviewed (the label export column)', () => {
    const { p, a, b, item } = project();
    decideItem(p.db, {
      itemId: item(0, 'outreach', a).id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'accept' },
    });
    decideItem(p.db, {
      itemId: item(1, 'outreach', b).id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'reject' },
    });
    expect([...reviewedLabelIds(p.db)]).toEqual([item(0, 'outreach', a).label_id]);
    p.close();
  });
});
