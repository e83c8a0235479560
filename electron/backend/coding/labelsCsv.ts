import { parse } from 'csv-parse/sync';
import { UserError } from '../errors';

export interface LabelsCsvRow {
  /** line in the file (the header is line 1); for a row with a quoted line break, its last line */
  line: number;
  document: string;
  segment: string;
  coder: string;
  code: string;
}

const COLUMNS = ['document', 'segment', 'coder', 'code'] as const;

/**
 * Parses a human labels CSV (`document,segment,coder,code`, header required, any
 * column order, RFC 4180). Only the shape is checked here; what the values refer to
 * is resolved against the project by importLabelsCsv.
 */
export function parseLabelsCsv(text: string): { rows: LabelsCsvRow[]; warnings: string[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
    }) as unknown as typeof records;
  } catch (e) {
    throw new UserError(`the labels CSV is malformed: ${(e as Error).message}`);
  }
  const [head, ...body] = records;
  if (!head) throw new UserError('the labels CSV is empty');
  const header = head.record.map((h) => h.trim().toLowerCase());
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new UserError(
      `the labels CSV needs the header document,segment,coder,code (missing: ${missing.join(', ')}; found: ${head.record.join(',')})`,
    );
  }
  const index = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  const extra = head.record.filter((_, i) => !Object.values(index).includes(i));
  const warnings = extra.length ? [`ignored columns: ${extra.join(', ')}`] : [];
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    document: (record[index.document] ?? '').trim(),
    segment: (record[index.segment] ?? '').trim(),
    coder: (record[index.coder] ?? '').trim(),
    code: (record[index.code] ?? '').trim(),
  }));
  if (rows.length === 0) throw new UserError('the labels CSV has a header but no rows');
  return { rows, warnings };
}
