import type Database from 'better-sqlite3';
import type { Scope } from './scope';
import type { SelectedCoder } from './selectCoders';

// Every rating of a report in one dense array: value[coder][code][unit] is 1 (applied),
// 0 (a deliberate no) or −1 (missing). DESIGN §1.5 / migration 0002: a coder who
// finished a segment (coded_segments) under a codebook version said no to every code of
// that version they did not apply; a code their version lacks, or a segment they did not
// finish, is missing data. Codes are compared by their stable key across versions.
//
// 10,000 segments × 40 codes × 3 coders is 1.2 MB, and any subset of coders (a pair)
// is read from it without touching the database again.

export const MISSING = -1;

export interface CubeCode {
  key: string;
  name: string;
  parentKey: string | null;
  color: string;
}

export interface RatingCube {
  coders: readonly SelectedCoder[];
  codes: readonly CubeCode[];
  unitIds: Int32Array;
  /** (coder · codes + code) · units + unit */
  values: Int8Array;
  /** per coder: codebook version numbers of their finished segments in the scope */
  versionsByCoder: number[][];
  /** per coder: segments finished in the scope */
  segmentsCoded: number[];
  /** per coder: segments with labels but not marked finished (their absent codes are missing) */
  labelledUnfinished: number[];
  /** codebook version row ids the coders used in the scope */
  versionIds: number[];
}

export const cubeIndex = (cube: RatingCube, coder: number, code: number, unit: number): number =>
  (coder * cube.codes.length + code) * cube.unitIds.length + unit;

interface VersionRow {
  id: number;
  version: number;
}

function scopeJoin(scope: Scope, alias: string): { sql: string; params: number[] } {
  return scope.sample
    ? {
        sql: `JOIN sample_segments ss ON ss.segment_id = ${alias}.segment_id AND ss.sample_id = ?`,
        params: [scope.sample.id],
      }
    : { sql: '', params: [] };
}

/**
 * The integers "a,b,a,b,…" a query returns as one string. better-sqlite3 builds a JS
 * array per row, which at 10^5–10^6 labels costs most of the report; one concatenated
 * string per coder, parsed from its bytes here, is several times faster.
 */
function readInts(db: Database.Database, sql: string, params: unknown[]): Int32Array {
  const text = db
    .prepare(sql)
    .pluck()
    .get(...params) as string | null;
  if (!text) return new Int32Array(0);
  const bytes = Buffer.from(text, 'latin1');
  let commas = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 44) commas++;
  const out = new Int32Array(commas + 1);
  let n = 0;
  let j = 0;
  for (let i = 0; i < bytes.length; i++) {
    const ch = bytes[i]!;
    if (ch === 44) {
      out[j++] = n;
      n = 0;
    } else n = n * 10 + (ch - 48);
  }
  out[j] = n;
  return out;
}

/** Codes of the versions in use, keyed once: the active version's order first, then newer versions' extra codes. */
function codeList(
  db: Database.Database,
  versionIds: number[],
): { codes: CubeCode[]; keysByVersion: Map<number, number[]> } {
  const active = db
    .prepare("SELECT value FROM settings WHERE key = 'active_codebook_version'")
    .pluck()
    .get() as string | undefined;
  const rows = db
    .prepare(
      `SELECT c.codebook_version_id AS vid, c.code_key, c.name, c.parent_key, c.color, v.version
       FROM codes c JOIN codebook_versions v ON v.id = c.codebook_version_id
       WHERE c.codebook_version_id IN (SELECT value FROM json_each(?))
       ORDER BY (v.version = ?) DESC, v.version DESC, c.sort_order, c.id`,
    )
    .all(JSON.stringify(versionIds), active === undefined ? -1 : Number(active)) as {
    vid: number;
    code_key: string;
    name: string;
    parent_key: string | null;
    color: string;
  }[];
  const index = new Map<string, number>();
  const codes: CubeCode[] = [];
  const keysByVersion = new Map<number, number[]>();
  for (const r of rows) {
    let k = index.get(r.code_key);
    if (k === undefined) {
      k = codes.length;
      index.set(r.code_key, k);
      codes.push({ key: r.code_key, name: r.name, parentKey: r.parent_key, color: r.color });
    }
    let list = keysByVersion.get(r.vid);
    if (!list) keysByVersion.set(r.vid, (list = []));
    list.push(k);
  }
  return { codes, keysByVersion };
}

