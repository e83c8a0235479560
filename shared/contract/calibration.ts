import { z } from 'zod';
import { ExportResultSchema } from './exchange';
import { method } from './rpc';

// Calibration and agreement (DESIGN §1.5, §4 `agreement`): samples to calibrate on
// (and hold out), who codes them, the consensus of the human coders, the agreement
// report between any coders with its drill-down, history, approval of an AI coder and
// its validation on held-out segments.
//
// The report and everything shown as a table of statistics use the snake_case keys of
// `stats agreement`, so `concord agreement --json` and the UI read the same object; the
// workflow objects (samples, assignments, approvals) use camelCase like the rest of the API.

export const SAMPLE_PURPOSES = ['calibration', 'holdout', 'audit', 'other'] as const;
export type SamplePurpose = (typeof SAMPLE_PURPOSES)[number];

/** A coder by name, or by id. */
export const CoderRefSchema = z.union([z.string().trim().min(1), z.number().int()]);
export type CoderRef = z.infer<typeof CoderRefSchema>;

const Interval = z.tuple([z.number(), z.number()]);
const Metric = z.number().nullable();
const Page = {
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(50),
};

// --- samples, assignments, progress -------------------------------------------------

export const StratumCountSchema = z.object({
  stratum: z.string(),
  available: z.number().int(),
  drawn: z.number().int(),
});
export type StratumCount = z.infer<typeof StratumCountSchema>;

export const SampleCreateParamsSchema = z.object({
  name: z.string().trim().min(1).max(100),
  purpose: z.enum(SAMPLE_PURPOSES).default('calibration'),
  size: z.number().int().min(1).max(1_000_000),
  /** without one a seed is drawn and stored, so the sample can be drawn again */
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /** document attributes to stratify by (e.g. ["group", "role"]); none = simple random sample */
  strata: z.array(z.string().trim().min(1)).max(5).default([]),
  /** proportional to each stratum's size, or as equal as the strata allow */
  allocation: z.enum(['proportional', 'equal']).default('proportional'),
  /** speaker labels whose turns are left out (e.g. the interviewer), compared case-insensitively */
  excludeSpeakers: z.array(z.string().trim().min(1)).max(50).default([]),
  documentIds: z.array(z.number().int()).optional(),
  /** other samples whose segments are left out (a held-out sample always leaves out every calibration sample) */
  excludeSamples: z.array(z.string().min(1)).default([]),
});
export type SampleCreateParams = z.input<typeof SampleCreateParamsSchema>;
export type ParsedSampleCreateParams = z.output<typeof SampleCreateParamsSchema>;

export const AssignmentSchema = z.object({
  coderId: z.number().int(),
  name: z.string(),
  kind: z.enum(['human', 'ai']),
  blind: z.boolean(),
  assignedAt: z.string(),
});

export const SampleViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  purpose: z.enum(SAMPLE_PURPOSES),
  seed: z.number().int().nullable(),
  size: z.number().int(),
  /** how it was drawn, as stored (strata, allocation, exclusions, eligible segments) */
  spec: z.record(z.string(), z.unknown()),
  strata: z.array(StratumCountSchema),
  assignments: z.array(AssignmentSchema),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type SampleView = z.infer<typeof SampleViewSchema>;

export const RecommendedSizeParamsSchema = z.object({
  /** the smallest prevalence of a code that must be calibrated (share of segments) */
  prevalence: z.number().gt(0).lt(1).default(0.1),
  minPositives: z.number().int().min(1).max(1000).default(20),
  /** the κ expected for such a code */
  kappa: z.number().min(0).max(0.99).default(0.7),
  /** the wanted half-width of the 95% interval on κ */
  halfWidth: z.number().gt(0).max(1).default(0.1),
  /** segments eligible (the recommendation is capped there) */
  available: z.number().int().min(0).optional(),
});

export const RecommendedSizeSchema = z.object({
  size: z.number().int(),
  byPositives: z.number().int(),
  byKappaInterval: z.number().int(),
  capped: z.boolean(),
  note: z.string(),
});
export type RecommendedSize = z.infer<typeof RecommendedSizeSchema>;

