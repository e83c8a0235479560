import { basename, extname } from 'node:path';
import type { Project } from '../project/project';
import { setDocumentAttributes } from './attributes';
import { parseMetaCsv } from './metaCsv';

/**
 * Applies a metadata CSV to every matching document, all in one transaction. A row
 * matches a document by its source file's base name, its name, or its name without
 * extension, so `maple-grove-principal.txt` and `maple-grove-principal` both work.
 */
export function applyMetadata(
  project: Project,
  csvText: string,
  fileLabel: string,
  actor: string,
): { updated: number; unmatched: string[] } {
  const rows = parseMetaCsv(csvText, fileLabel);
  const docs = project.db.prepare('SELECT id, name, source_file FROM documents').all() as {
    id: number;
    name: string;
    source_file: string | null;
  }[];
  const byKey = new Map<string, number[]>();
  const add = (k: string | null, id: number) => {
    if (!k) return;
    const list = byKey.get(k) ?? [];
    if (!list.includes(id)) list.push(id);
    byKey.set(k, list);
  };
  for (const d of docs) {
    add(d.source_file, d.id);
    add(d.name, d.id);
    if (d.source_file) add(basename(d.source_file, extname(d.source_file)), d.id);
  }
  const unmatched: string[] = [];
  let updated = 0;
  project.transaction(() => {
    for (const row of rows) {
      const ids = byKey.get(row.file) ?? byKey.get(basename(row.file, extname(row.file))) ?? [];
      if (ids.length === 0) unmatched.push(row.file);
      for (const id of ids) {
        setDocumentAttributes(project.db, id, row.attributes, actor);
        updated++;
      }
    }
  });
  return { updated, unmatched };
}
