import type { ImportReport } from '../../../../shared/contract/documents';

export type ImportRowStatus = 'imported' | 'skipped' | 'error' | 'warning';

export interface ImportRow {
  file: string;
  status: ImportRowStatus;
  detail: string;
  documentId?: number;
  documentName?: string;
  segments?: number;
}

const ORDER: Record<ImportRowStatus, number> = { error: 0, imported: 1, skipped: 2, warning: 3 };

/** One table row per outcome, grouped by file in the order the files were chosen. */
export function importRows(report: ImportReport, fileOrder: string[]): ImportRow[] {
  const rows: ImportRow[] = [
    ...report.imported.map((r) => ({
      file: r.file,
      status: 'imported' as const,
      detail: r.name,
      documentId: r.document_id,
      documentName: r.name,
      segments: r.segments,
    })),
    ...report.skipped.map((r) => ({ file: r.file, status: 'skipped' as const, detail: r.reason })),
    // the metadata file's failure is shown in its own box
    ...report.errors
      .filter((r) => r.file !== report.meta?.file)
      .map((r) => ({ file: r.file, status: 'error' as const, detail: r.error })),
    ...report.warnings.map((r) => ({ file: r.file, status: 'warning' as const, detail: r.warning })),
  ];
  const position = (file: string) => {
    const i = fileOrder.indexOf(file);
    return i < 0 ? fileOrder.length : i;
  };
  return rows
    .map((row, i) => ({ row, i }))
    .sort(
      (a, b) =>
        position(a.row.file) - position(b.row.file) || ORDER[a.row.status] - ORDER[b.row.status] || a.i - b.i,
    )
    .map(({ row }) => row);
}
