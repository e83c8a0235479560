// The one input of every agreement statistic here: per unit, how many ratings fell in
// each category (the "distribution of raters by subject and category" of Gwet 2014,
// §2.4), plus, for exactly two coders, which category each coder chose (Cohen's κ needs
// the pairing, not only the counts).
//
// Rows carry a weight so that identical units can be stored once: the report compresses
// 10,000 units of a binary code into at most a dozen distinct rows, and the bootstrap
// resamples by redrawing those weights (see bootstrap.ts).

export interface UnitTable {
  /** k, the number of categories (2 for code applied / not applied). */
  readonly categories: number;
  /** rows × k, row-major: ratings of the row's unit(s) in each category. */
  readonly counts: Float64Array;
  /** rows: how many units the row stands for (1 for raw data). */
  readonly weights: Float64Array;
  /** rows × 2: the category index chosen by the first and the second coder, −1 when
   * missing; null unless the data come from exactly two coders. */
  readonly pairs: Int32Array | null;
}

export const rowCount = (table: UnitTable): number => table.weights.length;

export function withWeights(table: UnitTable, weights: Float64Array): UnitTable {
  if (weights.length !== table.weights.length)
    throw new RangeError(`expected ${table.weights.length} weights, got ${weights.length}`);
  return { ...table, weights };
}

function sortedCategories<T>(values: Iterable<T>): T[] {
  const distinct = [...new Set(values)];
  // irrCAC uses `sort(unique(ratings))`: numeric order for numbers, lexical for text.
  return distinct.sort((a, b) =>
    typeof a === 'number' && typeof b === 'number'
      ? a - b
      : String(a) < String(b)
        ? -1
        : String(a) > String(b)
          ? 1
          : 0,
  );
}

/**
 * Raw ratings: one row per unit, one column per coder, null/undefined = not rated.
 * `categories` lists every possible value (some may be unused, which matters for AC1 and
 * Brennan–Prediger); by default the values that occur, as irrCAC does.
 */
export function unitTableFromRatings<T extends string | number>(
  ratings: ReadonlyArray<ReadonlyArray<T | null | undefined>>,
  categories?: readonly T[],
): UnitTable {
  const present = (v: T | null | undefined): v is T => v !== null && v !== undefined;
  const cats = categories ? [...categories] : sortedCategories(ratings.flatMap((row) => row.filter(present)));
  const index = new Map<T, number>(cats.map((c, i) => [c, i]));
  if (index.size !== cats.length) throw new RangeError('categories must be distinct');
  const k = cats.length;
  const counts = new Float64Array(ratings.length * k);
  const twoCoders = ratings.length > 0 && ratings.every((row) => row.length === 2);
  const pairs = twoCoders ? new Int32Array(ratings.length * 2).fill(-1) : null;
  ratings.forEach((row, u) => {
    row.forEach((v, coder) => {
      if (!present(v)) return;
      const c = index.get(v);
      if (c === undefined)
        throw new RangeError(`unit ${u + 1}: value ${String(v)} is not one of the categories`);
      counts[u * k + c]! += 1;
      if (pairs) pairs[u * 2 + coder] = c;
    });
  });
  return { categories: k, counts, weights: new Float64Array(ratings.length).fill(1), pairs };
}

/** Fleiss-form data: per unit, how many coders chose each category (no pairing). */
export function unitTableFromDistribution(distribution: ReadonlyArray<ReadonlyArray<number>>): UnitTable {
  const k = distribution[0]?.length ?? 0;
  const counts = new Float64Array(distribution.length * k);
  distribution.forEach((row, u) => {
    if (row.length !== k) throw new RangeError(`unit ${u + 1}: expected ${k} categories, got ${row.length}`);
    row.forEach((n, c) => {
      if (!Number.isInteger(n) || n < 0)
        throw new RangeError(`unit ${u + 1}: counts must be non-negative integers, got ${n}`);
      counts[u * k + c] = n;
    });
  });
  return { categories: k, counts, weights: new Float64Array(distribution.length).fill(1), pairs: null };
}

/** Two coders as a k×k contingency table (rows: first coder, columns: second coder). */
export function unitTableFromContingency(table: ReadonlyArray<ReadonlyArray<number>>): UnitTable {
  const k = table.length;
  const counts = new Float64Array(k * k * k);
  const weights = new Float64Array(k * k);
  const pairs = new Int32Array(k * k * 2);
  table.forEach((row, a) => {
    if (row.length !== k)
      throw new RangeError(`a contingency table must be square, row ${a + 1} has ${row.length} cells`);
    row.forEach((n, b) => {
      if (!Number.isInteger(n) || n < 0)
        throw new RangeError(`cells must be non-negative integers, got ${n}`);
      const r = a * k + b;
      counts[r * k + a]! += 1;
      counts[r * k + b]! += 1;
      weights[r] = n;
      pairs[r * 2] = a;
      pairs[r * 2 + 1] = b;
    });
  });
  return { categories: k, counts, weights, pairs };
}
