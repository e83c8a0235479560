import { z } from 'zod';
import { ImportSourceSchema } from './documents';
import { method } from './rpc';

const HEX = /^#[0-9A-Fa-f]{6}$/;

export const ExamplesSchema = z.object({ positive: z.array(z.string()), negative: z.array(z.string()) });

/** A code as the UI sees it in one codebook version. `key` is stable across versions. */
export const CodeViewSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  guid: z.string(),
  parentKey: z.string().nullable(),
  name: z.string(),
  shortLabel: z.string(),
  definition: z.string(),
  inclusion: z.string(),
  exclusion: z.string(),
  examples: ExamplesSchema,
  color: z.string(),
  order: z.number().int(),
  /** labels (any coder) on this code in this version */
  usage: z.number().int(),
  /** labels (any coder) on this code's key in every version (a renamed code keeps its key) */
  usageAllVersions: z.number().int().optional(),
});
export type CodeView = z.infer<typeof CodeViewSchema>;

export const ChangeEntrySchema = z.object({
  kind: z.enum([
    'added',
    'removed',
    'renamed',
    'redefined',
    'moved',
    'merged',
    'split',
    'recolored',
    'created',
    'imported',
  ]),
  key: z.string().nullable(),
  name: z.string().nullable(),
  detail: z.string(),
  /** merged / split: the keys the code went into (what `resolveCodeInVersion` follows) */
  into: z.array(z.string()).optional(),
});
export type ChangeEntry = z.infer<typeof ChangeEntrySchema>;

export const CodebookVersionViewSchema = z.object({
  version: z.number().int(),
  name: z.string(),
  description: z.string(),
  parentVersion: z.number().int().nullable(),
  frozen: z.boolean(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  codes: z.number().int(),
  changeLog: z.array(ChangeEntrySchema),
});
export type CodebookVersionView = z.infer<typeof CodebookVersionViewSchema>;

export const CodeInputSchema = z.object({
  /** absent for a new code (a key is derived from the name) */
  key: z.string().optional(),
  parentKey: z.string().nullable(),
  name: z.string().trim().min(1, 'a code needs a name').max(200),
  shortLabel: z.string().max(40).default(''),
  definition: z.string().default(''),
  inclusion: z.string().default(''),
  exclusion: z.string().default(''),
  examples: ExamplesSchema.default({ positive: [], negative: [] }),
  color: z.string().regex(HEX, 'colour must be #RRGGBB').default('#6B7280'),
});
export type CodeInput = z.input<typeof CodeInputSchema>;
export type CodeInputParsed = z.output<typeof CodeInputSchema>;

/**
 * Every edit names the version it was made against. Editing a frozen version (one a
 * label or calibration refers to) creates a new version with the change logged; the
 * result says which version now holds the edit.
 */
const EditResultSchema = z.object({
  version: z.number().int(),
  createdVersion: z.boolean(),
  key: z.string().nullable(),
});
const VersionParam = z.object({ version: z.number().int() });

export const ExportFormatSchema = z.enum(['qdc', 'json', 'md', 'docx']);

export const codebookMethods = {
  'codebook.versions': method(z.object({}), z.array(CodebookVersionViewSchema)),
  'codebook.get': method(
    z.object({ version: z.number().int().optional() }),
    CodebookVersionViewSchema.extend({ codes: z.array(CodeViewSchema) }).nullable(),
  ),
  'codebook.saveCode': method(VersionParam.extend({ code: CodeInputSchema }), EditResultSchema),
  'codebook.deleteCode': method(VersionParam.extend({ key: z.string() }), EditResultSchema),
  'codebook.moveCode': method(
    VersionParam.extend({
      key: z.string(),
      parentKey: z.string().nullable(),
      index: z.number().int().min(0),
    }),
    EditResultSchema,
  ),
  'codebook.mergeCodes': method(
    VersionParam.extend({ sourceKeys: z.array(z.string()).min(1), targetKey: z.string() }),
    EditResultSchema,
  ),
  'codebook.splitCode': method(
    VersionParam.extend({ key: z.string(), into: z.array(CodeInputSchema).min(2) }),
    EditResultSchema,
  ),
  'codebook.diff': method(
    z.object({ from: z.number().int(), to: z.number().int() }),
    z.object({ changes: z.array(ChangeEntrySchema) }),
  ),
  'codebook.setActive': method(VersionParam, z.null()),
  'codebook.importFile': method(
    z.object({ source: ImportSourceSchema }),
    z.object({ version: z.number().int(), codes: z.number().int(), warnings: z.array(z.string()) }),
  ),
  'codebook.exportFile': method(
    z.object({ version: z.number().int().optional(), format: ExportFormatSchema }),
    z.object({ fileName: z.string(), mimeType: z.string(), contentBase64: z.string() }),
  ),
};
