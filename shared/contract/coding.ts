import { z } from 'zod';
import { ImportSourceSchema } from './documents';
import { method } from './rpc';

export const CoderViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['human', 'ai']),
  labels: z.number().int(),
});
export type CoderView = z.infer<typeof CoderViewSchema>;

export const SpanSchema = z.object({ start: z.number().int().min(0), end: z.number().int().min(1) });

/** A label as the reader shows it; span offsets are into the document text. */
export const LabelViewSchema = z.object({
  id: z.number().int(),
  segmentId: z.number().int(),
  codeId: z.number().int(),
  codeKey: z.string(),
  codeName: z.string(),
  color: z.string(),
  coderId: z.number().int(),
  coderName: z.string(),
  source: z.enum(['human', 'ai']),
  span: SpanSchema.nullable(),
  memo: z.string(),
  confidence: z.number().nullable(),
  codebookVersion: z.number().int(),
  createdAt: z.string(),
});
export type LabelView = z.infer<typeof LabelViewSchema>;

export const codingMethods = {
  'coders.list': method(z.object({}), z.array(CoderViewSchema)),
  'coders.create': method(z.object({ name: z.string().trim().min(1).max(100) }), CoderViewSchema),
  /** labels in one document; with `onlyCoderId` (blind mode) nobody else's labels are sent */
  'coding.documentLabels': method(
    z.object({ documentId: z.number().int(), onlyCoderId: z.number().int().optional() }),
    z.array(LabelViewSchema),
  ),
  'coding.apply': method(
    z.object({
      segmentId: z.number().int(),
      codeKey: z.string(),
      coderId: z.number().int(),
      span: SpanSchema.nullable().optional(),
      memo: z.string().optional(),
    }),
    LabelViewSchema,
  ),
  'coding.remove': method(
    z.object({ labelId: z.number().int(), coderId: z.number().int() }),
    z.object({ removed: LabelViewSchema }),
  ),
  'coding.setMemo': method(
    z.object({ labelId: z.number().int(), memo: z.string().max(20000) }),
    LabelViewSchema,
  ),
  /** segments carrying a code (any coder, or one), for filtering the reader */
  'coding.segmentsWithCode': method(
    z.object({
      codeKey: z.string(),
      coderId: z.number().int().optional(),
      documentId: z.number().int().optional(),
    }),
    z.array(z.object({ documentId: z.number().int(), segmentId: z.number().int(), index: z.number().int() })),
  ),
  /**
   * mark a segment as fully coded by a coder (codes without a label there are deliberate
   * zeros for agreement), or unmark it; applying a code marks it, removing a coder's last
   * code on the segment unmarks it
   */
  'coding.setSegmentDone': method(
    z.object({ segmentId: z.number().int(), coderId: z.number().int(), done: z.boolean() }),
    z.object({ done: z.boolean() }),
  ),
  /** the segments of a document a coder has marked (or coded) as done */
  'coding.doneSegments': method(
    z.object({ documentId: z.number().int(), coderId: z.number().int() }),
    z.array(z.number().int()),
  ),
  /** human labels coded elsewhere: CSV `document,segment,coder,code` */
  'coding.importLabelsCsv': method(
    z.object({ source: ImportSourceSchema }),
    z.object({ labels: z.number().int(), coders: z.array(z.string()), warnings: z.array(z.string()) }),
  ),
};
