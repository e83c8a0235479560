import type { ChangeEntry, CodeInputParsed } from '../../../shared/contract/codebook';
import { UserError } from '../errors';
import type { CodeData } from './codeData';
import { claimKey } from './codeKeys';
import { diffCodes } from './diffCodes';
import {
  assertUniqueAmongSiblings,
  childrenByParent,
  descendantsOf,
  inTreeOrder,
  requireCode,
} from './treeOrder';

/** The outcome of planning an edit: the version's codes afterwards and what to log. */
export interface EditPlan {
  codes: CodeData[];
  changes: ChangeEntry[];
  /** the code the edit is about (a new code's key), if any */
  key: string | null;
}

export interface PlanContext {
  version: number;
  /** every key any version has used; new keys are claimed from it */
  takenKeys: Set<string>;
  newGuid: () => string;
}

export function codeFromInput(input: CodeInputParsed, key: string, guid: string): CodeData {
  return {
    key,
    guid,
    parentKey: input.parentKey,
    name: input.name.trim(),
    shortLabel: input.shortLabel,
    definition: input.definition,
    inclusion: input.inclusion,
    exclusion: input.exclusion,
    examples: { positive: [...input.examples.positive], negative: [...input.examples.negative] },
    color: input.color,
  };
}

/** Checks that `parentKey` can hold `key`: it exists and is not the code or one of its descendants. */
export function assertParentAllowed(
  codes: readonly CodeData[],
  key: string | null,
  parentKey: string | null,
  version: number,
): void {
  if (parentKey === null) return;
  requireCode(codes, parentKey, version);
  if (key !== null && (parentKey === key || descendantsOf(codes, key).has(parentKey))) {
    throw new UserError(`a code cannot be placed inside itself or one of its own sub-codes ("${parentKey}")`);
  }
}

/** Adds a code (no key given) or replaces an existing one's fields. A changed parent puts it last among its new siblings. */
export function planSaveCode(codes: readonly CodeData[], input: CodeInputParsed, ctx: PlanContext): EditPlan {
  if (input.key === undefined) {
    assertParentAllowed(codes, null, input.parentKey, ctx.version);
    const key = claimKey(input.name, ctx.takenKeys);
    const next = inTreeOrder([...codes, codeFromInput(input, key, ctx.newGuid())]);
    assertUniqueAmongSiblings(next, key);
    return { codes: next, changes: diffCodes(codes, next), key };
  }
  const old = requireCode(codes, input.key, ctx.version);
  assertParentAllowed(codes, old.key, input.parentKey, ctx.version);
  const updated = codeFromInput(input, old.key, old.guid);
  const next =
    updated.parentKey === old.parentKey
      ? codes.map((c) => (c.key === old.key ? updated : c))
      : inTreeOrder([...codes.filter((c) => c.key !== old.key), updated]);
  assertUniqueAmongSiblings(next, old.key);
  return { codes: next, changes: diffCodes(codes, next), key: old.key };
}

/** Removes a code; its sub-codes move up to its parent rather than disappearing with it. */
export function planDeleteCode(codes: readonly CodeData[], key: string, ctx: PlanContext): EditPlan {
  const gone = requireCode(codes, key, ctx.version);
  const next = codes
    .filter((c) => c.key !== key)
    .map((c) => (c.parentKey === key ? { ...c, parentKey: gone.parentKey } : c));
  return { codes: inTreeOrder(next), changes: diffCodes(codes, next), key };
}

/** Puts a code under `parentKey` at sibling position `index` (clamped). */
export function planMoveCode(
  codes: readonly CodeData[],
  key: string,
  parentKey: string | null,
  index: number,
  ctx: PlanContext,
): EditPlan {
  const code = requireCode(codes, key, ctx.version);
  assertParentAllowed(codes, key, parentKey, ctx.version);
  const ordered = inTreeOrder(codes);
  const oldSiblings = childrenByParent(ordered).get(code.parentKey) ?? [];
  const rest = ordered.filter((c) => c.key !== key);
  const siblings = childrenByParent(rest).get(parentKey) ?? [];
  const at = Math.min(index, siblings.length);
  const moved = { ...code, parentKey };
  // placing the code just before the sibling it must precede fixes its rank among siblings
  const before = siblings[at];
  const pos = before === undefined ? rest.length : rest.findIndex((c) => c.key === before);
  const next = inTreeOrder([...rest.slice(0, pos), moved, ...rest.slice(pos)]);
  assertUniqueAmongSiblings(next, key);
  const changes = diffCodes(codes, next);
  const oldIndex = oldSiblings.indexOf(key);
  if (parentKey === code.parentKey && oldIndex !== at) {
    const where =
      parentKey === null ? 'the top level' : `"${codes.find((c) => c.key === parentKey)?.name ?? parentKey}"`;
    changes.push({
      kind: 'moved',
      key,
      name: code.name,
      detail: `reordered within ${where}: position ${oldIndex + 1} → ${at + 1}`,
    });
  }
  return { codes: next, changes, key };
}
