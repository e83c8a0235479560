// The input of `stats agreement` (and of the project's `agreement`): rows of
// (unit, coder, code, value) with value 1 = code applied, 0 = not applied, and a missing
// row = missing data (DESIGN §4). Stored column-wise with names interned to integers so
// a million rows cost a few typed arrays, not a million objects.

export const RATINGS_HEADER = ['unit', 'coder', 'code', 'value'] as const;

/** Where each of unit, coder, code, value is in a CSV header (names trimmed, any case,
 * any order, as `stats compare` reads its header), or why the header is not that. */
export function ratingsHeaderColumns(
  fields: readonly string[],
):
  | { readonly ok: true; readonly columns: readonly [number, number, number, number] }
  | { readonly ok: false; readonly problem: string } {
  const names = fields.map((f) => f.trim().toLowerCase());
  const [unit, coder, code, value] = RATINGS_HEADER.map((name) => names.indexOf(name)) as [
    number,
    number,
    number,
    number,
  ];
  if (names.length === RATINGS_HEADER.length && unit >= 0 && coder >= 0 && code >= 0 && value >= 0)
    return { ok: true, columns: [unit, coder, code, value] };
  return {
    ok: false,
    problem: `the header must be ${RATINGS_HEADER.join(',')}, got ${JSON.stringify(fields.join(','))}`,
  };
}

export function parseRatingValue(text: string): 0 | 1 | null {
  const t = text.trim();
  return t === '1' ? 1 : t === '0' ? 0 : null;
}

export interface RatingTable {
  readonly units: readonly string[];
  readonly coders: readonly string[];
  readonly codes: readonly string[];
  readonly length: number;
  /** per row: index into units / coders / codes */
  readonly unit: Int32Array;
  readonly coder: Int32Array;
  readonly code: Int32Array;
  readonly value: Uint8Array;
  /** per row: where it came from (the CSV line), for error messages */
  readonly source: Int32Array;
}

class Names {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  // Files usually list a unit's (or a code's) rows together: comparing with the last name
  // skips most hash lookups.
  private lastName: string | null = null;
  private lastId = -1;
  id(name: string): number {
    if (name === this.lastName) return this.lastId;
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(name, id);
      this.list.push(name);
    }
    this.lastName = name;
    this.lastId = id;
    return id;
  }
}

export class RatingTableBuilder {
  private readonly units = new Names();
  private readonly coders = new Names();
  private readonly codes = new Names();
  private length = 0;
  private unit = new Int32Array(1024);
  private coder = new Int32Array(1024);
  private code = new Int32Array(1024);
  private value = new Uint8Array(1024);
  private source = new Int32Array(1024);

  get size(): number {
    return this.length;
  }

  add(unit: string, coder: string, code: string, value: 0 | 1, source = this.length + 1): void {
    if (this.length === this.unit.length) this.grow();
    const i = this.length++;
    this.unit[i] = this.units.id(unit);
    this.coder[i] = this.coders.id(coder);
    this.code[i] = this.codes.id(code);
    this.value[i] = value;
    this.source[i] = source;
  }

  /** The table so far. It shares the builder's buffers (no copy of a million rows), so
   * build once, when every row is added. */
  build(): RatingTable {
    const n = this.length;
    return {
      units: this.units.list,
      coders: this.coders.list,
      codes: this.codes.list,
      length: n,
      unit: this.unit.subarray(0, n),
      coder: this.coder.subarray(0, n),
      code: this.code.subarray(0, n),
      value: this.value.subarray(0, n),
      source: this.source.subarray(0, n),
    };
  }

  private grow(): void {
    const size = this.unit.length * 2;
    const widen = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.unit = widen(this.unit, (n) => new Int32Array(n));
    this.coder = widen(this.coder, (n) => new Int32Array(n));
    this.code = widen(this.code, (n) => new Int32Array(n));
    this.value = widen(this.value, (n) => new Uint8Array(n));
    this.source = widen(this.source, (n) => new Int32Array(n));
  }
}

export interface RatingRow {
  unit: string;
  coder: string;
  code: string;
  value: 0 | 1;
}

export function ratingTableFromRows(rows: Iterable<RatingRow>): RatingTable {
  const builder = new RatingTableBuilder();
  for (const r of rows) builder.add(r.unit, r.coder, r.code, r.value);
  return builder.build();
}

/**
 * Rows ordered by (code, unit), file order within a unit: every unit's ratings of a code
 * are contiguous. Made only by `groupRatings`, which also guarantees that no coder rates
 * the same unit and code twice.
 */
export interface GroupedRatings {
  readonly table: RatingTable;
  readonly order: Int32Array;
  /** codes.length + 1 offsets into `order` */
  readonly codeStart: Int32Array;
}

/** Two rows for the same (unit, coder, code), as row indices, `first` < `second`. */
export interface DuplicateRating {
  readonly first: number;
  readonly second: number;
}

export type GroupingResult =
  | { readonly ok: true; readonly grouped: GroupedRatings }
  | { readonly ok: false; readonly duplicate: DuplicateRating };

// Two stable counting sorts (by unit, then by code): linear in the rows, no comparisons.
function countingOrder(
  keys: Int32Array,
  keyCount: number,
  input: Int32Array,
): { order: Int32Array; start: Int32Array } {
  const start = new Int32Array(keyCount + 1);
  for (let j = 0; j < input.length; j++) start[keys[input[j]!]! + 1]!++;
  for (let key = 0; key < keyCount; key++) start[key + 1]! += start[key]!;
  const next = start.slice(0, keyCount);
  const order = new Int32Array(input.length);
  for (let j = 0; j < input.length; j++) {
    const row = input[j]!;
    order[next[keys[row]!]!++] = row;
  }
  return { order, start };
}

/**
 * Groups the rows and rejects a (unit, coder, code) given twice — identical or not, a
 * repeated rating is an error: a file cannot say which of two conflicting values is the
 * coder's, and a silent identical repeat usually means a botched export. Reports the
 * repeat that comes first in the file.
 */
export function groupRatings(table: RatingTable): GroupingResult {
  const rows = new Int32Array(table.length);
  for (let i = 0; i < rows.length; i++) rows[i] = i;
  const byUnit = countingOrder(table.unit, table.units.length, rows).order;
  const { order, start: codeStart } = countingOrder(table.code, table.codes.length, byUnit);
  const seenInGroup = new Int32Array(table.coders.length).fill(-1);
  const firstRow = new Int32Array(table.coders.length);
  let duplicate: DuplicateRating | null = null;
  let group = -1;
  for (let j = 0; j < order.length; j++) {
    const row = order[j]!;
    const prev = j > 0 ? order[j - 1]! : -1;
    if (prev < 0 || table.code[prev] !== table.code[row] || table.unit[prev] !== table.unit[row]) group++;
    const c = table.coder[row]!;
    if (seenInGroup[c] === group) {
      if (!duplicate || row < duplicate.second) duplicate = { first: firstRow[c]!, second: row };
    } else {
      seenInGroup[c] = group;
      firstRow[c] = row;
    }
  }
  return duplicate ? { ok: false, duplicate } : { ok: true, grouped: { table, order, codeStart } };
}
