// How often each coder applies a code: the share of that coder's ratings that are 1.
// Reported next to κ because a rare code (low prevalence) drives chance agreement up and
// κ down even when coders almost always agree (Feinstein & Cicchetti 1990, "High
// agreement but low kappa: I. The problems of two paradoxes", J Clin Epidemiol 43).

import { type Estimate, estimate, undefinedBecause } from './estimate';

export type BinaryRating = 0 | 1 | null | undefined;

export function share(ones: number, ratings: number): Estimate {
  return ratings === 0 ? undefinedBecause('no ratings') : estimate(ones / ratings);
}

/** Rows are units, columns coders (null = not rated); one prevalence per coder. */
export function prevalenceByCoder(ratings: ReadonlyArray<ReadonlyArray<BinaryRating>>): Estimate[] {
  const coders = Math.max(0, ...ratings.map((row) => row.length));
  const ones = new Array<number>(coders).fill(0);
  const rated = new Array<number>(coders).fill(0);
  for (const row of ratings)
    row.forEach((v, coder) => {
      if (v === null || v === undefined) return;
      rated[coder]! += 1;
      ones[coder]! += v;
    });
  return ones.map((o, coder) => share(o, rated[coder]!));
}
