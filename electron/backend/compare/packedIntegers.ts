import type Database from 'better-sqlite3';

// Reading a million rows one JavaScript array at a time costs more than the whole
// comparison may take (DESIGN §5: 1 M labels ≤ 300 ms). Instead SQLite packs each row's
// two integers into one (high · factor + low) and joins them into one comma-separated
// list, handed over as a BLOB (bytes copied once, no UTF-8 decoding into a JS string);
// a tight loop over the bytes turns it back into numbers as it goes. Several times faster than
// iterating rows, and plain arithmetic is cheaper in SQL than string concatenation.

// The list comes in ranges of `high` of about CHUNK_ROWS rows each when an index can
// seek them: every range's list then fits in memory the allocator already has. On a
// machine where first-touching a page is slow, one 8 MB list per million rows (and its
// copy into a Buffer) cost more than reading the index.
const CHUNK_ROWS = 12_000;

export interface IntegerPairQuery {
  /** the table with its alias, e.g. "labels l" */
  from: string;
  /** non-negative integer SQL expressions, never NULL, with upper bounds the caller knows cheaply */
  high: string;
  highMax: number;
  low: string;
  lowMax: number;
  /** a boolean SQL expression without parameters */
  where?: string;
  /**
   * at least as many as the rows the query can return, known cheaply (max(rowid) of
   * the table the rows come from): callers size their arrays with it, and it sets the ranges
   */
  maxRows: number;
  /** whether SQLite can seek a range of `high` (the rowid or an index leads with it, after `where`'s equalities) */
  highSeekable: boolean;
}

/** max(rowid) of a table in O(1) (0 when empty): the bound of its ids and of its row count. */
export const maxRowid = (db: Database.Database, table: string): number =>
  (db.prepare(`SELECT max(rowid) FROM ${table}`).pluck().get() as number | null) ?? 0;

/** Calls `visit` for each value "high · factor + low" of the ASCII bytes "12,3,45"; returns how many. */
function decodeList(csv: Uint8Array, factor: number, visit: (high: number, low: number) => void): number {
  let value = 0;
  let n = 1;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i]!;
    if (ch === 44) {
      const high = Math.floor(value / factor);
      visit(high, value - high * factor);
      value = 0;
      n++;
    } else {
      value = value * 10 + (ch - 48);
    }
  }
  const high = Math.floor(value / factor);
  visit(high, value - high * factor);
  return n;
}

/** Reads the pairs, calling `visit(high, low)` for each in `high` order when ranged; returns how many. */
export function readIntegerPairs(
  db: Database.Database,
  q: IntegerPairQuery,
  visit: (high: number, low: number) => void,
): number {
  const factor = q.lowMax + 1;
  if ((q.highMax + 1) * factor > Number.MAX_SAFE_INTEGER)
    throw new Error('packed integers: values too large to pack');
  const select = `SELECT CAST(group_concat(${q.high} * ${factor} + ${q.low}) AS BLOB) FROM ${q.from} WHERE (${q.where ?? '1'})`;
  let count = 0;
  const read = (csv: Buffer | null) => {
    if (csv) count += decodeList(csv, factor, visit);
    if (count > q.maxRows) throw new Error('internal error: more rows than the bound the caller gave');
  };
  const ranges = Math.ceil(q.maxRows / CHUNK_ROWS);
  if (!q.highSeekable || ranges <= 1) {
    read(db.prepare(select).pluck().get() as Buffer | null);
    return count;
  }
  const stmt = db.prepare(`${select} AND ${q.high} >= ? AND ${q.high} < ?`).pluck();
  const step = Math.ceil((q.highMax + 1) / ranges);
  for (let lo = 0; lo <= q.highMax; lo += step) read(stmt.get(lo, lo + step) as Buffer | null);
  return count;
}