export const CoderProgressSchema = z.object({
  coderId: z.number().int(),
  name: z.string(),
  kind: z.enum(['human', 'ai']),
  role: z.enum(['human', 'ai', 'consensus']),
  assigned: z.boolean(),
  blind: z.boolean(),
  done: z.number().int(),
  total: z.number().int(),
  share: z.number().nullable(),
});

export const SampleProgressSchema = z.object({
  sample: z.string(),
  purpose: z.enum(SAMPLE_PURPOSES),
  segments: z.number().int(),
  coders: z.array(CoderProgressSchema),
});
export type SampleProgress = z.infer<typeof SampleProgressSchema>;

export const SampleSegmentSchema = z.object({
  segmentId: z.number().int(),
  documentId: z.number().int(),
  document: z.string(),
  index: z.number().int(),
  speaker: z.string().nullable(),
  text: z.string(),
  /** whether the asked coder has finished it; null when no coder was asked */
  done: z.boolean().nullable(),
});

// --- consensus ------------------------------------------------------------------------

const ConsensusScope = z.object({
  sample: z.string().min(1),
  /** the human coders whose disagreements are adjudicated (at least two) */
  coders: z.array(CoderRefSchema).min(2).max(20),
  /** the consensus coder's name */
  name: z.string().trim().min(1).max(100).default('Consensus'),
});

export const ConsensusStatusSchema = z.object({
  consensusCoderId: z.number().int(),
  name: z.string(),
  sourceCoders: z.array(z.string()),
  sample: z.string(),
  segments: z.number().int(),
  /** sample segments every source coder has finished */
  eligible: z.number().int(),
  /** segments whose consensus is complete (stored as the consensus coder's coding) */
  decided: z.number().int(),
  /** (segment, code) disagreements still open */
  unresolved: z.number().int(),
  /** disagreements resolved by hand */
  resolved: z.number().int(),
});
export type ConsensusStatus = z.infer<typeof ConsensusStatusSchema>;

export const ConsensusDecisionSchema = z.object({
  present: z.boolean(),
  memo: z.string(),
  decidedBy: z.string(),
  decidedAt: z.string(),
});

export const ConsensusItemSchema = z.object({
  segmentId: z.number().int(),
  documentId: z.number().int(),
  document: z.string(),
  index: z.number().int(),
  speaker: z.string().nullable(),
  text: z.string(),
  codeKey: z.string(),
  code: z.string(),
  values: z.array(
    z.object({
      coder: z.string(),
      value: z.union([z.literal(0), z.literal(1)]).nullable(),
      memo: z.string(),
    }),
  ),
  decision: ConsensusDecisionSchema.nullable(),
});
export type ConsensusItem = z.infer<typeof ConsensusItemSchema>;

// --- the agreement report -------------------------------------------------------------

export const AGREEMENT_THRESHOLD_METRICS = ['cohen_kappa', 'krippendorff_alpha', 'gwet_ac1'] as const;

export const ThresholdsSchema = z.object({
  /** the pairwise statistic the thresholds apply to */
  metric: z.enum(AGREEMENT_THRESHOLD_METRICS).default('cohen_kappa'),
  /** a code is ready when the AI's agreement reaches this */
  minimum: z.number().min(-1).max(1).default(0.7),
  /** …and is not below the human–human agreement on the same code */
  notBelowHuman: z.boolean().default(true),
  /** how far below the human–human value still counts as "not below" */
  margin: z.number().min(0).max(1).default(0),
  /** the AI's agreement: mean over the human coders (comparable to human–human), or against the consensus */
  against: z.enum(['humans', 'reference']).default('humans'),
});
export type Thresholds = z.output<typeof ThresholdsSchema>;

