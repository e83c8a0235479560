import type Database from 'better-sqlite3';
import { listComparedCodes } from '../compare/codeList';
import type { CsvCell } from './csvFormat';

// The segment × code 0/1 matrix for R / Python (DESIGN §4 `export --format matrix`): one
// row per (segment, coder) for every coder who coded the segment — finished it
// (coded_segments) or applied at least one label there — and one column per code, 1
// when that coder applied the code anywhere in the segment. Codes of older codebook
// versions get a column only when a label uses them.

/** Column names: code names, made unique with the code's key where two codes share a name. */
function columnNames(codes: { key: string; name: string }[]): string[] {
  const count = new Map<string, number>();
  for (const c of codes) count.set(c.name, (count.get(c.name) ?? 0) + 1);
  return codes.map((c) => (count.get(c.name)! > 1 ? `${c.name} [${c.key}]` : c.name));
}

export function labelMatrix(db: Database.Database): CsvCell[][] {
  const { codes, ordinalOfCodeId } = listComparedCodes(db);
  const used = new Set(db.prepare('SELECT DISTINCT code_id FROM labels').pluck().all() as number[]);
  const usedOrdinals = new Set([...used].map((id) => ordinalOfCodeId[id]!));
  const columns = codes.map((c, i) => ({ ...c, i })).filter((c) => c.active || usedOrdinals.has(c.i));
  const columnOf = new Map(columns.map((c, j) => [c.i, j]));

  const rows = db
    .prepare(
      `WITH coded AS (
         SELECT coder_id, segment_id FROM coded_segments
         UNION SELECT coder_id, segment_id FROM labels)
       SELECT d.name AS document, s.uid AS segment, co.name AS coder, k.segment_id, k.coder_id
       FROM coded k JOIN segments s ON s.id = k.segment_id JOIN documents d ON d.id = s.document_id JOIN coders co ON co.id = k.coder_id
       ORDER BY d.name COLLATE NOCASE, d.id, s.idx, co.name`,
    )
    .all() as { document: string; segment: string; coder: string; segment_id: number; coder_id: number }[];
  const applied = new Map<string, Set<number>>();
  for (const l of db.prepare('SELECT segment_id, coder_id, code_id FROM labels').raw().iterate() as Iterable<
    [number, number, number]
  >) {
    const key = `${l[0]}:${l[1]}`;
    let set = applied.get(key);
    if (!set) applied.set(key, (set = new Set()));
    set.add(columnOf.get(ordinalOfCodeId[l[2]]!) ?? -1);
  }
  return [
    ['document', 'segment_id', 'coder', ...columnNames(columns)],
    ...rows.map((r) => {
      const set = applied.get(`${r.segment_id}:${r.coder_id}`);
      return [r.document, r.segment, r.coder, ...columns.map((_, j) => (set?.has(j) ? 1 : 0))];
    }),
  ];
}
