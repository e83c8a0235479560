import ExcelJS from 'exceljs';
import type { AgreementReportView } from '../../../shared/contract/calibration';
import type { CsvCell } from '../exports/csvFormat';
import { agreementTable, classificationTable, flagsTable } from './agreementTable';

// The agreement report as a formatted workbook: statistics as numbers with number
// formats (so Excel sorts and charts them), frozen headers and filters, flagged codes
// coloured, and the methods paragraph.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };
const STATUS_FILL: Record<string, string> = {
  ready: 'FFDFF0D8',
  below_threshold: 'FFF2DEDE',
  below_human: 'FFFCF8E3',
  undefined: 'FFEEEEEE',
};

const cellValue = (v: CsvCell): ExcelJS.CellValue =>
  v === undefined ? null : typeof v === 'boolean' ? Number(v) : v;

function formatFor(header: string): string | null {
  if (
    header.startsWith('prevalence:') ||
    header === 'percent_agreement' ||
    header.startsWith('percent_agreement_')
  )
    return '0.0%';
  if (/kappa|alpha|ac1|prediger|agreement|precision|recall|f1|human|ai_vs/.test(header)) return '0.000';
  return null;
}

function addSheet(wb: ExcelJS.Workbook, name: string, title: string, rows: CsvCell[][]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.getCell('A1').value = title;
  ws.getCell('A1').font = { bold: true, size: 13 };
  const first = 3;
  const [header = [], ...body] = rows;
  const headerRow = ws.getRow(first);
  headerRow.values = header.map(cellValue);
  headerRow.font = { bold: true };
  headerRow.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
  body.forEach((r, i) => (ws.getRow(first + 1 + i).values = r.map(cellValue)));
  header.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    const text = String(h);
    col.width = /^(code|comparison|reasons|notes|reference)$/.test(text)
      ? 32
      : Math.max(10, Math.min(24, text.length + 2));
    const fmt = formatFor(text);
    if (fmt) col.numFmt = fmt;
  });
  if (header.length)
    ws.autoFilter = {
      from: { row: first, column: 1 },
      to: { row: first + body.length, column: header.length },
    };
  ws.views = [{ state: 'frozen', ySplit: first, xSplit: 0 }];
  return ws;
}

function colourStatus(ws: ExcelJS.Worksheet, rows: CsvCell[][], column: string): void {
  const j = rows[0]!.indexOf(column);
  if (j < 0) return;
  rows.slice(1).forEach((r, i) => {
    const argb = STATUS_FILL[String(r[j])];
    if (argb) ws.getRow(4 + i).getCell(j + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb } };
  });
}

export async function agreementWorkbook(
  report: AgreementReportView,
  methods: string,
  now = new Date(),
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Concord';
  wb.created = now;
  const scope = report.scope.sample ? `sample "${report.scope.sample}"` : 'segments all coders finished';
  const coders = report.coders.map((c) => `${c.name} (${c.role})`).join(', ');
  addSheet(
    wb,
    'Agreement',
    `Agreement per code: ${coders}; ${report.scope.segments} segments, ${scope}`,
    agreementTable(report),
  );
  if (report.ai_vs_reference.length)
    addSheet(
      wb,
      'AI vs reference',
      'AI coders against the human reference: confusion counts, precision, recall, F1',
      classificationTable(report),
    );
  const flags = flagsTable(report);
  const t = report.flags.thresholds;
  const ws = addSheet(
    wb,
    'Readiness',
    `Readiness: ${t.metric} ≥ ${t.minimum}${t.notBelowHuman ? ', not below human–human' : ''} (${report.flags.ready} of ${report.flags.codes.length} codes ready)`,
    flags,
  );
  colourStatus(ws, flags, 'status');
  colourStatus(ws, flags, 'ai_status');
  const m = wb.addWorksheet('Methods');
  m.getColumn(1).width = 120;
  m.getCell('A1').value = 'Methods';
  m.getCell('A1').font = { bold: true, size: 13 };
  m.getCell('A2').value = methods;
  m.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  report.warnings.forEach((w, i) => (m.getCell(`A${4 + i}`).value = `Note: ${w}`));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
