import ExcelJS from 'exceljs';
import type { CompareResult } from '../../../shared/contract/compare';
import { COMPARISON_COLUMNS, comparisonTable } from './comparisonTable';
import type { CsvCell } from './csvFormat';

// A formatted workbook for reports: the comparison table (percentages, p-values and
// ratios as numbers with number formats, so Excel can sort and chart them), the label
// table, and the methods paragraph. Built with exceljs.

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF6' } };

const FORMATS: Partial<Record<(typeof COMPARISON_COLUMNS)[number], string>> = {
  prop_a: '0.0%',
  prop_b: '0.0%',
  difference: '+0.0%;-0.0%;0.0%',
  difference_ci95_low: '+0.0%;-0.0%;0.0%',
  difference_ci95_high: '+0.0%;-0.0%;0.0%',
  risk_ratio: '0.00',
  risk_ratio_ci95_low: '0.00',
  risk_ratio_ci95_high: '0.00',
  p_value: '0.0000',
  q_value: '0.0000',
  per_1000_words_a: '0.00',
  per_1000_words_b: '0.00',
};

const cell = (v: CsvCell): ExcelJS.CellValue =>
  v === undefined ? null : typeof v === 'boolean' ? Number(v) : v;

function addTable(
  ws: ExcelJS.Worksheet,
  rows: CsvCell[][],
  firstRow: number,
  widths: (header: string) => number,
): void {
  const [header = [], ...body] = rows;
  const headerRow = ws.getRow(firstRow);
  headerRow.values = header.map(cell);
  headerRow.font = { bold: true };
  headerRow.eachCell((c) => {
    c.fill = HEADER_FILL;
    c.border = { bottom: { style: 'thin' } };
  });
  body.forEach((r, i) => (ws.getRow(firstRow + 1 + i).values = r.map(cell)));
  header.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    col.width = widths(String(h));
  });
  if (header.length)
    ws.autoFilter = {
      from: { row: firstRow, column: 1 },
      to: { row: firstRow + body.length, column: header.length },
    };
  ws.views = [{ state: 'frozen', ySplit: firstRow, xSplit: 0 }];
}

export interface WorkbookContent {
  comparison: CompareResult | null;
  /** why there is no comparison, when there is none */
  comparisonMissing: string | null;
  labels: CsvCell[][];
  methods: string;
}

export async function buildWorkbook(content: WorkbookContent, now = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Concord';
  wb.created = now;

  const cmp = wb.addWorksheet('Comparison');
  const c = content.comparison;
  if (c) {
    cmp.getCell('A1').value =
      `Comparison of ${c.by}: "${c.a}" vs "${c.b}" at the ${c.level} level (labels: ${c.source})`;
    cmp.getCell('A1').font = { bold: true, size: 13 };
    cmp.getCell('A2').value = c.inference.note;
    cmp.getCell('A3').value = c.notes.join(' ');
    const rows = comparisonTable([c]);
    addTable(cmp, rows, 5, (h) => (h === 'code' ? 34 : h === 'warnings' ? 40 : Math.max(10, h.length + 2)));
    rows[0]!.forEach((h, i) => {
      const fmt = FORMATS[h as keyof typeof FORMATS];
      if (fmt) cmp.getColumn(i + 1).numFmt = fmt;
    });
  } else {
    cmp.getCell('A1').value = content.comparisonMissing ?? 'No comparison.';
  }

  const labels = wb.addWorksheet('Labels');
  addTable(labels, content.labels, 1, (h) =>
    h === 'document' || h === 'code' ? 30 : h === 'segment_id' ? 24 : Math.max(10, h.length + 2),
  );

  const methods = wb.addWorksheet('Methods');
  methods.getColumn(1).width = 120;
  methods.getCell('A1').value = 'Methods';
  methods.getCell('A1').font = { bold: true, size: 13 };
  methods.getCell('A2').value = content.methods;
  methods.getCell('A2').alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await wb.xlsx.writeBuffer());
}
