// Reading the CSV files the stateless commands take: UTF-8 text (a BOM is fine), RFC
// 4180 records with their line numbers, and one-line errors for anything else.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { CliError } from './command';

export interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The file's bytes and their UTF-8 text, or a one-line error. */
export function readCsvFile(file: string, path: string): { bytes: Buffer; text: string } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new CliError(`cannot read ${file}: ${why}`);
  }
  try {
    return { bytes, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    throw new CliError(`${file}: not valid UTF-8 text`);
  }
}

export const readText = (file: string, path: string): string => readCsvFile(file, path).text;

export function parseCsv(file: string, text: string): CsvRecord[] {
  try {
    return parse(text, { bom: true, info: true, skip_empty_lines: true }) as unknown as CsvRecord[];
  } catch (e) {
    throw new CliError(`${file}: malformed CSV: ${(e as Error).message}`);
  }
}
