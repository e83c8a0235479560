import { describe, expect, it } from 'vitest';
import { runComparison } from '../../electron/backend/compare/runComparison';
import { decideItem } from '../../electron/backend/review/decide';
import { useTmpDir } from '../helpers/tmp';
import { itemOf, openReviewProject, runFakeAiCoder, segmentIds } from './reviewFixture';

const tmp = useTmpDir();

describe('group comparison on effective labels', () => {
  it('counts a rejected AI label as absent and an added code as present, while the AI source is unchanged', () => {
    // 200 segments in two documents: the first (bright) segments 0–99, the second (partner) 100–199
    const p = openReviewProject(tmp(), 200);
    const ai = runFakeAiCoder(p, 'gpt-x', (i, code) => ({
      present: code === 'outreach' && i % 10 === 0,
    })).coderId;
    const seg = segmentIds(p);
    const row = (source: 'ai' | 'effective') =>
      runComparison(p.db, { by: 'group', level: 'segment', source }).codes.find(
        (c) => c.code_id === 'outreach',
      )!;

    const before = row('effective');
    expect([before.count_a, before.count_b]).toEqual([10, 10]);
    expect([row('ai').count_a, row('ai').count_b]).toEqual([10, 10]);

    // a reviewer rejects two of the bright AI labels, and rejects the AI's "absent" on one
    // partner segment (which adds the code there)
    for (const s of [0, 10]) {
      decideItem(p.db, {
        itemId: itemOf(p, seg[s]!, 'outreach', ai).id,
        baseRevision: 0,
        reviewer: 'ana',
        action: { action: 'reject' },
      });
    }
    decideItem(p.db, {
      itemId: itemOf(p, seg[105]!, 'outreach', ai).id,
      baseRevision: 0,
      reviewer: 'ana',
      action: { action: 'reject' },
    });

    const after = row('effective');
    expect([after.count_a, after.count_b]).toEqual([8, 11]);
    expect([row('ai').count_a, row('ai').count_b]).toEqual([10, 10]);
    p.close();
  });
});