export const AgreementEntrySchema = z.object({
  code: z.string().optional(),
  code_id: z.string().optional(),
  parent_id: z.string().nullable().optional(),
  color: z.string().optional(),
  n_units: z.number().int(),
  n_coders: z.number().int(),
  percent_agreement: Metric,
  cohen_kappa: Metric,
  fleiss_kappa: Metric.optional(),
  krippendorff_alpha: Metric,
  gwet_ac1: Metric,
  brennan_prediger: Metric,
  positive_agreement: Metric,
  negative_agreement: Metric,
  prevalence: z.record(z.string(), z.number().nullable()),
  ci95: z.record(z.string(), Interval.nullable()).nullable(),
  /** why each null statistic is undefined */
  reasons: z.record(z.string(), z.string()),
});
export type AgreementEntryView = z.infer<typeof AgreementEntrySchema>;

export const CODER_ROLES = ['consensus', 'human', 'ai'] as const;
export type CoderRole = (typeof CODER_ROLES)[number];

export const ReportCoderSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['human', 'ai']),
  role: z.enum(CODER_ROLES),
  config_hash: z.string().nullable(),
  model: z.string().nullable(),
  codebook_versions: z.array(z.number().int()),
  segments_coded: z.number().int(),
  approved: z.boolean(),
});
export type ReportCoder = z.infer<typeof ReportCoderSchema>;

export const PairReportSchema = z.object({
  a: z.string(),
  b: z.string(),
  kind: z.string(),
  codes: z.array(AgreementEntrySchema),
  overall: AgreementEntrySchema,
});

export const ClassificationRowSchema = z.object({
  code: z.string().optional(),
  code_id: z.string().optional(),
  units: z.number().int(),
  true_positives: z.number().int(),
  false_positives: z.number().int(),
  false_negatives: z.number().int(),
  true_negatives: z.number().int(),
  precision: Metric,
  recall: Metric,
  f1: Metric,
  /** F1 equals the pair's positive agreement, whose bootstrap interval it takes (reference = a coder) */
  f1_ci95: Interval.nullable(),
  reasons: z.record(z.string(), z.string()),
});

export const AiVsReferenceSchema = z.object({
  coder: z.string(),
  reference: z.object({
    kind: z.enum(['consensus', 'human', 'human_agreement']),
    coders: z.array(z.string()),
  }),
  /** (segment, code) decisions left out because the human coders disagreed (reference "human_agreement") */
  excluded_units: z.number().int(),
  codes: z.array(ClassificationRowSchema),
  overall: ClassificationRowSchema,
});

export const FLAG_STATUSES = ['ready', 'below_threshold', 'below_human', 'undefined'] as const;

export const CodeFlagSchema = z.object({
  code: z.string(),
  code_id: z.string(),
  /** segments where any coder applied the code */
  units_with_code: z.number().int(),
  /** mean of the metric over pairs of human coders; null with fewer than two */
  human_human: Metric,
  human_pairs: z.number().int(),
  /** the human–human status when the report has no AI coder */
  status: z.enum(FLAG_STATUSES),
  ai: z.array(
    z.object({
      coder: z.string(),
      vs_humans: Metric,
      vs_reference: Metric,
      status: z.enum(FLAG_STATUSES),
      reasons: z.array(z.string()),
    }),
  ),
  notes: z.array(z.string()),
});
export type CodeFlag = z.infer<typeof CodeFlagSchema>;

export const AgreementReportSchema = z.object({
  coders: z.array(ReportCoderSchema),
  scope: z.object({
    kind: z.enum(['sample', 'overlap']),
    sample: z.string().nullable(),
    purpose: z.enum(SAMPLE_PURPOSES).nullable(),
    segments: z.number().int(),
  }),
  codes: z.array(AgreementEntrySchema),
  overall: AgreementEntrySchema,
  pairs: z.array(PairReportSchema),
  ai_vs_reference: z.array(AiVsReferenceSchema),
  flags: z.object({
    thresholds: ThresholdsSchema,
    metric: z.string(),
    codes: z.array(CodeFlagSchema),
    ready: z.number().int(),
    flagged: z.number().int(),
  }),
  codebook: z.object({
    versions: z.array(z.object({ version: z.number().int(), coders: z.array(z.string()) })),
    /** codes whose wording differs between the versions the coders used */
    changed_codes: z.array(
      z.object({
        code_id: z.string(),
        code: z.string(),
        versions: z.array(z.number().int()),
        fields: z.array(z.string()),
      }),
    ),
  }),
  warnings: z.array(z.string()),
  bootstrap: z.object({ resamples: z.number().int(), seed: z.number().int(), method: z.string() }).nullable(),
  generated_at: z.string(),
  run_id: z.number().int().nullable(),
});
export type AgreementReportView = z.infer<typeof AgreementReportSchema>;

