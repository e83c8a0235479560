import { z } from 'zod';
import { method } from './rpc';

// The LLM coding engine's part of the contract: AI coder configurations, labeling
// jobs, prices, provenance. The API key never appears in any of these shapes: it
// lives in the host's key store (env var, 0600 credentials file, safeStorage).

export const ProviderKindSchema = z.enum(['openai', 'compatible', 'azure']);

export const ProviderSchema = z.object({
  /** OpenAI, or any server speaking its chat completions API (Ollama, vLLM, LM Studio, llama.cpp, Azure v1) */
  kind: ProviderKindSchema.default('openai'),
  /** null = https://api.openai.com/v1 */
  baseURL: z.string().url().nullable().default(null),
});
export type Provider = z.output<typeof ProviderSchema>;

export const CodingModeSchema = z.enum(['all', 'family', 'code']);
export type CodingMode = z.infer<typeof CodingModeSchema>;

/** How the answer is constrained: strict JSON schema, JSON mode, or plain text parsed and validated. */
export const StructuredOutputSchema = z.enum(['auto', 'json_schema', 'json_object', 'text']);
export type StructuredOutput = z.infer<typeof StructuredOutputSchema>;

/**
 * An AI coder's configuration. Everything that changes an answer is here and in the
 * config hash; nothing run-specific (job, time) ever reaches a prompt.
 */
export const AiCoderConfigSchema = z.object({
  provider: ProviderSchema.default({ kind: 'openai', baseURL: null }),
  model: z.string().trim().min(1).max(200),
  /** null leaves the provider's default (some reasoning models accept no other value) */
  temperature: z.number().min(0).max(2).nullable().default(0),
  /** answers per segment; codes are decided by majority vote, the vote share is a confidence signal */
  samples: z.number().int().min(1).max(15).default(1),
  /** all codes in one call, one call per top-level family, or one call per code */
  mode: CodingModeSchema.default('all'),
  /** neighbouring turns shown before and after the segment */
  contextTurns: z.number().int().min(0).max(10).default(1),
  /** system prompt template (null = the built-in one); see llm/promptTemplate.ts for its fields */
  promptTemplate: z.string().min(1).max(100_000).nullable().default(null),
  codebookVersion: z.number().int().min(1),
  structuredOutput: StructuredOutputSchema.default('auto'),
  maxOutputTokens: z.number().int().min(64).max(200_000).nullable().default(null),
  /** the model's context window in tokens, when known: longer prompts fail without a request */
  contextWindowTokens: z.number().int().min(512).nullable().default(null),
});
export type AiCoderConfig = z.output<typeof AiCoderConfigSchema>;
export type AiCoderConfigInput = z.input<typeof AiCoderConfigSchema>;

export const AiCoderViewSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  config: AiCoderConfigSchema,
  configHash: z.string(),
  labels: z.number().int(),
  jobs: z.number().int(),
  createdAt: z.string(),
});
export type AiCoderView = z.infer<typeof AiCoderViewSchema>;

export const SelectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  /** a named sample; `calibration`/`holdout`/`audit` also mean the newest sample with that purpose */
  z.object({ kind: z.literal('sample'), name: z.string().min(1) }),
  z.object({
    kind: z.literal('filter'),
    documentIds: z.array(z.number().int()).optional(),
    attributes: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
    speakers: z.array(z.string()).optional(),
  }),
]);
export type Selection = z.infer<typeof SelectionSchema>;

export const JobStatusSchema = z.enum([
  'queued',
  'running',
  'paused',
  'completed',
  'failed',
  'cancelled',
  'budget_exceeded',
]);
export type JobStatus = z.infer<typeof JobStatusSchema>;

