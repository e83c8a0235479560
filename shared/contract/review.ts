import { z } from 'zod';
import { method } from './rpc';

// The human review of AI labels (DESIGN §1.7, §1.10): a risk-ordered queue and a
// separate random audit sample, reviewer decisions with optimistic concurrency, the
// audit trail, the study lead's dashboard and the effective-label rule.
//
// A review item is one AI decision: (segment, code, AI coder), present (an AI label)
// or absent (a code the AI decided was not there, which a reviewer may add).

/** Why an item is risky; the queue shows them and the dashboard counts coverage by them. */
export const REVIEW_REASONS = [
  'low_confidence',
  'split_vote',
  'below_threshold',
  'evidence_not_found',
  'retried',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/**
 * pending: no decision in force; accepted: the AI was right; rejected: an AI label was
 * wrong; changed: an AI label was wrong and another code applies; added: the AI missed
 * the code.
 */
export const REVIEW_STATES = ['pending', 'accepted', 'rejected', 'changed', 'added'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_ACTIONS = ['accept', 'reject', 'change_code', 'add_code', 'memo', 'undo'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/**
 * Where an effective label comes from, strongest first: a reviewer's decision in force,
 * an AI label of an approved (calibrated) AI coder, any other AI label.
 */
export const EFFECTIVE_SOURCES = ['review', 'approved_ai', 'ai'] as const;
export type EffectiveSource = (typeof EFFECTIVE_SOURCES)[number];
export const DEFAULT_SOURCE_PRIORITY: readonly EffectiveSource[] = EFFECTIVE_SOURCES;

/** Which sources count, in order of precedence; leave one out to exclude it (e.g. ["review"] = reviewed only). */
export const SourcePrioritySchema = z
  .array(z.enum(EFFECTIVE_SOURCES))
  .min(1)
  .refine((l) => new Set(l).size === l.length, 'a source may appear once')
  .default([...DEFAULT_SOURCE_PRIORITY]);

const Interval = z.tuple([z.number(), z.number()]);
const ReviewerSchema = z.string().trim().min(1, 'a decision needs a reviewer name').max(100);
const Memo = z.string().max(20_000);

export const QueueFiltersSchema = z.object({
  codeKeys: z.array(z.string().min(1)).max(1000).optional(),
  documentIds: z.array(z.number().int()).max(100_000).optional(),
  /** documents with every one of these attribute values */
  attributes: z
    .array(z.object({ name: z.string().min(1), value: z.string() }))
    .max(20)
    .optional(),
  coderIds: z.array(z.number().int()).max(100).optional(),
  states: z.array(z.enum(REVIEW_STATES)).min(1).default(['pending']),
  /** items with any of these reasons */
  reasons: z.array(z.enum(REVIEW_REASONS)).min(1).optional(),
  /** AI labels (present), AI non-labels (absent), or both */
  kind: z.enum(['all', 'present', 'absent']).default('all'),
  /** items whose decision in force is this reviewer's */
  reviewedBy: ReviewerSchema.optional(),
  /** items this reviewer has never decided (for a second, independent review) */
  notReviewedBy: ReviewerSchema.optional(),
  /** items whose segment or AI coder has been deleted (never decidable) */
  includeOrphaned: z.boolean().default(false),
});
export type QueueFilters = z.input<typeof QueueFiltersSchema>;

export const QueueItemSchema = z.object({
  itemId: z.number().int(),
  /** the item's revision: a decision names the revision it was based on */
  revision: z.number().int(),
  segmentId: z.number().int(),
  documentId: z.number().int(),
  documentName: z.string().nullable(),
  segmentIndex: z.number().int().nullable(),
  speaker: z.string().nullable(),
  /** the segment's first characters */
  snippet: z.string(),
  codeKey: z.string(),
  /** null when no codebook version knows the key */
  codeName: z.string().nullable(),
  color: z.string().nullable(),
  coderId: z.number().int(),
  coderName: z.string().nullable(),
  aiPresent: z.boolean(),
  confidence: z.number().nullable(),
  voteShare: z.number().nullable(),
  votes: z.number().int().nullable(),
  samples: z.number().int().nullable(),
  evidenceFound: z.boolean().nullable(),
  risk: z.number().nullable(),
  reasons: z.array(z.enum(REVIEW_REASONS)),
  state: z.enum(REVIEW_STATES),
  /** the reviewer's verdict on the item's code, null while pending */
  verdict: z.boolean().nullable(),
  /** change_code: the code that applies instead */
  replacementKey: z.string().nullable(),
  memo: z.string(),
  lastReviewer: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** position of the item's segment in the random audit sample; null outside it */
  auditRank: z.number().int().nullable(),
  orphaned: z.boolean(),
});
export type QueueItem = z.infer<typeof QueueItemSchema>;

export const QueueParamsSchema = z.object({
  /** risk: highest risk first (audit items excluded); audit: the random audit sample in its random order */
  queue: z.enum(['risk', 'audit']).default('risk'),
  filters: QueueFiltersSchema.default({ states: ['pending'], kind: 'all', includeOrphaned: false }),
  /** from the previous page's nextCursor; absent for the first page */
  cursor: z.string().max(200).nullable().optional(),
  limit: z.number().int().min(1).max(500).default(50),
});
export type QueueParams = z.input<typeof QueueParamsSchema>;

export const QueuePageSchema = z.object({
  items: z.array(QueueItemSchema),
  nextCursor: z.string().nullable(),
  /** items matching the filters, all pages */
  total: z.number().int(),
});
export type QueuePage = z.infer<typeof QueuePageSchema>;

export const DecisionViewSchema = z.object({
  id: z.number().int(),
  itemId: z.number().int(),
  revision: z.number().int(),
  reviewer: z.string(),
  action: z.enum(REVIEW_ACTIONS),
  /** the state the decision left in force */
  state: z.enum(REVIEW_STATES),
  verdict: z.boolean().nullable(),
  replacementKey: z.string().nullable(),
  memo: z.string(),
  /** undo: the decision it undid */
  revertsId: z.number().int().nullable(),
  codebookVersion: z.number().int().nullable(),
  decidedAt: z.string(),
});
export type DecisionView = z.infer<typeof DecisionViewSchema>;

export const DecideResultSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('applied'),
    item: QueueItemSchema,
    decision: DecisionViewSchema,
    /** the same reviewer sent the same decision twice (e.g. a double key press): nothing new was written */
    repeated: z.boolean(),
  }),
  z.object({
    /** the item changed since `baseRevision`: nothing was written; show theirs and let the reviewer decide again */
    status: z.literal('conflict'),
    item: QueueItemSchema,
    theirs: DecisionViewSchema.nullable(),
    message: z.string(),
  }),
]);
export type DecideResult = z.infer<typeof DecideResultSchema>;

