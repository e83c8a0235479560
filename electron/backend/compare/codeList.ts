import type Database from 'better-sqlite3';
import { activeCodebookVersion } from '../codebook/store';

export interface ComparedCode {
  key: string;
  name: string;
  parentKey: string | null;
  color: string;
  /** false for a code of an older codebook version only (kept when it has labels) */
  active: boolean;
}

/**
 * The codes a comparison reports: every code of the active codebook version in codebook
 * order (also the never-applied ones: they get p = 1 and take part in the BH
 * correction), then codes that only older versions have. A label points at a code row of
 * its own version; `ordinalOfCodeId` maps any version's row to the code's stable key.
 */
export function listComparedCodes(db: Database.Database): {
  codes: ComparedCode[];
  ordinalOfCodeId: Int32Array;
} {
  const active = activeCodebookVersion(db);
  const rows = db
    .prepare(
      `SELECT c.id, c.code_key AS key, c.name, c.parent_key AS parentKey, c.color, c.codebook_version_id AS versionId, v.version
       FROM codes c JOIN codebook_versions v ON v.id = c.codebook_version_id
       ORDER BY (c.codebook_version_id = ?) DESC, v.version DESC, c.sort_order, c.id`,
    )
    .all(active?.id ?? -1) as {
    id: number;
    key: string;
    name: string;
    parentKey: string | null;
    color: string;
    versionId: number;
  }[];
  const codes: ComparedCode[] = [];
  const ordinalByKey = new Map<string, number>();
  let maxId = 0;
  for (const r of rows) {
    maxId = Math.max(maxId, r.id);
    if (ordinalByKey.has(r.key)) continue;
    ordinalByKey.set(r.key, codes.length);
    codes.push({
      key: r.key,
      name: r.name,
      parentKey: r.parentKey,
      color: r.color,
      active: r.versionId === active?.id,
    });
  }
  const ordinalOfCodeId = new Int32Array(maxId + 1).fill(-1);
  for (const r of rows) ordinalOfCodeId[r.id] = ordinalByKey.get(r.key)!;
  return { codes, ordinalOfCodeId };
}

/** For each code ordinal, the ordinals of its ancestors (parent first), by the codes' parent keys. */
export function ancestorOrdinals(codes: readonly ComparedCode[]): number[][] {
  const byKey = new Map(codes.map((c, i) => [c.key, i]));
  return codes.map((c) => {
    const out: number[] = [];
    let parent = c.parentKey === null ? undefined : byKey.get(c.parentKey);
    while (parent !== undefined && !out.includes(parent)) {
      out.push(parent);
      const key = codes[parent]!.parentKey;
      parent = key === null ? undefined : byKey.get(key);
    }
    return out;
  });
}

/** The keys of a code and everything below it. */
export function keyWithDescendants(codes: readonly ComparedCode[], key: string): string[] {
  const ancestors = ancestorOrdinals(codes);
  const at = codes.findIndex((c) => c.key === key);
  return codes.filter((_, i) => i === at || ancestors[i]!.includes(at)).map((c) => c.key);
}
