import { csvRecords } from './csv-records';
import { renderTurns, type RenderableTurn } from './render-turns';
import { secondsFromCell } from './timestamps';
import { ImportFileError, type ParsedDocument } from './types';

// A CSV of turns (`document,speaker,text[,start,end]`), as exported from spreadsheets or
// other QDA tools; one file may hold many interviews. Each row is one turn; rows are
// grouped by `document` in the order the documents first appear.

export interface TurnsCsv {
  documents: { name: string; doc: ParsedDocument }[];
  warnings: string[];
}

const REQUIRED = ['document', 'speaker', 'text'] as const;
const OPTIONAL = ['start', 'end'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];
const KNOWN = new Set<string>([...REQUIRED, ...OPTIONAL]);
const MAX_LISTED = 10;

export function parseTurnsCsv(text: string): TurnsCsv {
  const source = text.replace(/^\uFEFF/, '');
  if (!/\S/.test(source)) throw new ImportFileError('file is empty');
  const records = csvRecords(source, guessDelimiter(source));
  const header = records[0];
  if (!header) throw new ImportFileError('file is empty');

  const names = header.fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new ImportFileError(
      `not a turns CSV: the header must contain document, speaker and text (missing: ${missing.join(', ')})`,
    );
  }
  const at = new Map<Column, number>();
  const unknown: string[] = [];
  names.forEach((name, i) => {
    if (!KNOWN.has(name)) {
      unknown.push(header.fields[i]?.trim() || `column ${i + 1}`);
      return;
    }
    if (at.has(name as Column))
      throw new ImportFileError(`malformed CSV: the header names column "${name}" twice`);
    at.set(name as Column, i);
  });

  const warnings: string[] = [];
  if (unknown.length > 0) warnings.push(`ignored unknown column(s): ${unknown.join(', ')}`);

  const byDocument = new Map<string, { turns: RenderableTurn[] }>();
  const noDocument: number[] = [];
  const badTimes: number[] = [];
  const emptyText = new Map<string, number[]>();
  const cell = (fields: string[], column: Column): string => {
    const i = at.get(column);
    return i === undefined ? '' : (fields[i] ?? '');
  };

  for (const record of records.slice(1)) {
    if (record.fields.length !== header.fields.length) {
      throw new ImportFileError(
        `malformed CSV: the row on line ${record.line} has ${record.fields.length} field(s), the header has ${header.fields.length}`,
      );
    }
    const document = cell(record.fields, 'document').trim();
    if (document.length === 0) {
      noDocument.push(record.line);
      continue;
    }
    const entry = byDocument.get(document) ?? { turns: [] };
    byDocument.set(document, entry);
    const content = cell(record.fields, 'text').replace(/\r\n?/g, '\n').trim();
    if (content.length === 0) {
      emptyText.set(document, [...(emptyText.get(document) ?? []), record.line]);
      continue;
    }
    const speaker = cell(record.fields, 'speaker').replace(/\s+/g, ' ').trim();
    const time = (column: Column): number | null => {
      const raw = cell(record.fields, column).trim();
      if (raw.length === 0) return null;
      const seconds = secondsFromCell(raw);
      if (seconds === null) badTimes.push(record.line);
      return seconds;
    };
    entry.turns.push({
      speaker: speaker.length > 0 ? speaker : null,
      content,
      timeStart: time('start'),
      timeEnd: time('end'),
    });
  }

  if (noDocument.length > 0)
    warnings.push(`row(s) without a document name skipped: ${listLines(noDocument)}`);
  if (badTimes.length > 0)
    warnings.push(`start/end values that are neither seconds nor hh:mm:ss ignored: ${listLines(badTimes)}`);

  const documents: TurnsCsv['documents'] = [];
  for (const [name, entry] of byDocument) {
    const skipped = emptyText.get(name);
    if (skipped) warnings.push(`document "${name}": row(s) with empty text skipped: ${listLines(skipped)}`);
    if (entry.turns.length === 0) {
      warnings.push(`document "${name}" has no rows with text and was left out`);
      continue;
    }
    documents.push({ name, doc: renderTurns(entry.turns) });
  }
  if (documents.length === 0) throw new ImportFileError('the CSV has no turns with text');
  return { documents, warnings };
}

function listLines(lines: number[]): string {
  const shown = lines.slice(0, MAX_LISTED).join(', ');
  return `line${lines.length === 1 ? '' : 's'} ${shown}${lines.length > MAX_LISTED ? ` and ${lines.length - MAX_LISTED} more` : ''}`;
}

// Spreadsheets in many European locales save "CSV" with semicolons; tab-separated exports
// are common too. The header line decides.
function guessDelimiter(text: string): string {
  const nl = text.search(/[\r\n]/);
  const header = nl === -1 ? text : text.slice(0, nl);
  if (header.includes(',')) return ',';
  if (header.includes('\t')) return '\t';
  if (header.includes(';')) return ';';
  return ',';
}
