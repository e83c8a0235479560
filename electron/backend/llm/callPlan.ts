import type { CodingMode } from '../../../shared/contract/llm';
import { rootOf, type PromptCode } from './promptCodebook';

/** One request per segment (and sample): the codes it decides. */
export interface PlannedCall {
  key: string;
  codes: string[];
}

/**
 * Splits the codebook into calls: all codes at once, one call per top-level family
 * (the family code with its descendants), or one call per code. Codebook order is
 * kept so prompts and schemas are stable.
 */
export function planCalls(codes: readonly PromptCode[], mode: CodingMode): PlannedCall[] {
  if (codes.length === 0) return [];
  if (mode === 'all') return [{ key: '*', codes: codes.map((c) => c.key) }];
  if (mode === 'code') return codes.map((c) => ({ key: c.key, codes: [c.key] }));
  const roots = rootOf(codes);
  const families = new Map<string, string[]>();
  for (const c of codes) {
    const root = roots.get(c.key) ?? c.key;
    const list = families.get(root) ?? [];
    list.push(c.key);
    families.set(root, list);
  }
  return [...families].map(([key, list]) => ({ key, codes: list }));
}