const CodeStatusSchema = z.object({
  /** active: in the active codebook; merged/split: its labels now belong to `successors`; removed; unknown: no version has it */
  status: z.enum(['active', 'merged', 'removed', 'unknown']),
  successors: z.array(z.string()),
  activeVersion: z.number().int().nullable(),
});
export type CodeStatus = z.infer<typeof CodeStatusSchema>;

const TurnSchema = z.object({
  segmentId: z.number().int(),
  index: z.number().int(),
  speaker: z.string().nullable(),
  text: z.string(),
});

export const AiCodeViewSchema = QueueItemSchema.pick({
  itemId: true,
  revision: true,
  codeKey: true,
  codeName: true,
  color: true,
  aiPresent: true,
  confidence: true,
  voteShare: true,
  votes: true,
  samples: true,
  evidenceFound: true,
  risk: true,
  reasons: true,
  state: true,
  verdict: true,
  replacementKey: true,
  memo: true,
  lastReviewer: true,
}).extend({
  rationale: z.string(),
  evidence: z.string(),
  /** where the evidence quote is in the segment text (UTF-16 offsets into it); empty when not found */
  evidenceSpans: z.array(z.object({ start: z.number().int(), end: z.number().int() })),
});
export type AiCodeView = z.infer<typeof AiCodeViewSchema>;

