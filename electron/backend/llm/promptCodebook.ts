import type Database from 'better-sqlite3';
import { codebookVersionByNumber, codesOfVersion } from '../codebook/store';

/** A code as the prompt shows it. `key` is the stable code id the model answers with. */
export interface PromptCode {
  key: string;
  name: string;
  parentKey: string | null;
  definition: string;
  inclusion: string;
  exclusion: string;
  positive: string[];
  negative: string[];
}

export interface PromptCodebook {
  name: string;
  description: string;
  version: number;
  versionId: number;
  codes: PromptCode[];
}

const stringList = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

/** The codebook version a configuration names, in codebook order. */
export function loadPromptCodebook(db: Database.Database, version: number): PromptCodebook {
  const v = codebookVersionByNumber(db, version);
  return {
    name: v.name,
    description: v.description,
    version: v.version,
    versionId: v.id,
    codes: codesOfVersion(db, v.id).map((c) => ({
      key: c.code_key,
      name: c.name,
      parentKey: c.parent_key,
      definition: c.definition,
      inclusion: c.inclusion,
      exclusion: c.exclusion,
      positive: stringList(c.examples_positive),
      negative: stringList(c.examples_negative),
    })),
  };
}

/** Each code's top-level ancestor (a family); a cycle or dangling parent ends the walk. */
export function rootOf(codes: readonly PromptCode[]): Map<string, string> {
  const parent = new Map(codes.map((c) => [c.key, c.parentKey]));
  const out = new Map<string, string>();
  for (const c of codes) {
    let key = c.key;
    const seen = new Set<string>([key]);
    for (let p = parent.get(key); p && parent.has(p) && !seen.has(p); p = parent.get(key)) {
      key = p;
      seen.add(p);
    }
    out.set(c.key, key);
  }
  return out;
}

/** "Communication › One-on-one outreach": the code's place in the hierarchy. */
export function codePath(codes: readonly PromptCode[], key: string): string {
  const byKey = new Map(codes.map((c) => [c.key, c]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let c = byKey.get(key); c && !seen.has(c.key); c = c.parentKey ? byKey.get(c.parentKey) : undefined) {
    names.unshift(c.name);
    seen.add(c.key);
  }
  return names.join(' › ');
}
