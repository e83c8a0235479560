import type { CompareOptions, CompareResult } from '../../../shared/contract/compare';
import type { ExportFormat } from '../../../shared/contract/exchange';
import { runComparison } from '../compare/runComparison';
import { UserError } from '../errors';
import { exportQdpx } from '../exchange/exportQdpx';
import type { Project } from '../project/project';
import { comparisonTable } from './comparisonTable';
import { toCsv } from './csvFormat';
import { labelMatrix } from './labelMatrix';
import { labelTable } from './labelTable';
import { methodsFacts } from './methodsFacts';
import { methodsParagraph } from './methodsParagraph';
import { buildWorkbook } from './xlsx';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  warnings: string[];
}

const CSV = 'text/csv; charset=utf-8';

/** The comparison a report includes; null (with the reason) when the project has no such groups. */
function tryComparison(
  project: Project,
  options: Partial<CompareOptions> | undefined,
): { result: CompareResult | null; problem: string | null } {
  try {
    return { result: runComparison(project.db, options ?? {}), problem: null };
  } catch (e) {
    if (e instanceof UserError) return { result: null, problem: `no comparison: ${e.message}` };
    throw e;
  }
}

export async function exportProjectFile(
  project: Project,
  format: ExportFormat,
  compare?: Partial<CompareOptions>,
): Promise<ExportedFile> {
  const base = project.name;
  switch (format) {
    case 'csv':
      return {
        fileName: `${base}-labels.csv`,
        mimeType: CSV,
        bytes: Buffer.from(toCsv(labelTable(project.db))),
        warnings: [],
      };
    case 'matrix':
      return {
        fileName: `${base}-matrix.csv`,
        mimeType: CSV,
        bytes: Buffer.from(toCsv(labelMatrix(project.db))),
        warnings: [],
      };
    case 'comparison': {
      const result = runComparison(project.db, compare ?? {});
      return {
        fileName: `${base}-comparison.csv`,
        mimeType: CSV,
        bytes: Buffer.from(toCsv(comparisonTable([result]))),
        warnings: [],
      };
    }
    case 'methods': {
      const { result, problem } = tryComparison(project, compare);
      const text = `${methodsParagraph(methodsFacts(project.db, result))}\n`;
      return {
        fileName: `${base}-methods.md`,
        mimeType: 'text/markdown; charset=utf-8',
        bytes: Buffer.from(text),
        warnings: problem ? [problem] : [],
      };
    }
    case 'xlsx': {
      const { result, problem } = tryComparison(project, compare);
      const bytes = await buildWorkbook({
        comparison: result,
        comparisonMissing: problem,
        labels: labelTable(project.db),
        methods: methodsParagraph(methodsFacts(project.db, result)),
      });
      return {
        fileName: `${base}.xlsx`,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes,
        warnings: problem ? [problem] : [],
      };
    }
    case 'qdpx': {
      const { bytes, warnings } = await exportQdpx(project);
      return { fileName: `${base}.qdpx`, mimeType: 'application/zip', bytes, warnings };
    }
  }
}