export const CodeDefinitionSchema = z.object({
  key: z.string(),
  name: z.string(),
  parentKey: z.string().nullable(),
  shortLabel: z.string(),
  definition: z.string(),
  inclusion: z.string(),
  exclusion: z.string(),
  examples: z.object({ positive: z.array(z.string()), negative: z.array(z.string()) }),
  color: z.string(),
});

export const PromptProvenanceSchema = z.object({
  coderName: z.string().nullable(),
  configHash: z.string(),
  promptHash: z.string(),
  modelRequested: z.string(),
  modelReturned: z.string().nullable(),
  temperature: z.number().nullable(),
  samples: z.number().int(),
  codebookVersion: z.number().int().nullable(),
  jobId: z.number().int().nullable(),
  fromCache: z.boolean(),
  createdAt: z.string(),
});

export const ItemDetailSchema = z.object({
  item: QueueItemSchema,
  /** null when the segment has been deleted */
  segment: z
    .object({
      id: z.number().int(),
      uid: z.string(),
      documentId: z.number().int(),
      documentName: z.string(),
      index: z.number().int(),
      speaker: z.string().nullable(),
      text: z.string(),
      timeStart: z.number().nullable(),
      timeEnd: z.number().nullable(),
      attributes: z.record(z.string(), z.string()),
    })
    .nullable(),
  before: z.array(TurnSchema),
  after: z.array(TurnSchema),
  /** every code the item's AI coder decided on this segment (present and absent), codebook order */
  aiCodes: z.array(AiCodeViewSchema),
  /** the active codebook, for definitions and number keys */
  codes: z.array(CodeDefinitionSchema),
  codeStatus: CodeStatusSchema,
  provenance: PromptProvenanceSchema.nullable(),
  /** the item's decision log, oldest first (only the asking reviewer's own in blind mode) */
  decisions: z.array(DecisionViewSchema),
});
export type ItemDetail = z.infer<typeof ItemDetailSchema>;

