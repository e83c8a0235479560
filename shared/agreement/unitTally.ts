// From grouped ratings to one compressed unit table per code and one for all code
// decisions pooled (DESIGN §4: `overall` treats every (unit, code) pair as one binary
// unit). A binary unit is fully described, for every statistic here, by how many coders
// rated it and how many said 1 — plus, with exactly two coders, who said what (Cohen's κ).
// So each entry becomes a handful of (kind of unit, how many) rows however many units it
// has, which is what makes the report and its bootstrap fast.

import type { GroupedRatings } from './ratings';
import type { UnitTable } from './unitTable';

export interface CoderPrevalence {
  readonly coder: string;
  readonly ones: number;
  readonly ratings: number;
}

export interface UnitTally {
  /** the code, or null for all codes pooled */
  readonly code: string | null;
  /** coders who rated it (file order) */
  readonly coders: readonly string[];
  /** units (pooled: unit–code pairs) rated by at least two coders */
  readonly pairableUnits: number;
  readonly table: UnitTable;
  readonly prevalence: readonly CoderPrevalence[];
}

// Two coders: a unit is (first coder's value, second coder's value), each 0, 1 or
// missing (2): kind = 3·a + b. More coders: kind = r·(m + 1) + ones, r ≤ m ratings.
const MISSING = 2;

// Kinds are counted in a dense array while there are few possible kinds (the usual
// handful of coders), in a Map when a file has so many coders that (m + 1)² would not fit.
const DENSE_KINDS = 1 << 16;

class KindCounter {
  private readonly dense: Float64Array | null;
  private readonly sparse = new Map<number, number>();
  private readonly used: number[] = [];
  constructor(
    readonly pairMode: boolean,
    private readonly coders: number,
  ) {
    const kinds = pairMode ? 9 : (coders + 1) * (coders + 1);
    this.dense = kinds <= DENSE_KINDS ? new Float64Array(kinds) : null;
  }
  addPair(a: number, b: number): void {
    this.add(3 * a + b);
  }
  addCount(ratings: number, ones: number): void {
    this.add(ratings * (this.coders + 1) + ones);
  }
  private add(kind: number): void {
    const n = this.count(kind);
    if (n === 0) this.used.push(kind);
    if (this.dense) this.dense[kind] = n + 1;
    else this.sparse.set(kind, n + 1);
  }
  private count(kind: number): number {
    return (this.dense ? this.dense[kind] : this.sparse.get(kind)) ?? 0;
  }
  table(): UnitTable {
    const kinds = [...this.used].sort((x, y) => x - y);
    const counts = new Float64Array(kinds.length * 2);
    const weights = new Float64Array(kinds.length);
    const pairs = this.pairMode ? new Int32Array(kinds.length * 2) : null;
    kinds.forEach((kind, row) => {
      weights[row] = this.count(kind);
      if (pairs) {
        const values = [Math.floor(kind / 3), kind % 3];
        values.forEach((v, i) => {
          pairs[row * 2 + i] = v === MISSING ? -1 : v;
          if (v !== MISSING) counts[row * 2 + v]! += 1;
        });
      } else {
        const ratings = Math.floor(kind / (this.coders + 1));
        const ones = kind % (this.coders + 1);
        counts[row * 2] = ratings - ones;
        counts[row * 2 + 1] = ones;
      }
    });
    return { categories: 2, counts, weights, pairs };
  }
}

export function tallyUnits(grouped: GroupedRatings): { codes: UnitTally[]; overall: UnitTally } {
  const { table, order, codeStart } = grouped;
  const { unit, coder, value } = table;
  const coderCount = table.coders.length;
  const seen = new Int32Array(coderCount).fill(-1);
  const ones = new Float64Array(coderCount);
  const rated = new Float64Array(coderCount);
  const allOnes = new Float64Array(coderCount);
  const allRated = new Float64Array(coderCount);
  const overall = new KindCounter(coderCount === 2, coderCount);
  let overallPairable = 0;
  const codes: UnitTally[] = [];

  for (let code = 0; code < table.codes.length; code++) {
    const from = codeStart[code]!;
    const to = codeStart[code + 1]!;
    const codeCoders: number[] = [];
    for (let j = from; j < to; j++) {
      const row = order[j]!;
      const c = coder[row]!;
      if (seen[c] !== code) {
        seen[c] = code;
        codeCoders.push(c);
      }
      ones[c]! += value[row]!;
      rated[c]! += 1;
    }
    codeCoders.sort((x, y) => x - y);
    const pairMode = codeCoders.length === 2;
    const [firstCoder, secondCoder] = codeCoders;
    const counter = new KindCounter(pairMode, codeCoders.length);
    let pairable = 0;
    for (let j = from; j < to;) {
      const u = unit[order[j]!]!;
      let r = 0;
      let n1 = 0;
      let a = MISSING;
      let b = MISSING;
      let pooledA = MISSING;
      let pooledB = MISSING;
      for (; j < to && unit[order[j]!] === u; j++) {
        const row = order[j]!;
        const v = value[row]!;
        const c = coder[row]!;
        r++;
        n1 += v;
        if (c === firstCoder) a = v;
        else if (c === secondCoder) b = v;
        if (c === 0) pooledA = v;
        else if (c === 1) pooledB = v;
      }
      if (pairMode) counter.addPair(a, b);
      else counter.addCount(r, n1);
      if (overall.pairMode) overall.addPair(pooledA, pooledB);
      else overall.addCount(r, n1);
      if (r >= 2) pairable++;
    }
    overallPairable += pairable;
    codes.push({
      code: table.codes[code]!,
      coders: codeCoders.map((c) => table.coders[c]!),
      pairableUnits: pairable,
      table: counter.table(),
      prevalence: codeCoders.map((c) => ({ coder: table.coders[c]!, ones: ones[c]!, ratings: rated[c]! })),
    });
    for (const c of codeCoders) {
      allOnes[c]! += ones[c]!;
      allRated[c]! += rated[c]!;
      ones[c] = 0;
      rated[c] = 0;
    }
  }

  return {
    codes,
    overall: {
      code: null,
      coders: table.coders,
      pairableUnits: overallPairable,
      table: overall.table(),
      prevalence: table.coders.map((name, c) => ({ coder: name, ones: allOnes[c]!, ratings: allRated[c]! })),
    },
  };
}