export const AgreementScopeSchema = z.object({
  coders: z.array(CoderRefSchema).min(2).max(20),
  /** a sample's segments; without it, every segment all the coders have finished */
  sample: z.string().min(1).optional(),
});

export const ReportOptionsSchema = AgreementScopeSchema.extend({
  /** bootstrap resamples for the 95% intervals (0 = none, the fast default; 1,000 is usual) */
  bootstrap: z.number().int().min(0).max(100_000).default(0),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  /** keep the report's summary in the agreement history (an unchanged report is kept once) */
  record: z.boolean().default(false),
});
export type ReportOptions = z.output<typeof ReportOptionsSchema>;

// --- drill-down, comparison, history, validation --------------------------------------

const ContextTurn = z.object({ index: z.number().int(), speaker: z.string().nullable(), text: z.string() });

export const CoderDecisionSchema = z.object({
  coder: z.string(),
  kind: z.enum(['human', 'ai']),
  role: z.enum(CODER_ROLES),
  value: z.union([z.literal(0), z.literal(1)]).nullable(),
  memo: z.string(),
  confidence: z.number().nullable(),
  rationale: z.string().nullable(),
  evidence: z.string().nullable(),
  evidence_found: z.boolean().nullable(),
  vote_share: z.number().nullable(),
});

export const DisagreementSchema = z.object({
  segment_id: z.number().int(),
  segment_uid: z.string(),
  document_id: z.number().int(),
  document: z.string(),
  index: z.number().int(),
  speaker: z.string().nullable(),
  text: z.string(),
  before: z.array(ContextTurn),
  after: z.array(ContextTurn),
  decisions: z.array(CoderDecisionSchema),
});
export type Disagreement = z.infer<typeof DisagreementSchema>;

export const DrilldownSchema = z.object({
  code: z.string(),
  code_id: z.string(),
  definition: z.string(),
  inclusion: z.string(),
  exclusion: z.string(),
  total: z.number().int(),
  items: z.array(DisagreementSchema),
});
export type Drilldown = z.infer<typeof DrilldownSchema>;

const ArmSchema = AgreementScopeSchema.extend({ label: z.string().trim().min(1).max(100).optional() });

const ArmValue = z.object({ value: Metric, f1: Metric, n_units: z.number().int() });

export const ComparisonSchema = z.object({
  metric: z.string(),
  a: z.object({
    label: z.string(),
    coders: z.array(z.string()),
    n_units: z.number().int(),
    overall: Metric,
    codebook_versions: z.array(z.number().int()),
  }),
  b: z.object({
    label: z.string(),
    coders: z.array(z.string()),
    n_units: z.number().int(),
    overall: Metric,
    codebook_versions: z.array(z.number().int()),
  }),
  codes: z.array(
    z.object({
      code: z.string(),
      code_id: z.string(),
      a: ArmValue.nullable(),
      b: ArmValue.nullable(),
      difference: Metric,
    }),
  ),
  changed_codes: z.array(
    z.object({
      code_id: z.string(),
      code: z.string(),
      versions: z.array(z.number().int()),
      fields: z.array(z.string()),
    }),
  ),
  warnings: z.array(z.string()),
});
export type Comparison = z.infer<typeof ComparisonSchema>;