export const AuditSampleViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  seed: z.number().int().nullable(),
  /** segments drawn */
  segments: z.number().int(),
  /** review items on those segments */
  items: z.number().int(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type AuditSampleView = z.infer<typeof AuditSampleViewSchema>;

/** A proportion with its 95% interval; null value (with the reason) when nothing was observed. */
export const ProportionSchema = z.object({
  value: z.number().nullable(),
  ci95: Interval.nullable(),
  successes: z.number().int(),
  n: z.number().int(),
  reason: z.string().nullable(),
});
export type Proportion = z.infer<typeof ProportionSchema>;

export const AuditEstimateSchema = z.object({
  coderId: z.number().int(),
  coderName: z.string().nullable(),
  items: z.number().int(),
  decided: z.number().int(),
  truePositives: z.number().int(),
  falsePositives: z.number().int(),
  falseNegatives: z.number().int(),
  trueNegatives: z.number().int(),
  precision: ProportionSchema,
  recall: ProportionSchema,
  f1: z.number().nullable(),
  byCode: z.array(
    z.object({
      codeKey: z.string(),
      codeName: z.string().nullable(),
      decided: z.number().int(),
      precision: ProportionSchema,
      recall: ProportionSchema,
    }),
  ),
});
export type AuditEstimate = z.infer<typeof AuditEstimateSchema>;

const CoverageRow = { aiLabels: z.number().int(), reviewed: z.number().int(), share: z.number().nullable() };

export const DashboardSchema = z.object({
  generatedAt: z.string(),
  items: z.object({
    total: z.number().int(),
    aiLabels: z.number().int(),
    aiAbsent: z.number().int(),
    orphaned: z.number().int(),
  }),
  states: z.record(z.enum(REVIEW_STATES), z.number().int()),
  coverage: z.object({
    ...CoverageRow,
    absentTotal: z.number().int(),
    absentReviewed: z.number().int(),
    byCode: z.array(z.object({ codeKey: z.string(), codeName: z.string().nullable(), ...CoverageRow })),
    byReason: z.array(z.object({ reason: z.enum(REVIEW_REASONS), ...CoverageRow })),
  }),
  remaining: z.object({ total: z.number().int(), riskQueue: z.number().int(), auditQueue: z.number().int() }),
  audit: z.object({
    sample: AuditSampleViewSchema.nullable(),
    items: z.number().int(),
    decided: z.number().int(),
    completeness: z.number().nullable(),
    /** how the intervals are computed, in words */
    ciMethod: z.string(),
    coders: z.array(AuditEstimateSchema),
  }),
  reviewerAgreement: z
    .object({
      items: z.number().int(),
      reviewers: z.array(z.string()),
      percentAgreement: z.number().nullable(),
      cohenKappa: z.number().nullable(),
      fleissKappa: z.number().nullable(),
      krippendorffAlpha: z.number().nullable(),
      gwetAc1: z.number().nullable(),
      ci95: z.record(z.string(), Interval.nullable()).nullable(),
      disagreements: z.number().int(),
    })
    .nullable(),
  reviewers: z.array(
    z.object({
      reviewer: z.string(),
      decisions: z.number().int(),
      items: z.number().int(),
      undos: z.number().int(),
      lastAt: z.string().nullable(),
      activeHours: z.number(),
      itemsPerHour: z.number().nullable(),
    }),
  ),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

const DecisionWithBefore = DecisionViewSchema.extend({
  before: z.object({
    state: z.enum(REVIEW_STATES),
    verdict: z.boolean().nullable(),
    replacementKey: z.string().nullable(),
  }),
});

export const LabelAuditSchema = z.object({
  labelId: z.number().int().nullable(),
  itemId: z.number().int().nullable(),
  segment: z
    .object({
      id: z.number().int(),
      documentId: z.number().int(),
      documentName: z.string(),
      index: z.number().int(),
      speaker: z.string().nullable(),
      text: z.string(),
    })
    .nullable(),
  code: z.object({
    key: z.string(),
    name: z.string().nullable(),
    codebookVersion: z.number().int().nullable(),
    status: CodeStatusSchema,
  }),
  /** who or what applied the label; null for an AI "absent" decision that no label records */
  appliedBy: z
    .object({
      kind: z.enum(['human', 'ai']),
      coderId: z.number().int(),
      coderName: z.string().nullable(),
      at: z.string().nullable(),
    })
    .nullable(),
  prompt: PromptProvenanceSchema.extend({
    decision: z
      .object({
        present: z.boolean(),
        confidence: z.number().nullable(),
        voteShare: z.number().nullable(),
        votes: z.number().int().nullable(),
        samples: z.number().int().nullable(),
        rationale: z.string(),
        evidence: z.string(),
        evidenceFound: z.boolean().nullable(),
      })
      .nullable(),
  }).nullable(),
  review: z
    .object({
      state: z.enum(REVIEW_STATES),
      reviewed: z.boolean(),
      reviewers: z.array(z.string()),
      lastReviewer: z.string().nullable(),
      decidedAt: z.string().nullable(),
      risk: z.number().nullable(),
      reasons: z.array(z.enum(REVIEW_REASONS)),
      inAudit: z.boolean(),
      decisions: z.array(DecisionWithBefore),
    })
    .nullable(),
  effective: z.object({ present: z.boolean().nullable(), source: z.enum(EFFECTIVE_SOURCES).nullable() }),
  history: z.array(
    z.object({
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});
export type LabelAudit = z.infer<typeof LabelAuditSchema>;

export const CodeAuditSchema = z.object({
  code: z.object({
    key: z.string(),
    name: z.string().nullable(),
    status: CodeStatusSchema,
    versions: z.array(z.number().int()),
  }),
  /** AI decisions on the code per coder and prompt */
  configs: z.array(
    z.object({
      coderId: z.number().int(),
      coderName: z.string().nullable(),
      configHash: z.string().nullable(),
      promptHash: z.string().nullable(),
      model: z.string().nullable(),
      codebookVersion: z.number().int().nullable(),
      aiLabels: z.number().int(),
      aiAbsent: z.number().int(),
      reviewed: z.number().int(),
      accepted: z.number().int(),
      rejected: z.number().int(),
      changed: z.number().int(),
      added: z.number().int(),
    }),
  ),
  humanLabels: z.array(
    z.object({ coderId: z.number().int(), coderName: z.string(), labels: z.number().int() }),
  ),
  reviewers: z.array(z.object({ reviewer: z.string(), decisions: z.number().int() })),
  decisions: z.object({
    total: z.number().int(),
    rows: z.array(
      DecisionWithBefore.extend({
        segmentId: z.number().int(),
        documentName: z.string().nullable(),
        segmentIndex: z.number().int().nullable(),
        coderName: z.string().nullable(),
        aiPresent: z.boolean(),
      }),
    ),
  }),
});
export type CodeAudit = z.infer<typeof CodeAuditSchema>;

export const EffectiveCountSchema = z.object({
  codeKey: z.string(),
  codeName: z.string().nullable(),
  /** segments where the code is effectively present */
  present: z.number().int(),
  /** of those, by where the deciding label came from */
  review: z.number().int(),
  approvedAi: z.number().int(),
  ai: z.number().int(),
});

const ItemRef = z.object({
  itemId: z.number().int(),
  baseRevision: z.number().int().min(0),
  reviewer: ReviewerSchema,
});

export const reviewMethods = {
  'review.queue': method(QueueParamsSchema, QueuePageSchema),
  /** one item in context; `blindFor` hides other reviewers' decisions (an independent second review) */
  'review.item': method(
    z.object({
      itemId: z.number().int(),
      contextTurns: z.number().int().min(0).max(20).default(2),
      blindFor: ReviewerSchema.optional(),
    }),
    ItemDetailSchema,
  ),
  /** accept / reject the AI's decision, change an AI label to another code, or add a memo */
  'review.decide': method(
    ItemRef.extend({
      action: z.enum(['accept', 'reject', 'change_code', 'memo']),
      /** change_code: the code that applies instead */
      codeKey: z.string().min(1).optional(),
      memo: Memo.optional(),
    }),
    DecideResultSchema,
  ),
  /** a code the AI missed on a segment: decides that code's item (created when the AI never decided it) */
  'review.addCode': method(
    z.object({
      segmentId: z.number().int(),
      coderId: z.number().int(),
      codeKey: z.string().min(1),
      reviewer: ReviewerSchema,
      /** the revision of that code's item as shown (0 when it had none) */
      baseRevision: z.number().int().min(0).default(0),
      memo: Memo.optional(),
    }),
    DecideResultSchema,
  ),
  /** reverts the item's decision in force by a new decision (one step per call) */
  'review.undo': method(ItemRef, DecideResultSchema),
  /** draws a seeded random sample of segments (purpose 'audit'); it becomes the audit queue */
  'review.auditSample.create': method(
    z.object({
      size: z.number().int().min(1).max(100_000),
      /** without one a seed is drawn and stored, so the sample can be drawn again */
      seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      name: z.string().trim().min(1).max(100).optional(),
      /** draw only among segments this AI coder has coded */
      coderId: z.number().int().optional(),
    }),
    AuditSampleViewSchema,
  ),
  'review.dashboard': method(z.object({ coderId: z.number().int().optional() }), DashboardSchema),
  /** who or what applied a label, under which prompt and codebook version, and its review */
  'review.audit.label': method(
    z
      .object({ labelId: z.number().int().optional(), itemId: z.number().int().optional() })
      .refine((p) => (p.labelId === undefined) !== (p.itemId === undefined), 'give either labelId or itemId'),
    LabelAuditSchema,
  ),
  'review.audit.code': method(
    z.object({
      codeKey: z.string().min(1),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(50),
    }),
    CodeAuditSchema,
  ),
  /** every label change (AI labels, human coding, review decisions) in time order; written to `path` when given */
  'review.exportHistory': method(
    z.object({
      format: z.enum(['csv', 'jsonl']),
      path: z.string().min(1).optional(),
      codeKey: z.string().min(1).optional(),
    }),
    z.object({ rows: z.number().int(), path: z.string().nullable(), text: z.string().nullable() }),
  ),
  /** effective labels per code under a source priority (what analyses count) */
  'review.effectiveCounts': method(
    z.object({ sourcePriority: SourcePrioritySchema }),
    z.array(EffectiveCountSchema),
  ),
};
