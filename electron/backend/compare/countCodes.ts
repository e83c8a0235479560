// Counting units with each code in two groups at three levels, on typed arrays (no I/O):
// a segment has a code when any kept label applies it; a document when any of its
// segments has it; a school when any of its documents in that group has it.

import type { AppliedPairs } from './appliedPairs';

export interface GroupAssignment {
  /** document ordinal → 0 (group a), 1 (group b), −1 (not compared) */
  documentGroup: Int8Array;
  /** document ordinal → school unit ordinal (documents of one school share it) */
  documentSchool: Int32Array;
  schoolUnits: number;
}

/** Units with each code, indexed [code * 2 + group]. */
export interface LevelCounts {
  segments: Int32Array;
  documents: Int32Array;
  schools: Int32Array;
}

export interface GroupTotals {
  segments: [number, number];
  documents: [number, number];
  schools: [number, number];
  words: [number, number];
}

class BitSet {
  private readonly words: Uint32Array;
  constructor(size: number) {
    this.words = new Uint32Array(Math.ceil(size / 32) || 1);
  }
  /** sets bit i; true when it was not set before */
  add(i: number): boolean {
    const w = i >>> 5;
    const bit = 1 << (i & 31);
    const before = this.words[w]!;
    if (before & bit) return false;
    this.words[w] = before | bit;
    return true;
  }
}

export function countCodes(
  pairs: AppliedPairs,
  segmentDocument: Int32Array,
  groups: GroupAssignment,
  codeCount: number,
): LevelCounts {
  const segmentCount = segmentDocument.length;
  const documentCount = groups.documentGroup.length;
  const counts: LevelCounts = {
    segments: new Int32Array(codeCount * 2),
    documents: new Int32Array(codeCount * 2),
    schools: new Int32Array(codeCount * 2),
  };
  const seenSegment = new BitSet(codeCount * segmentCount);
  const seenDocument = new BitSet(codeCount * documentCount);
  // a school can have documents in both groups (e.g. comparing roles), so per group
  const seenSchool = new BitSet(codeCount * groups.schoolUnits * 2);
  const { segment, code, length } = pairs;
  for (let i = 0; i < length; i++) {
    const s = segment[i]!;
    const doc = segmentDocument[s]!;
    if (doc < 0) continue;
    const g = groups.documentGroup[doc]!;
    if (g < 0) continue;
    const c = code[i]!;
    if (!seenSegment.add(c * segmentCount + s)) continue;
    const cell = c * 2 + g;
    counts.segments[cell]!++;
    if (!seenDocument.add(c * documentCount + doc)) continue;
    counts.documents[cell]!++;
    if (seenSchool.add((c * groups.schoolUnits + groups.documentSchool[doc]!) * 2 + g))
      counts.schools[cell]!++;
  }
  return counts;
}

export function groupTotals(
  segmentsPerDocument: Int32Array,
  documentWords: readonly number[],
  groups: GroupAssignment,
): GroupTotals {
  const totals: GroupTotals = { segments: [0, 0], documents: [0, 0], schools: [0, 0], words: [0, 0] };
  const schoolSeen = new BitSet(groups.schoolUnits * 2);
  groups.documentGroup.forEach((g, doc) => {
    if (g !== 0 && g !== 1) return;
    totals.documents[g]++;
    totals.segments[g] += segmentsPerDocument[doc]!;
    totals.words[g] += documentWords[doc]!;
    if (schoolSeen.add(groups.documentSchool[doc]! * 2 + g)) totals.schools[g]++;
  });
  return totals;
}
