import type Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import { csvField, type CsvCell } from '../exports/csvFormat';
import { LABEL_EVENT_COLUMNS, labelEvents, type LabelEvent } from './labelEvents';

const csvLine = (e: LabelEvent): string =>
  LABEL_EVENT_COLUMNS.map((k) => {
    const v = e[k];
    return csvField(Array.isArray(v) ? v.join(';') : (v as CsvCell));
  }).join(',');

/**
 * The audit trail as a file for R, Python or a spreadsheet: CSV (RFC 4180, the header
 * is LABEL_EVENT_COLUMNS; review reasons joined by ";") or JSON Lines (one event per
 * line, reasons as an array). Streamed to `path` when given, else returned.
 */
export function exportHistory(
  db: Database.Database,
  p: { format: 'csv' | 'jsonl'; path?: string; codeKey?: string },
): { rows: number; path: string | null; text: string | null } {
  const header = p.format === 'csv' ? `${LABEL_EVENT_COLUMNS.join(',')}\r\n` : '';
  const line = (e: LabelEvent) => (p.format === 'csv' ? `${csvLine(e)}\r\n` : `${JSON.stringify(e)}\n`);
  let rows = 0;
  if (!p.path) {
    const parts = [header];
    for (const e of labelEvents(db, { codeKey: p.codeKey })) {
      parts.push(line(e));
      rows++;
    }
    return { rows, path: null, text: parts.join('') };
  }
  const fd = openSync(p.path, 'w');
  try {
    // a few hundred lines per write: one system call per line would dominate a large export
    let buffer = header;
    for (const e of labelEvents(db, { codeKey: p.codeKey })) {
      buffer += line(e);
      rows++;
      if (buffer.length > 1 << 16) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    if (buffer) writeSync(fd, buffer);
  } finally {
    closeSync(fd);
  }
  return { rows, path: p.path, text: null };
}