/** Segment id → unit position (−1 outside the scope), as a typed array over the ids' range. */
function unitPositions(unitIds: Int32Array): Int32Array {
  let max = 0;
  for (const id of unitIds) if (id > max) max = id;
  const at = new Int32Array(max + 1).fill(-1);
  unitIds.forEach((id, u) => (at[id] = u));
  return at;
}

export function readRatingCube(
  db: Database.Database,
  coders: readonly SelectedCoder[],
  scope: Scope,
): RatingCube {
  const unitIds = Int32Array.from(scope.unitIds);
  const unitAt = unitPositions(unitIds);
  const unitOf = (segmentId: number) => (segmentId < unitAt.length ? unitAt[segmentId]! : -1);

  // per coder: (segment id, codebook version id) of finished segments, (segment id, code id) of labels
  const marksJoin = scopeJoin(scope, 'cs');
  const labelsJoin = scopeJoin(scope, 'l');
  const read = coders.map((coder) => ({
    marks: readInts(
      db,
      `SELECT group_concat(cs.segment_id || ',' || cs.codebook_version_id) FROM coded_segments cs ${marksJoin.sql} WHERE cs.coder_id = ?`,
      [...marksJoin.params, coder.id],
    ),
    labels: readInts(
      db,
      `SELECT group_concat(l.segment_id || ',' || l.code_id) FROM labels l ${labelsJoin.sql} WHERE l.coder_id = ?`,
      [...labelsJoin.params, coder.id],
    ),
  }));

  const codeRows = db.prepare('SELECT id, codebook_version_id, code_key FROM codes').raw().all() as [
    number,
    number,
    string,
  ][];
  const codeVersion = new Map(codeRows.map(([id, vid]) => [id, vid]));
  const codeKey = new Map(codeRows.map(([id, , key]) => [id, key]));
  const usedVersions = new Set<number>();
  const labelCodes = new Set<number>();
  for (const { marks, labels } of read) {
    for (let i = 0; i < marks.length; i += 2) if (unitOf(marks[i]!) >= 0) usedVersions.add(marks[i + 1]!);
    for (let i = 0; i < labels.length; i += 2) if (unitOf(labels[i]!) >= 0) labelCodes.add(labels[i + 1]!);
  }
  for (const id of labelCodes) usedVersions.add(codeVersion.get(id)!);
  const versionIds = [...usedVersions].sort((a, b) => a - b);
  const { codes, keysByVersion } = codeList(db, versionIds);
  const keyIndex = new Map(codes.map((c, i) => [c.key, i]));
  const codeIndex = new Map([...labelCodes].map((id) => [id, keyIndex.get(codeKey.get(id)!)!]));
  const versionNumber = new Map(
    (db.prepare('SELECT id, version FROM codebook_versions').all() as VersionRow[]).map((v) => [
      v.id,
      v.version,
    ]),
  );

  const U = unitIds.length;
  const K = codes.length;
  const values = new Int8Array(coders.length * K * U).fill(MISSING);
  const versionsByCoder = coders.map(() => new Set<number>());
  const segmentsCoded = coders.map(() => 0);
  const labelledUnfinished = coders.map(() => 0);
  const finished = new Uint8Array(U);
  read.forEach(({ marks, labels }, c) => {
    finished.fill(0);
    for (let i = 0; i < marks.length; i += 2) {
      const u = unitOf(marks[i]!);
      if (u < 0) continue;
      const vid = marks[i + 1]!;
      finished[u] = 1;
      segmentsCoded[c]!++;
      versionsByCoder[c]!.add(versionNumber.get(vid)!);
      for (const k of keysByVersion.get(vid) ?? []) values[(c * K + k) * U + u] = 0;
    }
    const unfinished = new Set<number>();
    for (let i = 0; i < labels.length; i += 2) {
      const u = unitOf(labels[i]!);
      if (u < 0) continue;
      const codeId = labels[i + 1]!;
      values[(c * K + codeIndex.get(codeId)!) * U + u] = 1;
      if (!finished[u]) {
        unfinished.add(u);
        versionsByCoder[c]!.add(versionNumber.get(codeVersion.get(codeId)!)!);
      }
    }
    labelledUnfinished[c] = unfinished.size;
  });
  return {
    coders,
    codes,
    unitIds,
    values,
    versionsByCoder: versionsByCoder.map((s) => [...s].sort((a, b) => a - b)),
    segmentsCoded,
    labelledUnfinished,
    versionIds,
  };
}
