import type Database from 'better-sqlite3';
import type { CompareLabelSource } from '../../../shared/contract/compare';
import type { Corpus } from './corpus';
import { labelSourceDefinition, labelSourceFrom } from './labelSource';
import { readIntegerPairs } from './packedIntegers';

/** Every (segment, code) application kept by the label source, as ordinals; duplicates possible. */
export interface AppliedPairs {
  segment: Int32Array;
  code: Int32Array;
  length: number;
}

export function readAppliedPairs(
  db: Database.Database,
  source: CompareLabelSource,
  corpus: Corpus,
  ordinalOfCodeId: Int32Array,
): AppliedPairs {
  const maxRowid = (table: string) =>
    (db.prepare(`SELECT max(rowid) FROM ${table}`).pluck().get() as number | null) ?? 0;
  const { packed, length, factor } = readIntegerPairs(db, {
    from: labelSourceFrom(db, source),
    rowid: 'l.id',
    high: 'l.segment_id',
    highMax: maxRowid('segments'),
    low: 'l.code_id',
    lowMax: maxRowid('codes'),
    where: labelSourceDefinition(source).where,
  });
  const segment = new Int32Array(length);
  const code = new Int32Array(length);
  const byId = corpus.segmentOrdinalById;
  const codeCount = ordinalOfCodeId.length;
  let n = 0;
  // one tight loop over a million values: decode, map to ordinals, drop strays
  for (let i = 0; i < length; i++) {
    const v = packed[i]!;
    const segId = Math.floor(v / factor);
    const codeId = v - segId * factor;
    const s = byId ? (segId < byId.length ? byId[segId]! : -1) : corpus.segmentOrdinal(segId);
    const c = codeId < codeCount ? ordinalOfCodeId[codeId]! : -1;
    if (s < 0 || c < 0) continue;
    segment[n] = s;
    code[n] = c;
    n++;
  }
  return { segment, code, length: n };
}

/** The pairs plus, for every pair, one pair per ancestor of its code (for subcode roll-up). */
export function withAncestors(pairs: AppliedPairs, ancestors: readonly number[][]): AppliedPairs {
  let extra = 0;
  for (let i = 0; i < pairs.length; i++) extra += ancestors[pairs.code[i]!]!.length;
  const segment = new Int32Array(pairs.length + extra);
  const code = new Int32Array(pairs.length + extra);
  let n = 0;
  for (let i = 0; i < pairs.length; i++) {
    const s = pairs.segment[i]!;
    const c = pairs.code[i]!;
    segment[n] = s;
    code[n++] = c;
    for (const a of ancestors[c]!) {
      segment[n] = s;
      code[n++] = a;
    }
  }
  return { segment, code, length: n };
}
