import type Database from 'better-sqlite3';
import type { DocumentRow, SegmentRow } from '../../../shared/contract/documents';
import { UserError } from '../errors';

interface DocumentDbRow {
  id: number;
  uid: string;
  name: string;
  format: string;
  source_file: string | null;
  encoding: string | null;
  words: number;
  chars: number;
  segments: number;
  imported_at: string;
}

const DOCUMENT_COLUMNS = `d.id, d.uid, d.name, d.format, d.source_file, d.encoding, d.words, d.chars, d.imported_at,
  (SELECT count(*) FROM segments s WHERE s.document_id = d.id) AS segments`;

function attributesOf(db: Database.Database, ids: number[]): Map<number, Record<string, string>> {
  const out = new Map<number, Record<string, string>>();
  if (ids.length === 0) return out;
  const rows = db.prepare(`SELECT document_id, name, value FROM document_attributes ORDER BY name`).all() as {
    document_id: number;
    name: string;
    value: string;
  }[];
  const wanted = new Set(ids);
  for (const r of rows) {
    if (!wanted.has(r.document_id)) continue;
    let attrs = out.get(r.document_id);
    if (!attrs) out.set(r.document_id, (attrs = {}));
    attrs[r.name] = r.value;
  }
  return out;
}

function toRow(d: DocumentDbRow, attrs: Record<string, string> | undefined): DocumentRow {
  return {
    id: d.id,
    uid: d.uid,
    name: d.name,
    format: d.format,
    sourceFile: d.source_file,
    encoding: d.encoding,
    words: d.words,
    chars: d.chars,
    segments: d.segments,
    importedAt: d.imported_at,
    attributes: attrs ?? {},
  };
}

export interface DocumentFilter {
  filters?: { name: string; value: string }[];
  search?: string;
}

export function listDocuments(db: Database.Database, f: DocumentFilter = {}): DocumentRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  for (const flt of f.filters ?? []) {
    where.push(
      'EXISTS (SELECT 1 FROM document_attributes a WHERE a.document_id = d.id AND a.name = ? AND a.value = ?)',
    );
    args.push(flt.name, flt.value);
  }
  if (f.search?.trim()) {
    where.push("d.name LIKE ? ESCAPE '\\'");
    args.push(`%${f.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  }
  const sql = `SELECT ${DOCUMENT_COLUMNS} FROM documents d ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.name COLLATE NOCASE, d.id`;
  const docs = db.prepare(sql).all(...args) as DocumentDbRow[];
  const attrs = attributesOf(
    db,
    docs.map((d) => d.id),
  );
  return docs.map((d) => toRow(d, attrs.get(d.id)));
}

export function getDocument(db: Database.Database, id: number): DocumentRow {
  const d = db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?`).get(id) as
    DocumentDbRow | undefined;
  if (!d) throw new UserError(`document ${id} does not exist`, 'not_found');
  const attrs = db
    .prepare('SELECT name, value FROM document_attributes WHERE document_id = ? ORDER BY name')
    .all(id) as {
    name: string;
    value: string;
  }[];
  return toRow(d, Object.fromEntries(attrs.map((a) => [a.name, a.value])));
}

export function documentText(db: Database.Database, id: number): string {
  const r = db.prepare('SELECT text FROM documents WHERE id = ?').get(id) as { text: string } | undefined;
  if (!r) throw new UserError(`document ${id} does not exist`, 'not_found');
  return r.text;
}

export function listSegments(
  db: Database.Database,
  documentId: number,
  offset = 0,
  limit = 5000,
): { total: number; segments: SegmentRow[] } {
  getDocument(db, documentId);
  const total = (
    db.prepare('SELECT count(*) AS n FROM segments WHERE document_id = ?').get(documentId) as { n: number }
  ).n;
  const rows = db
    .prepare(
      `SELECT id, uid, idx AS "index", turn, speaker, text, start, end, words, time_start AS timeStart, time_end AS timeEnd
       FROM segments WHERE document_id = ? ORDER BY idx LIMIT ? OFFSET ?`,
    )
    .all(documentId, limit, offset) as SegmentRow[];
  return { total, segments: rows };
}

/** attribute name → value → number of documents */
export function attributeCounts(db: Database.Database): Record<string, Record<string, number>> {
  const rows = db
    .prepare(
      'SELECT name, value, count(*) AS n FROM document_attributes GROUP BY name, value ORDER BY name, value',
    )
    .all() as { name: string; value: string; n: number }[];
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) (out[r.name] ??= {})[r.value] = r.n;
  return out;
}