export const RunSummarySchema = z.object({
  metric: z.string(),
  overall: z.record(z.string(), Metric),
  codes: z.array(
    z.object({
      code: z.string(),
      code_id: z.string(),
      value: Metric,
      human_human: Metric,
      ai: z.array(
        z.object({
          coder: z.string(),
          vs_humans: Metric,
          vs_reference: Metric,
          f1: Metric,
          status: z.enum(FLAG_STATUSES),
        }),
      ),
    }),
  ),
  /** pooled over all codes: each AI coder's mean agreement with the humans, with the reference, and F1 */
  ai: z.array(
    z.object({
      coder: z.string(),
      config_hash: z.string().nullable(),
      vs_humans: Metric,
      vs_reference: Metric,
      f1: Metric,
      ready: z.number().int(),
    }),
  ),
  /** pooled over all codes: the mean agreement between human coders (null with fewer than two) */
  human_human: Metric,
  ready: z.number().int(),
  flagged: z.number().int(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const AgreementRunSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['calibration', 'validation']),
  createdAt: z.string(),
  createdBy: z.string(),
  sample: z.string().nullable(),
  scope: z.record(z.string(), z.unknown()),
  coders: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      kind: z.enum(['human', 'ai']),
      role: z.enum(CODER_ROLES),
      configHash: z.string().nullable(),
    }),
  ),
  configHashes: z.array(z.string()),
  codebookVersions: z.array(z.number().int()),
  nUnits: z.number().int(),
  thresholds: z.record(z.string(), z.unknown()),
  summary: RunSummarySchema,
  approvalId: z.number().int().nullable(),
});
export type AgreementRun = z.infer<typeof AgreementRunSchema>;

export const ApprovalViewSchema = z.object({
  id: z.number().int(),
  coderId: z.number().int(),
  coderName: z.string(),
  configHash: z.string(),
  model: z.string().nullable(),
  codebookVersion: z.number().int().nullable(),
  calibrationRunId: z.number().int().nullable(),
  note: z.string(),
  approvedAt: z.string(),
  approvedBy: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: z.string().nullable(),
  active: z.boolean(),
});
export type ApprovalView = z.infer<typeof ApprovalViewSchema>;

export const ValidationSchema = z.object({
  approval: ApprovalViewSchema,
  run_id: z.number().int().nullable(),
  coverage: z.object({
    segments: z.number().int(),
    ai_coded: z.number().int(),
    reference_coded: z.number().int(),
  }),
  codes: z.array(
    z.object({
      code: z.string(),
      code_id: z.string(),
      calibration: Metric,
      holdout: Metric,
      status: z.enum(FLAG_STATUSES),
    }),
  ),
  report: AgreementReportSchema,
});
export type Validation = z.infer<typeof ValidationSchema>;

export const AGREEMENT_EXPORT_FORMATS = ['csv', 'xlsx', 'methods'] as const;

