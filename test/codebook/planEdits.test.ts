import { describe, expect, it } from 'vitest';
import { CodeInputSchema, type CodeInput } from '../../shared/contract/codebook';
import type { CodeData } from '../../electron/backend/codebook/codeData';
import { diffCodes } from '../../electron/backend/codebook/diffCodes';
import {
  planDeleteCode,
  planMoveCode,
  planSaveCode,
  type PlanContext,
} from '../../electron/backend/codebook/planCodeEdits';
import { planMergeCodes, planSplitCode } from '../../electron/backend/codebook/planMergeSplit';

const code = (key: string, parentKey: string | null, over: Partial<CodeData> = {}): CodeData => ({
  key,
  guid: `guid-${key}`,
  parentKey,
  name: key.toUpperCase(),
  shortLabel: '',
  definition: `def ${key}`,
  inclusion: '',
  exclusion: '',
  examples: { positive: [], negative: [] },
  color: '#111111',
  ...over,
});

// a
//   a1
//     a1x
//   a2
// b
const tree = () => [code('a', null), code('a1', 'a'), code('a1x', 'a1'), code('a2', 'a'), code('b', null)];

let guids = 0;
const ctx = (codes: CodeData[] = tree()): PlanContext => ({
  version: 1,
  takenKeys: new Set(codes.map((c) => c.key)),
  newGuid: () => `new-${++guids}`,
});
const input = (i: CodeInput) => CodeInputSchema.parse(i);
const keys = (codes: CodeData[]) => codes.map((c) => `${c.key}<${c.parentKey ?? ''}`);

describe('diffCodes', () => {
  it('lists added, removed, renamed, moved, redefined and recolored codes by key', () => {
    const from = tree();
    const to = [
      code('a', null, { name: 'Alpha' }),
      code('a1', null),
      code('a1x', 'a1', { examples: { positive: ['new'], negative: [] } }),
      code('b', null, { color: '#222222' }),
      code('c', 'b'),
    ];
    const kinds = diffCodes(from, to).map((e) => `${e.kind}:${e.key}`);
    expect(kinds).toEqual(['renamed:a', 'moved:a1', 'redefined:a1x', 'recolored:b', 'added:c', 'removed:a2']);
    expect(diffCodes(from, to)[0]!.detail).toBe('"A" → "Alpha"');
  });
});

