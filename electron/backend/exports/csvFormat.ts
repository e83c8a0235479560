// RFC 4180 output: comma-separated, CRLF line ends, a field quoted when it holds a
// comma, quote or line break (quotes doubled). UTF-8 without BOM, so the header reads
// exactly as specified in R, pandas and the contract check.

export type CsvCell = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
