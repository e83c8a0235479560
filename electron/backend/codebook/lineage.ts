import type Database from 'better-sqlite3';
import type { ChangeEntry } from '../../../shared/contract/codebook';
import { parseChangeLog } from './changeLog';
import {
  codebookVersionByNumber,
  codeRowById,
  listCodebookVersions,
  type CodebookVersionRow,
  type CodeRow,
} from './store';

export interface ResolvedCode {
  /** the code(s) in the target version: one, several after a split, none if removed */
  codes: CodeRow[];
  /** the merge / split entries followed on the way */
  via: ChangeEntry[];
}

/**
 * The versions whose logs lie between `from` and `to`, oldest first: the parent chain
 * from `to` back to `from` when `from` is an ancestor, else (a branch, or an
 * active-version switch) every version numbered in between.
 */
function versionsBetween(all: readonly CodebookVersionRow[], from: number, to: number): CodebookVersionRow[] {
  const byNumber = new Map(all.map((v) => [v.version, v]));
  const chain: CodebookVersionRow[] = [];
  let v = byNumber.get(to);
  while (v && v.version !== from && !chain.includes(v)) {
    chain.push(v);
    v = v.parent_version === null ? undefined : byNumber.get(v.parent_version);
  }
  if (v?.version === from) return chain.reverse();
  return all.filter((x) => x.version > from && x.version <= to);
}

/**
 * Maps a code row (of any version) to what it became in `version`, for analyses that
 * pool labels across versions. Labels themselves are never rewritten: a label made
 * under v1 keeps pointing at v1's row. Renames and redefinitions keep the key; merges
 * and splits are followed through the change logs (a split code maps to every part,
 * including a narrowed original: an old label may belong to any of them).
 */
export function resolveCodeInVersion(db: Database.Database, codeId: number, version: number): ResolvedCode {
  const row = codeRowById(db, codeId);
  const target = codebookVersionByNumber(db, version);
  const inTarget = db.prepare('SELECT * FROM codes WHERE codebook_version_id = ? AND code_key = ?');
  const from =
    (db
      .prepare('SELECT version FROM codebook_versions WHERE id = ?')
      .pluck()
      .get(row.codebook_version_id) as number) ?? 0;
  const keys = new Set([row.code_key]);
  const via: ChangeEntry[] = [];
  for (const v of versionsBetween(listCodebookVersions(db), from, target.version)) {
    for (const e of parseChangeLog(v.change_log)) {
      if ((e.kind !== 'merged' && e.kind !== 'split') || e.key === null || !keys.has(e.key) || !e.into)
        continue;
      keys.delete(e.key);
      for (const k of e.into) keys.add(k);
      via.push(e);
    }
  }
  const codes = [...keys].flatMap((k) => {
    const c = inTarget.get(target.id, k) as CodeRow | undefined;
    return c ? [c] : [];
  });
  return { codes, via };
}

/**
 * Every key whose labels count towards `key` today, with the version its labels must
 * be older than: the key itself (any version) plus the keys merged or split into it
 * (labels made before that merge or split), transitively. Filtering the reader by a
 * code uses this, so segments coded with a since-merged code still show up, while a
 * code that was split but kept its key counts for the new part only with its old
 * labels.
 */
export function keysFlowingInto(db: Database.Database, key: string): Map<string, number> {
  const sources = new Map<string, { key: string; version: number }[]>();
  for (const v of listCodebookVersions(db)) {
    for (const e of parseChangeLog(v.change_log)) {
      if ((e.kind !== 'merged' && e.kind !== 'split') || e.key === null || !e.into) continue;
      for (const k of e.into) {
        if (k === e.key) continue;
        const list = sources.get(k) ?? [];
        list.push({ key: e.key, version: v.version });
        sources.set(k, list);
      }
    }
  }
  const before = new Map([[key, Infinity]]);
  const stack = [key];
  while (stack.length) {
    const k = stack.pop()!;
    for (const s of sources.get(k) ?? []) {
      const limit = Math.min(before.get(k)!, s.version);
      if ((before.get(s.key) ?? -Infinity) >= limit) continue;
      before.set(s.key, limit);
      stack.push(s.key);
    }
  }
  return before;
}