describe('planning edits', () => {
  it('adds a code with a key derived from its name, unique across the project', () => {
    const c = ctx();
    c.takenKeys.add('home-visits');
    const p = planSaveCode(tree(), input({ parentKey: 'b', name: 'Home visits' }), c);
    expect(p.key).toBe('home-visits-2');
    expect(keys(p.codes).at(-1)).toBe('home-visits-2<b');
    expect(p.changes).toEqual([expect.objectContaining({ kind: 'added', key: 'home-visits-2' })]);
  });

  it('refuses a sibling with the same name, a missing parent and a parent inside the code', () => {
    expect(() => planSaveCode(tree(), input({ parentKey: 'a', name: 'a2' }), ctx())).toThrow(
      /already exists under "A"/,
    );
    expect(() => planSaveCode(tree(), input({ parentKey: 'zzz', name: 'New' }), ctx())).toThrow(
      /no code "zzz"/,
    );
    expect(() => planSaveCode(tree(), input({ key: 'a', parentKey: 'a1x', name: 'A' }), ctx())).toThrow(
      /inside itself/,
    );
  });

  it('edits a code, reporting only what changed; an identical save changes nothing', () => {
    const same = planSaveCode(
      tree(),
      input({ key: 'a2', parentKey: 'a', name: 'A2', definition: 'def a2', color: '#111111' }),
      ctx(),
    );
    expect(same.codes).toEqual(tree());
    expect(same.changes).toEqual([]);
    const p = planSaveCode(
      tree(),
      input({ key: 'a2', parentKey: 'b', name: 'Renamed', definition: 'new', color: '#111111' }),
      ctx(),
    );
    expect(p.changes.map((e) => e.kind)).toEqual(['renamed', 'moved', 'redefined']);
    expect(keys(p.codes)).toEqual(['a<', 'a1<a', 'a1x<a1', 'b<', 'a2<b']);
  });

  it('deletes a code and moves its sub-codes up', () => {
    const p = planDeleteCode(tree(), 'a1', ctx());
    expect(keys(p.codes)).toEqual(['a<', 'a1x<a', 'a2<a', 'b<']);
    expect(p.changes.map((e) => `${e.kind}:${e.key}`)).toEqual(['moved:a1x', 'removed:a1']);
  });

  it('moves and reorders a code among siblings, with its subtree', () => {
    const first = planMoveCode(tree(), 'a2', 'a', 0, ctx());
    expect(keys(first.codes)).toEqual(['a<', 'a2<a', 'a1<a', 'a1x<a1', 'b<']);
    expect(first.changes).toEqual([
      expect.objectContaining({ kind: 'moved', detail: 'reordered within "A": position 2 → 1' }),
    ]);
    const moved = planMoveCode(tree(), 'a1', null, 99, ctx());
    expect(keys(moved.codes)).toEqual(['a<', 'a2<a', 'b<', 'a1<', 'a1x<a1']);
    expect(() => planMoveCode(tree(), 'a', 'a1x', 0, ctx())).toThrow(/inside itself/);
  });

  it('merges codes: the sources go, their children move under the target, the log says where', () => {
    const p = planMergeCodes(tree(), ['a1', 'b'], 'a2', ctx());
    expect(keys(p.codes)).toEqual(['a<', 'a2<a', 'a1x<a2']);
    expect(p.changes.filter((e) => e.kind === 'merged')).toEqual([
      expect.objectContaining({ key: 'a1', into: ['a2'] }),
      expect.objectContaining({ key: 'b', into: ['a2'] }),
    ]);
    expect(() => planMergeCodes(tree(), ['a'], 'a', ctx())).toThrow(/into itself/);
  });

  it('merges a parent into its own descendant without forming a cycle', () => {
    const p = planMergeCodes(tree(), ['a'], 'a1x', ctx());
    // a1 (an ancestor of the target) moves up past the removed a; a2 goes under the target
    expect(keys(p.codes)).toEqual(['a1<', 'a1x<a1', 'a2<a1x', 'b<']);
  });

  it('splits a code into new codes; its children go to the first part', () => {
    const p = planSplitCode(
      tree(),
      'a1',
      [input({ parentKey: 'a', name: 'Part one' }), input({ parentKey: 'a', name: 'Part two' })],
      ctx(),
    );
    expect(keys(p.codes)).toEqual(['a<', 'part-one<a', 'a1x<part-one', 'part-two<a', 'a2<a', 'b<']);
    expect(p.changes[0]).toEqual(
      expect.objectContaining({ kind: 'split', key: 'a1', into: ['part-one', 'part-two'] }),
    );
    expect(p.changes.some((e) => e.kind === 'removed')).toBe(false);
  });

  it('splits a code that continues, narrowed, beside a new one', () => {
    const p = planSplitCode(
      tree(),
      'a2',
      [
        input({ key: 'a2', parentKey: 'a', name: 'A2', definition: 'narrower', color: '#111111' }),
        input({ parentKey: 'a', name: 'A3' }),
      ],
      ctx(),
    );
    expect(keys(p.codes)).toEqual(['a<', 'a1<a', 'a1x<a1', 'a2<a', 'a3<a', 'b<']);
    expect(p.codes.find((c) => c.key === 'a2')!.guid).toBe('guid-a2');
    expect(p.changes.map((e) => e.kind)).toEqual(['split', 'redefined', 'added']);
    expect(() =>
      planSplitCode(
        tree(),
        'a2',
        [input({ parentKey: 'a2', name: 'X' }), input({ parentKey: 'a', name: 'Y' })],
        ctx(),
      ),
    ).toThrow(/which the split removes/);
  });
});