/** A job's cumulative state. `run*` count the current (or last) run in this process only. */
export const JobViewSchema = z.object({
  id: z.number().int(),
  coderId: z.number().int(),
  coderName: z.string(),
  configHash: z.string(),
  model: z.string(),
  selection: SelectionSchema,
  batch: z.boolean(),
  status: JobStatusSchema,
  budgetUsd: z.number().nullable(),
  segmentsTotal: z.number().int(),
  segmentsDone: z.number().int(),
  failed: z.number().int(),
  requests: z.number().int(),
  cacheHits: z.number().int(),
  retries: z.number().int(),
  rejected: z.number().int(),
  rateLimited: z.number().int(),
  labels: z.number().int(),
  inputTokens: z.number().int(),
  cachedInputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().nullable(),
  runRequests: z.number().int(),
  runCacheHits: z.number().int(),
  inFlight: z.number().int(),
  segmentsPerSecond: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  lastError: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type JobView = z.infer<typeof JobViewSchema>;

export const EstimateSchema = z.object({
  model: z.string(),
  segments: z.number().int(),
  /** segments whose answer is already in the response cache (sent nothing) */
  cachedSegments: z.number().int(),
  requests: z.number().int(),
  inputTokens: z.number().int(),
  /** of inputTokens, the share expected to hit the provider's prompt cache (stable codebook prefix) */
  cachedInputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().nullable(),
  tokenizer: z.string(),
  priced: z.boolean(),
});
export type Estimate = z.infer<typeof EstimateSchema>;

export const ModelPriceSchema = z.object({
  model: z.string().trim().min(1),
  inputPer1M: z.number().min(0),
  cachedInputPer1M: z.number().min(0).nullable(),
  outputPer1M: z.number().min(0),
  note: z.string().default(''),
  updatedAt: z.string().optional(),
});
export type ModelPrice = z.output<typeof ModelPriceSchema>;

export const JobFailureSchema = z.object({
  itemId: z.number().int(),
  segmentId: z.number().int(),
  documentId: z.number().int(),
  documentName: z.string(),
  segmentIndex: z.number().int(),
  attempts: z.number().int(),
  errorCode: z.string().nullable(),
  error: z.string().nullable(),
});

export const CodeDecisionSchema = z.object({
  code: z.string(),
  present: z.boolean(),
  /** share of samples that voted present */
  voteShare: z.number(),
  votes: z.number().int(),
  samples: z.number().int(),
  confidence: z.number().nullable(),
  rationale: z.string(),
  evidence: z.string(),
  /** false when the quote is not in the segment (flagged for review, never dropped silently) */
  evidenceFound: z.boolean().nullable(),
});
export type CodeDecision = z.infer<typeof CodeDecisionSchema>;

export const ProvenanceSchema = z.object({
  labelId: z.number().int().nullable(),
  segmentId: z.number().int(),
  coderName: z.string(),
  jobId: z.number().int().nullable(),
  configHash: z.string(),
  modelRequested: z.string(),
  modelReturned: z.string().nullable(),
  codebookVersion: z.number().int(),
  promptHash: z.string(),
  temperature: z.number().nullable(),
  samples: z.number().int(),
  fromCache: z.boolean(),
  decision: CodeDecisionSchema.nullable(),
  decisions: z.array(CodeDecisionSchema),
  rawResponses: z.array(z.string()),
  inputTokens: z.number().int(),
  cachedInputTokens: z.number().int(),
  outputTokens: z.number().int(),
  latencyMs: z.number().int(),
  createdAt: z.string(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const JobProgressSchema = JobViewSchema.pick({
  id: true,
  status: true,
  segmentsTotal: true,
  segmentsDone: true,
  failed: true,
  inFlight: true,
  requests: true,
  cacheHits: true,
  retries: true,
  rejected: true,
  rateLimited: true,
  inputTokens: true,
  cachedInputTokens: true,
  outputTokens: true,
  costUsd: true,
  segmentsPerSecond: true,
  etaSeconds: true,
  lastError: true,
  lastErrorCode: true,
});
export type JobProgress = z.infer<typeof JobProgressSchema>;

const ConnectionParams = z.object({ provider: ProviderSchema, model: z.string().optional() });
const JobId = z.object({ jobId: z.number().int() });

export const StartJobParamsSchema = z.object({
  coderId: z.number().int(),
  selection: SelectionSchema.default({ kind: 'all' }),
  budgetUsd: z.number().positive().nullable().optional(),
  concurrency: z.number().int().min(1).max(256).optional(),
  noCache: z.boolean().optional(),
  batch: z.boolean().optional(),
});

export const llmMethods = {
  'ai.coders.list': method(z.object({}), z.array(AiCoderViewSchema)),
  'ai.coders.get': method(z.object({ id: z.number().int() }), AiCoderViewSchema),
  'ai.coders.create': method(
    z.object({ name: z.string().trim().min(1).max(100), config: AiCoderConfigSchema }),
    AiCoderViewSchema,
  ),
  /** refused once the coder has labels: a changed configuration is a new coder */
  'ai.coders.update': method(
    z.object({ id: z.number().int(), config: AiCoderConfigSchema }),
    AiCoderViewSchema,
  ),
  'ai.coders.delete': method(z.object({ id: z.number().int() }), z.object({ deleted: z.boolean() })),
  /** the system prompt(s) a configuration renders, for preview; no request is sent */
  'ai.coders.preview': method(
    z.object({ config: AiCoderConfigSchema, segmentId: z.number().int().optional() }),
    z.object({
      configHash: z.string(),
      system: z.array(z.string()),
      user: z.string().nullable(),
      schema: z.unknown(),
    }),
  ),
  'ai.testConnection': method(
    ConnectionParams,
    z.object({
      ok: z.boolean(),
      latencyMs: z.number().int(),
      models: z.number().int(),
      modelFound: z.boolean().nullable(),
      error: z.string().nullable(),
    }),
  ),
  'ai.listModels': method(
    ConnectionParams.pick({ provider: true }),
    z.array(z.object({ id: z.string(), ownedBy: z.string().nullable() })),
  ),
  /** whether a key is available for the provider, and from where; never the key itself */
  'ai.key.status': method(
    z.object({ provider: ProviderSchema }),
    z.object({ present: z.boolean(), source: z.string().nullable(), writable: z.boolean() }),
  ),
  'ai.key.set': method(
    z.object({ provider: ProviderSchema, key: z.string().min(1).max(1000) }),
    z.object({ stored: z.boolean() }),
  ),
  'ai.key.clear': method(z.object({ provider: ProviderSchema }), z.object({ cleared: z.boolean() })),
  'jobs.estimate': method(
    StartJobParamsSchema.pick({ coderId: true, selection: true, batch: true }),
    EstimateSchema,
  ),
  /** starts (or resumes the matching job of) a coder over a selection; runs in the background, progress by `job.progress` events */
  'jobs.start': method(StartJobParamsSchema, JobViewSchema),
  'jobs.pause': method(JobId, JobViewSchema),
  'jobs.resume': method(
    JobId.extend({ concurrency: z.number().int().min(1).max(256).optional() }),
    JobViewSchema,
  ),
  'jobs.cancel': method(JobId, JobViewSchema),
  'jobs.get': method(JobId, JobViewSchema),
  'jobs.list': method(z.object({ coderId: z.number().int().optional() }), z.array(JobViewSchema)),
  'jobs.failures': method(
    JobId.extend({
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }),
    z.object({ total: z.number().int(), failures: z.array(JobFailureSchema) }),
  ),
  'llm.prices.list': method(z.object({}), z.array(ModelPriceSchema)),
  'llm.prices.set': method(ModelPriceSchema, ModelPriceSchema),
  'llm.prices.delete': method(z.object({ model: z.string() }), z.object({ deleted: z.boolean() })),
  'llm.provenance': method(z.object({ labelId: z.number().int() }), ProvenanceSchema),
  /** one JSON line per AI output (segment × coder); written to `path` when given, else returned */
  'llm.exportProvenance': method(
    z.object({
      coderId: z.number().int().optional(),
      jobId: z.number().int().optional(),
      path: z.string().min(1).optional(),
    }),
    z.object({ rows: z.number().int(), path: z.string().nullable(), jsonl: z.string().nullable() }),
  ),
};
