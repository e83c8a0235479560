import type { GroupedRatings, RatingTable } from '../../../shared/agreement/ratings';
import type { BinaryRating } from '../../../shared/agreement/prevalence';
import { MISSING, type RatingCube } from './ratingCube';

// From the cube to the input of shared/agreement: the ratings of some of the coders as
// a rating table (unit = segment id, code = code key). The rows are written in (code,
// unit) order with at most one per (coder, code, unit) — exactly what `groupRatings`
// would produce after its two counting sorts — so the grouping is built directly: the
// pooled report and every pair are built from 10^6 ratings each, and the sorts were a
// third of the report's time.

// the pooled report and every pair share one cube, so its unit names are made once
const unitNameCache = new WeakMap<Int32Array, string[]>();

function unitNames(ids: Int32Array): string[] {
  let names = unitNameCache.get(ids);
  if (!names) unitNameCache.set(ids, (names = Array.from(ids, String)));
  return names;
}

// Every table needs an identity `order` and a `source` (CSV lines, unused here); one
// pair of arrays, viewed at each table's length and never written by the statistics,
// spares ~10 MB of garbage per table of 10^6 ratings.
let shared = { order: new Int32Array(0), source: new Int32Array(0) };

function orderAndSource(n: number): { order: Int32Array; source: Int32Array } {
  if (shared.order.length < n) {
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    shared = { order, source: new Int32Array(n) };
  }
  return { order: shared.order.subarray(0, n), source: shared.source.subarray(0, n) };
}

/** The ratings of the coders at these cube positions (their order is the report's coder order). */
export function groupedRatingsOf(cube: RatingCube, coders: readonly number[]): GroupedRatings {
  const U = cube.unitIds.length;
  const K = cube.codes.length;
  const { values } = cube;
  const base = coders.map((c) => c * K * U);
  let n = 0;
  for (const b of base) for (let i = b, end = b + K * U; i < end; i++) if (values[i]! >= 0) n++;
  const unit = new Int32Array(n);
  const coder = new Int32Array(n);
  const code = new Int32Array(n);
  const value = new Uint8Array(n);
  const codeStart = new Int32Array(K + 1);
  let row = 0;
  for (let k = 0; k < K; k++) {
    for (let u = 0; u < U; u++)
      for (let j = 0; j < base.length; j++) {
        const v = values[base[j]! + k * U + u]!;
        if (v === MISSING) continue;
        unit[row] = u;
        coder[row] = j;
        code[row] = k;
        value[row] = v;
        row++;
      }
    codeStart[k + 1] = row;
  }
  const { order, source } = orderAndSource(n);
  const table: RatingTable = {
    units: unitNames(cube.unitIds),
    coders: coders.map((c) => cube.coders[c]!.name),
    codes: cube.codes.map((c) => c.key),
    length: n,
    unit,
    coder,
    code,
    value,
    source,
  };
  return { table, order, codeStart };
}

/** One coder's ratings of one code, per unit (null = missing), for classification. */
export function ratingsOf(cube: RatingCube, coder: number, code: number): BinaryRating[] {
  const U = cube.unitIds.length;
  const from = (coder * cube.codes.length + code) * U;
  const out = new Array<BinaryRating>(U);
  for (let u = 0; u < U; u++) {
    const v = cube.values[from + u]!;
    out[u] = v === MISSING ? null : (v as 0 | 1);
  }
  return out;
}

/** Segments where any of the coders applied the code. */
export function unitsWithCode(cube: RatingCube, code: number): number {
  const U = cube.unitIds.length;
  let n = 0;
  for (let u = 0; u < U; u++)
    for (let c = 0; c < cube.coders.length; c++)
      if (cube.values[(c * cube.codes.length + code) * U + u] === 1) {
        n++;
        break;
      }
  return n;
}