export const calibrationMethods = {
  'calibration.recommendSize': method(RecommendedSizeParamsSchema, RecommendedSizeSchema),
  /** speakers and how many segments each has, to choose whose turns a sample leaves out */
  'calibration.speakers': method(
    z.object({}),
    z.array(z.object({ speaker: z.string().nullable(), segments: z.number().int() })),
  ),
  'calibration.samples.list': method(
    z.object({ purpose: z.enum(SAMPLE_PURPOSES).optional() }),
    z.array(SampleViewSchema),
  ),
  /** draws a seeded random or stratified sample (reproducible: same project, spec and seed, same segments) */
  'calibration.samples.create': method(SampleCreateParamsSchema, SampleViewSchema),
  'calibration.samples.delete': method(
    z.object({ name: z.string().min(1) }),
    z.object({ deleted: z.boolean() }),
  ),
  /** a sample's segments in reading order; with `coder`, whether that coder has finished each */
  'calibration.samples.segments': method(
    z.object({ sample: z.string().min(1), coder: CoderRefSchema.optional(), ...Page }),
    z.object({ total: z.number().int(), segments: z.array(SampleSegmentSchema) }),
  ),
  /** who codes the sample; blind coders see only their own labels */
  'calibration.assign': method(
    z.object({
      sample: z.string().min(1),
      coders: z.array(CoderRefSchema).min(1),
      blind: z.boolean().default(true),
    }),
    SampleProgressSchema,
  ),
  'calibration.unassign': method(
    z.object({ sample: z.string().min(1), coders: z.array(CoderRefSchema).min(1) }),
    SampleProgressSchema,
  ),
  /** segments done per coder (assigned or not) within the sample */
  'calibration.progress': method(z.object({ sample: z.string().min(1) }), SampleProgressSchema),
  /** creates (or finds) the consensus coder and stores every decided segment of the sample */
  'calibration.consensus.start': method(ConsensusScope, ConsensusStatusSchema),
  'calibration.consensus.status': method(ConsensusScope, ConsensusStatusSchema),
  /** the (segment, code) pairs where the source coders disagree, open ones first */
  'calibration.consensus.disagreements': method(
    ConsensusScope.extend({
      includeResolved: z.boolean().default(false),
      codeKey: z.string().optional(),
      ...Page,
    }),
    z.object({ total: z.number().int(), items: z.array(ConsensusItemSchema) }),
  ),
  'calibration.consensus.resolve': method(
    z.object({
      name: z.string().trim().min(1).default('Consensus'),
      segmentId: z.number().int(),
      codeKey: z.string().min(1),
      present: z.boolean(),
      memo: z.string().max(20_000).default(''),
    }),
    z.object({ item: ConsensusItemSchema, segmentDecided: z.boolean() }),
  ),
  /** freezes an AI coder's configuration (its config hash) as approved */
  'calibration.approve': method(
    z.object({
      coder: CoderRefSchema,
      runId: z.number().int().optional(),
      note: z.string().max(5000).default(''),
    }),
    ApprovalViewSchema,
  ),
  'calibration.approvals': method(z.object({}), z.array(ApprovalViewSchema)),
  'calibration.revokeApproval': method(z.object({ id: z.number().int() }), ApprovalViewSchema),
  /** the approved coder against the reference coders on a held-out sample, recorded in the history */
  'calibration.validate': method(
    z.object({
      coder: CoderRefSchema,
      sample: z.string().min(1),
      reference: z.array(CoderRefSchema).min(1).max(20),
      bootstrap: z.number().int().min(0).max(100_000).default(1000),
      seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    }),
    ValidationSchema,
  ),
};

export const agreementMethods = {
  'agreement.report': method(ReportOptionsSchema, AgreementReportSchema),
  /** segments where the coders disagree on one code, with context and each coder's reasons */
  'agreement.disagreements': method(
    AgreementScopeSchema.extend({
      codeKey: z.string().min(1),
      /** only disagreements between these two coders */
      pair: z.tuple([CoderRefSchema, CoderRefSchema]).optional(),
      context: z.number().int().min(0).max(5).default(1),
      ...Page,
    }),
    DrilldownSchema,
  ),
  /** two reports side by side per code: two AI configurations, or two codebook versions, on the same segments */
  'agreement.compare': method(z.object({ a: ArmSchema, b: ArmSchema }), ComparisonSchema),
  'agreement.history': method(
    z.object({
      sample: z.string().optional(),
      kind: z.enum(['calibration', 'validation']).optional(),
      limit: z.number().int().min(1).max(10_000).default(200),
    }),
    z.array(AgreementRunSchema),
  ),
  'agreement.thresholds.get': method(z.object({}), ThresholdsSchema),
  'agreement.thresholds.set': method(ThresholdsSchema.partial(), ThresholdsSchema),
  'agreement.export': method(
    ReportOptionsSchema.omit({ record: true }).extend({
      format: z.enum(AGREEMENT_EXPORT_FORMATS),
      bootstrap: z.number().int().min(0).max(100_000).default(1000),
      path: z.string().min(1).optional(),
    }),
    ExportResultSchema,
  ),
};
