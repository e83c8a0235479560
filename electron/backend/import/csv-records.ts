import { ImportFileError } from './types';

// A small RFC 4180 reader instead of a library so that every error names the line the
// user has to fix (csv-parse reports where parsing stopped, which for an unterminated
// quote is the end of the file, not where the quote opened).

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts */
  line: number;
}

/** Records of `text` (no BOM, any line endings); blank lines are skipped. */
export function csvRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const delimiterCode = delimiter.charCodeAt(0);
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  for (;;) {
    // at the start of a field
    if (text[i] === '"') {
      const quoteLine = line;
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1)
          throw new ImportFileError(
            `malformed CSV: the quoted field opened on line ${quoteLine} is never closed`,
          );
        value += text.slice(from, q);
        if (text[q + 1] === '"') {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      line += countLineBreaks(value);
      fields.push(value);
      const next = text[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new ImportFileError(`malformed CSV: unexpected text after a closing quote on line ${line}`);
      }
    } else {
      // Unquoted: up to the next delimiter or line break (a stray quote inside is kept).
      let j = i;
      while (j < text.length) {
        const c = text.charCodeAt(j);
        if (c === delimiterCode || c === 10 || c === 13) break;
        j++;
      }
      fields.push(text.slice(i, j));
      i = j;
    }

    if (i >= text.length) break;
    if (text[i] === delimiter) {
      i++;
      continue;
    }
    pushRecord(records, fields, recordLine);
    fields = [];
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    line++;
    recordLine = line;
    if (i >= text.length) return records;
  }
  pushRecord(records, fields, recordLine);
  return records;
}

function pushRecord(records: CsvRecord[], fields: string[], line: number): void {
  if (fields.length === 1 && fields[0] === '') return; // blank line
  records.push({ fields, line });
}

function countLineBreaks(value: string): number {
  let n = 0;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === 10 || (c === 13 && value.charCodeAt(k + 1) !== 10)) n++;
  }
  return n;
}
