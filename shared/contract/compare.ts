import { z } from 'zod';
import { method } from './rpc';

// Group comparison (DESIGN §1.8, §4 `compare`): code frequencies in two groups of
// documents defined by an attribute. Results use the snake_case keys of `stats compare`
// so the CLI's `--json` and the UI read the same object.

export const COMPARE_LEVELS = ['segment', 'document', 'school'] as const;
export type CompareLevel = (typeof COMPARE_LEVELS)[number];

/** 'consensus' and 'effective' join here when the review issue adds them (see backend compare/labelSource.ts). */
export const COMPARE_LABEL_SOURCES = ['human', 'ai', 'all', 'effective'] as const;
export type CompareLabelSource = (typeof COMPARE_LABEL_SOURCES)[number];

export const CompareOptionsSchema = z.object({
  /** the document attribute whose values form the groups */
  by: z.string().trim().min(1).default('group'),
  level: z.enum(COMPARE_LEVELS).default('document'),
  source: z.enum(COMPARE_LABEL_SOURCES).default('all'),
  /** the two values to compare; required when the attribute has more than two */
  a: z.string().optional(),
  b: z.string().optional(),
  /** compare `a` against every other value of the attribute */
  rest: z.boolean().optional(),
  /** the attribute naming a document's school (the unit of the school level) */
  schoolAttribute: z.string().trim().min(1).default('school'),
  /** attributes to break the comparison down by, e.g. ["role", "pair"] */
  breakdowns: z.array(z.string().trim().min(1)).max(5).optional(),
  /** a code also counts where any of its subcodes was applied (MAXQDA's "include subcodes") */
  rollup: z.boolean().default(false),
});
export type CompareOptions = z.input<typeof CompareOptionsSchema>;
export type ParsedCompareOptions = z.output<typeof CompareOptionsSchema>;

const Interval = z.tuple([z.number(), z.number()]);

export const CompareRowSchema = z.object({
  /** the code's name */
  code: z.string(),
  /** the code's stable id (code_key) */
  code_id: z.string(),
  parent_id: z.string().nullable(),
  color: z.string(),
  a: z.string(),
  b: z.string(),
  /** units with the code / all units, at the result's level */
  count_a: z.number().int(),
  total_a: z.number().int(),
  count_b: z.number().int(),
  total_b: z.number().int(),
  prop_a: z.number().nullable(),
  prop_b: z.number().nullable(),
  risk_ratio: z.number().nullable(),
  risk_ratio_ci95: Interval.nullable(),
  difference: z.number().nullable(),
  difference_ci95: Interval.nullable(),
  p_value: z.number(),
  q_value: z.number(),
  warnings: z.array(z.string()),
  /** raw counts at every level, whatever the result's level */
  segments_a: z.number().int(),
  segments_b: z.number().int(),
  documents_a: z.number().int(),
  documents_b: z.number().int(),
  schools_a: z.number().int(),
  schools_b: z.number().int(),
  /** coded segments per 1,000 words of the group's documents */
  per_1000_words_a: z.number().nullable(),
  per_1000_words_b: z.number().nullable(),
});
export type CompareRow = z.infer<typeof CompareRowSchema>;

export const GroupUnitsSchema = z.object({
  /** the attribute value(s) forming the group */
  values: z.array(z.string()),
  documents: z.number().int(),
  segments: z.number().int(),
  schools: z.number().int(),
  words: z.number().int(),
});
export type GroupUnits = z.infer<typeof GroupUnitsSchema>;

const ComparisonCoreSchema = z.object({
  a: z.string(),
  b: z.string(),
  groups: z.object({ a: GroupUnitsSchema, b: GroupUnitsSchema }),
  /** cautions about the whole table (small groups, non-independent units, …) */
  notes: z.array(z.string()),
  codes: z.array(CompareRowSchema),
});

export const CompareStratumSchema = ComparisonCoreSchema.extend({ value: z.string() });
export type CompareStratum = z.infer<typeof CompareStratumSchema>;

export const CompareResultSchema = ComparisonCoreSchema.extend({
  by: z.string(),
  level: z.enum(COMPARE_LEVELS),
  source: z.enum(COMPARE_LABEL_SOURCES),
  school_attribute: z.string(),
  rollup: z.boolean(),
  /** the level whose units are independent enough for inference, and why */
  inference: z.object({ recommended_level: z.enum(COMPARE_LEVELS), note: z.string() }),
  /** the tests and estimators used, for tables and the methods paragraph */
  methods: z.string(),
  breakdowns: z.array(z.object({ attribute: z.string(), strata: z.array(CompareStratumSchema) })),
});
export type CompareResult = z.infer<typeof CompareResultSchema>;

export const CompareExcerptsParamsSchema = CompareOptionsSchema.extend({
  code: z.string().min(1),
  group: z.enum(['a', 'b']),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(50),
});

export const CompareExcerptSchema = z.object({
  document_id: z.number().int(),
  document: z.string(),
  school: z.string().nullable(),
  segment_id: z.number().int(),
  segment_uid: z.string(),
  index: z.number().int(),
  speaker: z.string().nullable(),
  text: z.string(),
  /** evidence spans inside `text` (UTF-16 offsets relative to the segment) */
  highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
  coders: z.array(z.string()),
});
export type CompareExcerpt = z.infer<typeof CompareExcerptSchema>;

export const compareMethods = {
  'compare.run': method(CompareOptionsSchema, CompareResultSchema),
  /** one comparison per value of the attribute against all its other values */
  'compare.eachVsRest': method(
    CompareOptionsSchema.omit({ a: true, b: true, rest: true }),
    z.array(CompareResultSchema),
  ),
  /** the segments behind one cell of the table: code × group */
  'compare.excerpts': method(
    CompareExcerptsParamsSchema,
    z.object({
      code: z.string(),
      group: z.string(),
      total: z.number().int(),
      excerpts: z.array(CompareExcerptSchema),
    }),
  ),
};
