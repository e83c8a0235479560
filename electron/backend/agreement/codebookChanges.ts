import type Database from 'better-sqlite3';

// When coders worked under different codebook versions, a code keeps its stable key but
// its wording may have changed: agreement on it then mixes coder differences with
// definition differences, and the report says so per code.

export interface CodeChange {
  code_id: string;
  code: string;
  versions: number[];
  fields: string[];
}

const FIELDS = [
  ['name', 'name'],
  ['definition', 'definition'],
  ['inclusion', 'inclusion criteria'],
  ['exclusion', 'exclusion criteria'],
  ['examples_positive', 'positive examples'],
  ['examples_negative', 'negative examples'],
  ['parent_key', 'parent'],
] as const;

type CodeText = Record<(typeof FIELDS)[number][0], string | null> & { code_key: string; version: number };

/** Pure: the codes whose wording differs between versions, or which some versions lack. */
export function diffCodeVersions(rows: readonly CodeText[], versions: readonly number[]): CodeChange[] {
  const byKey = new Map<string, CodeText[]>();
  for (const r of rows) {
    let list = byKey.get(r.code_key);
    if (!list) byKey.set(r.code_key, (list = []));
    list.push(r);
  }
  const out: CodeChange[] = [];
  for (const [key, list] of byKey) {
    const fields: string[] = FIELDS.filter(([f]) => new Set(list.map((r) => r[f] ?? '')).size > 1).map(
      ([, label]) => label,
    );
    const missing = versions.filter((v) => !list.some((r) => r.version === v));
    if (missing.length) fields.push(`absent from version ${missing.join(', ')}`);
    if (fields.length) {
      const newest = list.reduce((a, b) => (b.version > a.version ? b : a));
      out.push({
        code_id: key,
        code: newest.name ?? key,
        versions: list.map((r) => r.version).sort((a, b) => a - b),
        fields,
      });
    }
  }
  return out;
}

/** The changed codes between the given codebook version ids (nothing with fewer than two). */
export function codebookChanges(db: Database.Database, versionIds: readonly number[]): CodeChange[] {
  if (versionIds.length < 2) return [];
  const rows = db
    .prepare(
      `SELECT c.code_key, v.version, ${FIELDS.map(([f]) => `c.${f}`).join(', ')}
       FROM codes c JOIN codebook_versions v ON v.id = c.codebook_version_id
       WHERE c.codebook_version_id IN (SELECT value FROM json_each(?)) ORDER BY v.version`,
    )
    .all(JSON.stringify(versionIds)) as CodeText[];
  const versions = db
    .prepare(
      'SELECT version FROM codebook_versions WHERE id IN (SELECT value FROM json_each(?)) ORDER BY version',
    )
    .pluck()
    .all(JSON.stringify(versionIds)) as number[];
  return diffCodeVersions(rows, versions);
}
