import { parse } from 'csv-parse/sync';
import { UserError } from '../errors';
import { validateAttributeName } from './attributes';

export interface MetaRow {
  /** base file name (or document name) the row applies to */
  file: string;
  attributes: Record<string, string>;
}

/**
 * Parses a metadata CSV: a `file` column with the imported file's base name, every
 * other column a document attribute. Ragged rows and a missing `file` column are errors
 * (nothing is applied); empty cells leave the attribute unset.
 */
export function parseMetaCsv(text: string, fileLabel: string): MetaRow[] {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    throw new UserError(`${fileLabel}: malformed CSV (${(e as Error).message})`);
  }
  const header = records[0];
  if (!header) throw new UserError(`${fileLabel}: the metadata CSV is empty`);
  const names = header.map((h) => h.trim());
  const fileCol = names.findIndex((h) => h.toLowerCase() === 'file');
  if (fileCol < 0) throw new UserError(`${fileLabel}: no "file" column (the header is ${names.join(',')})`);
  const attrCols = names
    .map((n, i) => ({ n, i }))
    .filter(({ i }) => i !== fileCol)
    .map(({ n, i }) => {
      try {
        return { name: validateAttributeName(n), i };
      } catch (e) {
        throw new UserError(`${fileLabel}: column ${i + 1}: ${(e as Error).message}`);
      }
    });
  const seen = new Set<string>();
  return records.slice(1).map((row, r) => {
    const file = (row[fileCol] ?? '').trim();
    if (!file) throw new UserError(`${fileLabel}: row ${r + 2} has an empty "file" cell`);
    if (seen.has(file)) throw new UserError(`${fileLabel}: row ${r + 2} repeats file "${file}"`);
    seen.add(file);
    const attributes: Record<string, string> = {};
    for (const { name, i } of attrCols) {
      const v = (row[i] ?? '').trim();
      if (v) attributes[name] = v;
    }
    return { file, attributes };
  });
}
