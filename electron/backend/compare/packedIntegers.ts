import type Database from 'better-sqlite3';

// Reading a million rows one JavaScript array at a time costs more than the whole
// comparison may take (DESIGN §5: 1 M labels ≤ 300 ms). Instead SQLite packs each row's
// two integers into one (high · factor + low) and joins them into one comma-separated
// string; a tight loop turns the string back into typed arrays. Several times faster
// than iterating rows, and plain arithmetic is cheaper in SQL than string concatenation.

/** Above this many rowids the query runs in rowid ranges, keeping each string small. */
const CHUNK_ROWIDS = 4_000_000;

export interface IntegerPairQuery {
  /** the table with its alias, e.g. "labels l" */
  from: string;
  /** its integer rowid column, e.g. "l.id" (only used to split very large tables) */
  rowid: string;
  /** non-negative integer SQL expressions, never NULL, with upper bounds the caller knows cheaply */
  high: string;
  highMax: number;
  low: string;
  lowMax: number;
  /** a boolean SQL expression without parameters */
  where?: string;
}

/** Values packed as high · factor + low; decode with `Math.floor(v / factor)` and the remainder. */
export interface PackedPairs {
  packed: Float64Array;
  length: number;
  factor: number;
}

class Growable {
  data = new Float64Array(4096);
  length = 0;
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const next = new Float64Array(Math.max(this.data.length * 2, this.length + extra));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }
}

/** Appends the non-negative integers of "12,3,45" to `out`. */
function parseInto(csv: string, out: Growable): void {
  // every value takes at least two characters with its comma, except the last
  out.reserve((csv.length >> 1) + 1);
  const data = out.data;
  let n = out.length;
  let value = 0;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv.charCodeAt(i);
    if (ch === 44) {
      data[n++] = value;
      value = 0;
    } else {
      value = value * 10 + (ch - 48);
    }
  }
  data[n++] = value;
  out.length = n;
}

export function readIntegerPairs(db: Database.Database, q: IntegerPairQuery): PackedPairs {
  const bounds = db.prepare(`SELECT min(${q.rowid}) AS lo, max(${q.rowid}) AS hi FROM ${q.from}`).get() as {
    lo: number | null;
    hi: number | null;
  };
  const packed = new Growable();
  const factor = q.lowMax + 1;
  if (bounds.lo === null || bounds.hi === null) return { packed: packed.data, length: 0, factor };
  if ((q.highMax + 1) * factor > Number.MAX_SAFE_INTEGER)
    throw new Error('packed integers: values too large to pack');
  const select = `SELECT group_concat(${q.high} * ${factor} + ${q.low}) FROM ${q.from}`;
  const where = q.where ?? '1';
  if (bounds.hi - bounds.lo < CHUNK_ROWIDS) {
    // one query without a rowid range, so SQLite may scan a covering index
    const csv = db.prepare(`${select} WHERE ${where}`).pluck().get() as string | null;
    if (csv) parseInto(csv, packed);
  } else {
    const stmt = db.prepare(`${select} WHERE ${q.rowid} >= ? AND ${q.rowid} < ? AND (${where})`).pluck();
    for (let lo = bounds.lo; lo <= bounds.hi; lo += CHUNK_ROWIDS) {
      const csv = stmt.get(lo, lo + CHUNK_ROWIDS) as string | null;
      if (csv) parseInto(csv, packed);
    }
  }
  return { packed: packed.data, length: packed.length, factor };
}
