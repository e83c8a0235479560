// Seeded, reproducible randomness for the bootstrap. mulberry32 (Tommy Ettinger, 2017,
// public domain): one 32-bit word of state, full period 2^32, statistically adequate for
// resampling (a bootstrap needs ~10^6 draws, far below where its flaws show), and the
// same sequence on every platform because it only uses 32-bit integer arithmetic.

export type Random = () => number;

/** Uniform numbers in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// MurmurHash3's 32-bit finaliser (Appleby): spreads every input bit over the output.
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A seed for one named stream (e.g. one code's bootstrap), from the user's seed and the
 * name (FNV-1a over UTF-16 units). Each code gets its own stream, so its interval does
 * not change when codes are added to or removed from the file.
 */
export function streamSeed(seed: number, name: string): number {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  const high = Math.floor(seed / 4294967296);
  return fmix32(fmix32(h ^ (seed >>> 0)) ^ fmix32(high + 0x9e3779b9));
}
