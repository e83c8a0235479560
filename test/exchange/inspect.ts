// Reading an imported project (or a .qdpx) back in the terms a test compares.
import type Database from 'better-sqlite3';
import { readQdpx } from '../../electron/backend/exchange/readQdpx';
import type { RefiCode } from '../../electron/backend/exchange/refiModel';

export interface LabelSummary {
  document: string;
  coder: string;
  code: string;
  source: string;
  whole: boolean;
  text: string;
}

export function labelSummaries(db: Database.Database): LabelSummary[] {
  const rows = db
    .prepare(
      `SELECT d.name AS document, d.text AS docText, co.name AS coder, c.name AS code, l.source, l.span_start, l.span_end, s.start, s.end
       FROM labels l JOIN segments s ON s.id = l.segment_id JOIN documents d ON d.id = s.document_id
       JOIN coders co ON co.id = l.coder_id JOIN codes c ON c.id = l.code_id ORDER BY d.name, coalesce(l.span_start, s.start), c.name, co.name`,
    )
    .all() as {
    document: string;
    docText: string;
    coder: string;
    code: string;
    source: string;
    span_start: number | null;
    span_end: number | null;
    start: number;
    end: number;
  }[];
  return rows.map((r) => ({
    document: r.document,
    coder: r.coder,
    code: r.code,
    source: r.source,
    whole: r.span_start === null,
    text: r.docText.slice(r.span_start ?? r.start, r.span_end ?? r.end),
  }));
}

export function attributesByDocument(db: Database.Database): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const r of db
    .prepare(
      'SELECT d.name AS doc, a.name, a.value FROM document_attributes a JOIN documents d ON d.id = a.document_id ORDER BY d.name, a.name',
    )
    .all() as { doc: string; name: string; value: string }[]) {
    (out[r.doc] ??= {})[r.name] = r.value;
  }
  return out;
}

export const codeTree = (db: Database.Database) =>
  (
    db.prepare('SELECT name, parent_key, code_key FROM codes ORDER BY sort_order').all() as {
      name: string;
      parent_key: string | null;
      code_key: string;
    }[]
  ).map((c, _, all) => `${all.find((p) => p.code_key === c.parent_key)?.name ?? ''}/${c.name}`);

/** "source [start,end) code by user" for every coding of an archive, sorted. */
export async function codingsOf(bytes: Buffer): Promise<string[]> {
  const { project } = await readQdpx(bytes);
  const codeName = new Map<string, string>();
  const visit = (codes: RefiCode[]) =>
    codes.forEach((c) => (codeName.set(c.guid, c.name), visit(c.children)));
  visit(project.codes);
  const user = new Map(project.users.map((u) => [u.guid, u.name]));
  return project.sources
    .flatMap((s) =>
      s.selections.flatMap((sel) =>
        sel.codings.map(
          (c) =>
            `${s.name} [${sel.start},${sel.end}) ${codeName.get(c.codeGuid)} by ${user.get(c.userGuid ?? '') ?? '?'}`,
        ),
      ),
    )
    .sort();
}
