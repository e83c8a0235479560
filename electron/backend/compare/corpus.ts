import type Database from 'better-sqlite3';
import { readIntegerPairs } from './packedIntegers';

/**
 * Documents and segments as dense ordinals, the shape the counting works on: document
 * ordinal i is `documents[i]`, segment ordinal j belongs to document `segmentDocument[j]`.
 */
export interface Corpus {
  documents: { id: number; name: string; words: number }[];
  segmentDocument: Int32Array;
  /** segment id → ordinal, −1 for an id that is not a segment */
  segmentOrdinal: (id: number) => number;
  /** the same as an array indexed by id, when ids are dense enough (the fast path) */
  segmentOrdinalById: Int32Array | null;
  segmentsPerDocument: Int32Array;
  /** attribute value of each document (by ordinal), null where unset */
  attribute: (name: string) => (string | null)[];
}

export function loadCorpus(db: Database.Database): Corpus {
  const documents = db
    .prepare('SELECT id, name, words FROM documents ORDER BY id')
    .all() as Corpus['documents'];
  const docOrdinal = new Map(documents.map((d, i) => [d.id, i]));
  const maxRowid = (table: string) =>
    (db.prepare(`SELECT max(rowid) FROM ${table}`).pluck().get() as number | null) ?? 0;
  const { packed, length, factor } = readIntegerPairs(db, {
    from: 'segments s',
    rowid: 's.id',
    high: 's.id',
    highMax: maxRowid('segments'),
    low: 's.document_id',
    lowMax: maxRowid('documents'),
  });
  const maxId = maxRowid('segments');
  // ids are rowids, dense in practice: an array lookup, unless the file has huge gaps
  const byId = maxId <= 4 * length + 1_000_000 ? new Int32Array(maxId + 1).fill(-1) : null;
  const sparse = byId ? null : new Map<number, number>();
  const segmentDocument = new Int32Array(length);
  const segmentsPerDocument = new Int32Array(documents.length);
  for (let j = 0; j < length; j++) {
    const v = packed[j]!;
    const id = Math.floor(v / factor);
    const doc = docOrdinal.get(v - id * factor) ?? -1;
    segmentDocument[j] = doc;
    if (doc >= 0) segmentsPerDocument[doc]!++;
    if (byId) byId[id] = j;
    else sparse!.set(id, j);
  }
  const attributeStmt = db.prepare('SELECT document_id AS id, value FROM document_attributes WHERE name = ?');
  const attributeCache = new Map<string, (string | null)[]>();
  return {
    documents,
    segmentDocument,
    segmentsPerDocument,
    segmentOrdinal: byId ? (id) => (id < byId.length ? byId[id]! : -1) : (id) => sparse!.get(id) ?? -1,
    segmentOrdinalById: byId,
    attribute(name) {
      let values = attributeCache.get(name);
      if (!values) {
        values = new Array<string | null>(documents.length).fill(null);
        for (const r of attributeStmt.all(name) as { id: number; value: string }[]) {
          const i = docOrdinal.get(r.id);
          if (i !== undefined) values[i] = r.value;
        }
        attributeCache.set(name, values);
      }
      return values;
    },
  };
}
