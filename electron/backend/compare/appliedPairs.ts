import type Database from 'better-sqlite3';
import type { CompareLabelSource } from '../../../shared/contract/compare';
import type { Corpus } from './corpus';
import { labelSourceDefinition, labelSourceFrom } from './labelSource';
import { maxRowid, readIntegerPairs } from './packedIntegers';

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
  const definition = labelSourceDefinition(source);
  const maxRows = definition.maxRows?.(db) ?? maxRowid(db, 'labels');
  // sized by the bound: pages of the arrays that are never written are never touched
  const segment = new Int32Array(maxRows);
  const code = new Int32Array(maxRows);
  const byId = corpus.segmentOrdinalById;
  const codeCount = ordinalOfCodeId.length;
  let n = 0;
  readIntegerPairs(
    db,
    {
      from: labelSourceFrom(db, source),
      high: 'l.segment_id',
      highMax: maxRowid(db, 'segments'),
      low: 'l.code_id',
      lowMax: maxRowid(db, 'codes'),
      where: definition.where,
      maxRows,
      highSeekable: definition.from === undefined,
    },
    // a million values: map to ordinals, drop strays
    (segId, codeId) => {
      const s = byId ? (segId < byId.length ? byId[segId]! : -1) : corpus.segmentOrdinal(segId);
      const c = codeId < codeCount ? ordinalOfCodeId[codeId]! : -1;
      if (s < 0 || c < 0) return;
      segment[n] = s;
      code[n] = c;
      n++;
    },
  );
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
