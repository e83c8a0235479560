import { mulberry32, streamSeed } from '../../../shared/agreement/prng';

// Drawing a calibration (or held-out) sample: simple random, or stratified by document
// attributes (e.g. group × role) so that every kind of interview is represented.
// Pure and seeded: the same candidates (in the same order), size, allocation and seed
// always give the same sample, on any machine.

export interface Candidate {
  id: number;
  /** the stratum the segment belongs to ("" for a simple random sample) */
  stratum: string;
}

export type Allocation = 'proportional' | 'equal';

export interface StratumDraw {
  stratum: string;
  available: number;
  drawn: number;
}

/**
 * How many units each stratum gets. Proportional: Hamilton's largest-remainder method
 * (each stratum its quota n·N_h/N rounded down, the leftover units to the largest
 * fractions, ties to the earlier stratum), so the sizes sum to n and never exceed N_h.
 * Equal: n/H each, a stratum too small to fill its share gives the rest to the others
 * ("water filling"), so small strata are not swamped (better for comparing strata).
 */
export function allocate(sizes: readonly number[], n: number, allocation: Allocation): number[] {
  const total = sizes.reduce((s, x) => s + x, 0);
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`sample size must be a non-negative integer, got ${n}`);
  if (n > total) throw new RangeError(`sample size ${n} exceeds the ${total} eligible units`);
  if (allocation === 'proportional') {
    const quotas = sizes.map((size) => (total === 0 ? 0 : (n * size) / total));
    const out = quotas.map(Math.floor);
    let left = n - out.reduce((s, x) => s + x, 0);
    const order = quotas
      .map((q, i) => ({ i, frac: q - Math.floor(q) }))
      .sort((a, b) => b.frac - a.frac || a.i - b.i);
    for (const { i } of order) {
      if (left === 0) break;
      if (out[i]! < sizes[i]!) {
        out[i]!++;
        left--;
      }
    }
    return out;
  }
  const out = sizes.map(() => 0);
  let left = n;
  let open = sizes.map((_s, i) => i).filter((i) => sizes[i]! > 0);
  while (left > 0 && open.length) {
    const share = Math.floor(left / open.length);
    if (share === 0) {
      // fewer units than open strata: one more each to the first ones
      for (const i of open.slice(0, left)) out[i]!++;
      break;
    }
    for (const i of open) {
      const take = Math.min(share, sizes[i]! - out[i]!);
      out[i]! += take;
      left -= take;
    }
    open = open.filter((i) => out[i]! < sizes[i]!);
  }
  return out;
}

/** k of the items, uniformly at random without replacement (partial Fisher–Yates), in their original order. */
function chooseSorted<T>(items: readonly T[], k: number, random: () => number): T[] {
  const idx = items.map((_x, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (idx.length - i));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => items[i]!);
}

/**
 * Draws `size` candidates. Strata are ordered by name; within a stratum candidates keep
 * their given order. Each stratum draws from its own random stream (seed and stratum
 * name), so one stratum's draw does not depend on the others' sizes.
 */
export function drawSample(
  candidates: readonly Candidate[],
  size: number,
  seed: number,
  allocation: Allocation = 'proportional',
): { ids: number[]; strata: StratumDraw[] } {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    let list = groups.get(c.stratum);
    if (!list) groups.set(c.stratum, (list = []));
    list.push(c);
  }
  const names = [...groups.keys()].sort();
  const sizes = names.map((s) => groups.get(s)!.length);
  const counts = allocate(sizes, size, allocation);
  const chosen = new Set<number>();
  names.forEach((name, h) => {
    for (const c of chooseSorted(
      groups.get(name)!,
      counts[h]!,
      mulberry32(streamSeed(seed, `stratum:${name}`)),
    ))
      chosen.add(c.id);
  });
  return {
    ids: candidates.filter((c) => chosen.has(c.id)).map((c) => c.id),
    strata: names.map((stratum, h) => ({ stratum, available: sizes[h]!, drawn: counts[h]! })),
  };
}
