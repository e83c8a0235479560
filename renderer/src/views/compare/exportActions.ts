import type { CompareOptions, CompareResult } from '../../../../shared/contract/compare';
import type { ExportFormat } from '../../../../shared/contract/exchange';
import { fetchExport, fileStem, saveBlob } from './download';
import { composeFigure, svgMarkup, svgToPng } from './figureExport';
import { effectFigure, heatmapFigure } from './figures';
import type { HeatmapMeasure } from './schoolShares';

// Every export of the Compare view, as one function each: what file it makes and from
// what. Server-side formats come back from export.file; figures are composed here.

export type ExportId =
  | 'comparison'
  | 'xlsx'
  | 'effects-svg'
  | 'effects-png'
  | 'heatmap-svg'
  | 'heatmap-png'
  | 'matrix'
  | 'csv'
  | 'qdpx';

export interface ExportContext {
  projectName: string;
  result: CompareResult;
  options: CompareOptions;
  heatmapMeasure: HeatmapMeasure;
}

export interface ExportOutcome {
  fileName: string;
  warnings: string[];
}

const SERVER_FORMATS: Partial<Record<ExportId, ExportFormat>> = {
  comparison: 'comparison',
  xlsx: 'xlsx',
  matrix: 'matrix',
  csv: 'csv',
  qdpx: 'qdpx',
};

function figureFor(id: ExportId, ctx: ExportContext) {
  const spec = id.startsWith('effects')
    ? effectFigure(ctx.result)
    : heatmapFigure(ctx.result, ctx.heatmapMeasure);
  if (!spec) throw new Error('There is no heatmap: the compared documents have no school attribute.');
  return composeFigure(spec);
}

export async function runExport(id: ExportId, ctx: ExportContext): Promise<ExportOutcome> {
  const format = SERVER_FORMATS[id];
  if (format) {
    const file = await fetchExport({ format, compare: ctx.options });
    saveBlob(file.blob, file.fileName);
    return { fileName: file.fileName, warnings: file.warnings };
  }
  const svg = figureFor(id, ctx);
  const kind = id.startsWith('effects') ? 'effects' : `heatmap-${ctx.heatmapMeasure}`;
  const stem = `${fileStem(ctx.projectName)}-${kind}-${ctx.result.by}-${ctx.result.level}`;
  if (id.endsWith('svg')) {
    const fileName = `${stem}.svg`;
    saveBlob(new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }), fileName);
    return { fileName, warnings: [] };
  }
  const fileName = `${stem}.png`;
  saveBlob(await svgToPng(svg, 2), fileName);
  return { fileName, warnings: [] };
}
