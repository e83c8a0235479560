import { z } from 'zod';
import { CompareOptionsSchema } from './compare';
import { ImportSourceSchema } from './documents';
import { method } from './rpc';

// Exports for reports and for R / Python (DESIGN §1.8, §1.9, §4 `export`) and REFI-QDA
// project exchange (`.qdpx`) with ATLAS.ti, MAXQDA, NVivo and QualCoder.

export const EXPORT_FORMATS = ['csv', 'matrix', 'xlsx', 'qdpx', 'comparison', 'methods'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportParamsSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  /** write here (desktop, CLI); without it the bytes come back as base64 (browser download) */
  path: z.string().min(1).optional(),
  /** the comparison used by xlsx, comparison and methods (defaults: by group, document level) */
  compare: CompareOptionsSchema.partial().optional(),
});
export type ExportParams = z.input<typeof ExportParamsSchema>;

export const ExportResultSchema = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  bytes: z.number().int(),
  /** the absolute path written, when `path` was given */
  path: z.string().nullable(),
  /** the file itself, when no `path` was given */
  contentBase64: z.string().nullable(),
  /** things the export could not include, e.g. no comparison for lack of a two-valued attribute */
  warnings: z.array(z.string()),
});
export type ExportResult = z.infer<typeof ExportResultSchema>;

export const ImportQdpxReportSchema = z.object({
  path: z.string(),
  documents: z.number().int(),
  codes: z.number().int(),
  coders: z.number().int(),
  labels: z.number().int(),
  attributes: z.record(z.string(), z.record(z.string(), z.number().int())),
  /** things kept out of the import on purpose (unsupported source types, notes, …) */
  warnings: z.array(z.string()),
});
export type ImportQdpxReport = z.infer<typeof ImportQdpxReportSchema>;

export const exchangeMethods = {
  'export.file': method(ExportParamsSchema, ExportResultSchema),
  /** creates a new project from a .qdpx; refuses an existing target; with `open` it becomes the open project */
  'exchange.importQdpx': method(
    z.object({ source: ImportSourceSchema, target: z.string().min(1), open: z.boolean().optional() }),
    ImportQdpxReportSchema,
  ),
};
