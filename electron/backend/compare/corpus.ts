import type Database from 'better-sqlite3';
import { maxRowid, readIntegerPairs } from './packedIntegers';

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
  const maxId = maxRowid(db, 'segments');
  // ids are rowids, dense in practice: an array lookup, unless the file has huge gaps
  const byId = new Int32Array(maxId <= 4_000_000 ? maxId + 1 : 0).fill(-1);
  const sparse = byId.length ? null : new Map<number, number>();
  // sized by the bound (pages never written are never touched), then cut to the count
  let segmentDocument = new Int32Array(maxId);
  const segmentsPerDocument = new Int32Array(documents.length);
  let j = 0;
  readIntegerPairs(
    db,
    {
      from: 'segments s',
      high: 's.id',
      highMax: maxId,
      low: 's.document_id',
      lowMax: maxRowid(db, 'documents'),
      maxRows: maxId,
      highSeekable: true,
    },
    (id, documentId) => {
      const doc = docOrdinal.get(documentId) ?? -1;
      segmentDocument[j] = doc;
      if (doc >= 0) segmentsPerDocument[doc]!++;
      if (sparse) sparse.set(id, j);
      else byId[id] = j;
      j++;
    },
  );
  segmentDocument = segmentDocument.subarray(0, j);
  const attributeStmt = db.prepare('SELECT document_id AS id, value FROM document_attributes WHERE name = ?');
  const attributeCache = new Map<string, (string | null)[]>();
  return {
    documents,
    segmentDocument,
    segmentsPerDocument,
    segmentOrdinal: sparse ? (id) => sparse.get(id) ?? -1 : (id) => (id < byId.length ? byId[id]! : -1),
    segmentOrdinalById: sparse ? null : byId,
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
