import { describe, expect, it } from 'vitest';
import type { CodeView } from '../../shared/contract/codebook';
import { descendantKeys, inTreeOrder } from '../../renderer/src/components/coding/codeTree';
import { dropTarget, indent, moveDown, moveUp, outdent } from '../../renderer/src/views/codebook/treeMoves';
import { validateCode } from '../../renderer/src/views/codebook/validateCode';

// The codebook editor's pure helpers: tree order, keyboard moves, drag-and-drop targets
// and the checks made before a save. A small tree:
//   comm (0) ─ calls (0), visits (1) ─ first-visit (0)
//   barriers (1)
//   trust (2)
const code = (key: string, parentKey: string | null, order: number, name = key): CodeView => ({
  id: order,
  key,
  guid: `g-${key}`,
  parentKey,
  name,
  shortLabel: '',
  definition: 'defined',
  inclusion: '',
  exclusion: '',
  examples: { positive: [], negative: [] },
  color: '#3454D1',
  order,
  usage: 0,
});
const CODES = [
  code('trust', null, 2),
  code('visits', 'comm', 1),
  code('comm', null, 0, 'Communication'),
  code('barriers', null, 1),
  code('calls', 'comm', 0),
  code('first-visit', 'visits', 0),
];

describe('codebook tree helpers', () => {
  it('lists parents before their sub-codes, in order, with depths', () => {
    expect(inTreeOrder(CODES).map((r) => `${'-'.repeat(r.depth)}${r.code.key}`)).toEqual([
      'comm',
      '-calls',
      '-visits',
      '--first-visit',
      'barriers',
      'trust',
    ]);
    expect([...descendantKeys(CODES, 'comm')].sort()).toEqual(['calls', 'first-visit', 'visits']);
  });

  it('moves a code among its siblings, into the sibling above and out of its parent', () => {
    expect(moveUp(CODES, 'barriers')).toEqual({ parentKey: null, index: 0 });
    expect(moveUp(CODES, 'comm')).toBeNull();
    expect(moveDown(CODES, 'calls')).toEqual({ parentKey: 'comm', index: 1 });
    expect(moveDown(CODES, 'trust')).toBeNull();
    // indent: the last sub-code of the sibling above
    expect(indent(CODES, 'visits')).toEqual({ parentKey: 'calls', index: 0 });
    expect(indent(CODES, 'barriers')).toEqual({ parentKey: 'comm', index: 2 });
    expect(indent(CODES, 'comm')).toBeNull();
    // outdent: right after its former parent
    expect(outdent(CODES, 'first-visit')).toEqual({ parentKey: 'comm', index: 2 });
    expect(outdent(CODES, 'calls')).toEqual({ parentKey: null, index: 1 });
    expect(outdent(CODES, 'trust')).toBeNull();
  });

  it('refuses to drop a code onto itself or into its own sub-codes', () => {
    expect(dropTarget(CODES, 'comm', 'comm', 'inside')).toBeNull();
    expect(dropTarget(CODES, 'comm', 'first-visit', 'before')).toBeNull();
    expect(dropTarget(CODES, 'trust', 'comm', 'inside')).toEqual({ parentKey: 'comm', index: 2 });
    // positions count without the dragged code: trust before barriers is index 1 at top level
    expect(dropTarget(CODES, 'trust', 'barriers', 'before')).toEqual({ parentKey: null, index: 1 });
    expect(dropTarget(CODES, 'comm', 'trust', 'after')).toEqual({ parentKey: null, index: 2 });
  });

  it('says what blocks a save and what only deserves a warning', () => {
    const draft = {
      parentKey: 'comm',
      name: ' CALLS ',
      shortLabel: '',
      definition: '',
      inclusion: '',
      exclusion: '',
      examples: { positive: [], negative: [] },
      color: '#12345',
    };
    const v = validateCode(draft, CODES, null);
    expect(v.ok).toBe(false);
    expect(v.errors.name).toBe('“Communication” already has a sub-code named “calls”.');
    expect(v.errors.color).toMatch(/#3454D1/);
    expect(v.warnings.definition).toMatch(/No definition/);
    // renaming a code to its own name is no clash; a top-level clash says so
    expect(validateCode({ ...draft, color: '#123456' }, CODES, 'calls').ok).toBe(true);
    expect(
      validateCode({ ...draft, parentKey: null, name: 'Trust', color: '#123456' }, CODES, null).errors.name,
    ).toBe('A top-level code named “trust” already exists.');
  });
});
