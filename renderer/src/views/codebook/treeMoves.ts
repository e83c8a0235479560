import type { CodeView } from '../../../../shared/contract/codebook';
import { childrenOf, descendantKeys } from '../../components/coding/codeTree';

/** Where codebook.moveCode puts a code: its new parent and its position among the other children. */
export interface MoveTarget {
  parentKey: string | null;
  index: number;
}

export type DropPosition = 'before' | 'after' | 'inside';

const siblingsOf = (codes: readonly CodeView[], key: string) => {
  const code = codes.find((c) => c.key === key);
  if (!code) return null;
  const parentKey = codes.some((c) => c.key === code.parentKey) ? code.parentKey : null;
  const siblings = childrenOf(codes, parentKey);
  return { code, parentKey, siblings, at: siblings.findIndex((c) => c.key === key) };
};

export function moveUp(codes: readonly CodeView[], key: string): MoveTarget | null {
  const s = siblingsOf(codes, key);
  return s && s.at > 0 ? { parentKey: s.parentKey, index: s.at - 1 } : null;
}

export function moveDown(codes: readonly CodeView[], key: string): MoveTarget | null {
  const s = siblingsOf(codes, key);
  return s && s.at < s.siblings.length - 1 ? { parentKey: s.parentKey, index: s.at + 1 } : null;
}

/** Becomes the last sub-code of the sibling above. */
export function indent(codes: readonly CodeView[], key: string): MoveTarget | null {
  const s = siblingsOf(codes, key);
  if (!s || s.at <= 0) return null;
  const above = s.siblings[s.at - 1]!;
  return { parentKey: above.key, index: childrenOf(codes, above.key).length };
}

/** Leaves its parent, placed right after it. */
export function outdent(codes: readonly CodeView[], key: string): MoveTarget | null {
  const s = siblingsOf(codes, key);
  if (!s || s.parentKey === null) return null;
  const parent = siblingsOf(codes, s.parentKey);
  if (!parent) return null;
  return { parentKey: parent.parentKey, index: parent.at + 1 };
}

/** A drop of `dragKey` on a row; null where it cannot go (onto itself or into its own sub-codes). */
export function dropTarget(
  codes: readonly CodeView[],
  dragKey: string,
  targetKey: string,
  position: DropPosition,
): MoveTarget | null {
  if (dragKey === targetKey || descendantKeys(codes, dragKey).has(targetKey)) return null;
  if (position === 'inside') {
    return {
      parentKey: targetKey,
      index: childrenOf(codes, targetKey).filter((c) => c.key !== dragKey).length,
    };
  }
  const t = siblingsOf(codes, targetKey);
  if (!t) return null;
  const others = t.siblings.filter((c) => c.key !== dragKey);
  const at = others.findIndex((c) => c.key === targetKey);
  return { parentKey: t.parentKey, index: position === 'before' ? at : at + 1 };
}
