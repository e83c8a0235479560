import { z } from 'zod';
import { method } from './rpc';

export const AttributesSchema = z.record(z.string(), z.string());

export const DocumentRowSchema = z.object({
  id: z.number().int(),
  uid: z.string(),
  name: z.string(),
  format: z.string(),
  sourceFile: z.string().nullable(),
  encoding: z.string().nullable(),
  words: z.number().int(),
  chars: z.number().int(),
  segments: z.number().int(),
  importedAt: z.string(),
  attributes: AttributesSchema,
});
export type DocumentRow = z.infer<typeof DocumentRowSchema>;

export const SegmentRowSchema = z.object({
  id: z.number().int(),
  uid: z.string(),
  index: z.number().int(),
  turn: z.number().int(),
  speaker: z.string().nullable(),
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  words: z.number().int(),
  timeStart: z.number().nullable(),
  timeEnd: z.number().nullable(),
});
export type SegmentRow = z.infer<typeof SegmentRowSchema>;

export const AttributeFilterSchema = z.object({ name: z.string(), value: z.string() });

/** A file to import: a path the backend can read (desktop, CLI) or the bytes (browser upload). */
export const ImportSourceSchema = z.union([
  z.object({ path: z.string().min(1) }),
  z.object({ name: z.string().min(1), contentBase64: z.string() }),
]);
export type ImportSource = z.infer<typeof ImportSourceSchema>;

export const ImportReportSchema = z.object({
  imported: z.array(
    z.object({
      file: z.string(),
      document_id: z.number().int(),
      name: z.string(),
      segments: z.number().int(),
    }),
  ),
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
  errors: z.array(z.object({ file: z.string(), error: z.string() })),
  warnings: z.array(z.object({ file: z.string(), warning: z.string() })),
  meta: z
    .object({
      file: z.string(),
      updated: z.number().int(),
      unmatched: z.array(z.string()),
      error: z.string().nullable(),
    })
    .nullable(),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const ImportProgressSchema = z.object({
  done: z.number().int(),
  total: z.number().int(),
  file: z.string(),
});
export type ImportProgress = z.infer<typeof ImportProgressSchema>;

export const documentMethods = {
  'documents.list': method(
    z.object({ filters: z.array(AttributeFilterSchema).optional(), search: z.string().optional() }),
    z.array(DocumentRowSchema),
  ),
  'documents.get': method(z.object({ id: z.number().int() }), DocumentRowSchema),
  'documents.text': method(z.object({ id: z.number().int() }), z.object({ text: z.string() })),
  'documents.segments': method(
    z.object({
      documentId: z.number().int(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(20000).optional(),
    }),
    z.object({ total: z.number().int(), segments: z.array(SegmentRowSchema) }),
  ),
  'documents.setAttributes': method(
    z.object({ id: z.number().int(), attributes: z.record(z.string(), z.string().nullable()) }),
    DocumentRowSchema,
  ),
  'documents.rename': method(
    z.object({ id: z.number().int(), name: z.string().trim().min(1) }),
    DocumentRowSchema,
  ),
  'documents.delete': method(
    z.object({ ids: z.array(z.number().int()).min(1) }),
    z.object({ deleted: z.number().int() }),
  ),
  'documents.attributeNames': method(
    z.object({}),
    z.array(
      z.object({
        name: z.string(),
        values: z.array(z.object({ value: z.string(), documents: z.number().int() })),
      }),
    ),
  ),
  'import.files': method(
    z.object({
      files: z.array(ImportSourceSchema).min(1),
      meta: ImportSourceSchema.optional(),
      maxSegmentChars: z.number().int().min(200).max(20000).optional(),
    }),
    ImportReportSchema,
  ),
  'import.meta': method(
    z.object({ meta: ImportSourceSchema }),
    z.object({ updated: z.number().int(), unmatched: z.array(z.string()) }),
  ),
};
