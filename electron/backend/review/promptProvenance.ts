import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { CodeDecision } from '../../../shared/contract/llm';
import type { PromptProvenanceSchema } from '../../../shared/contract/review';

type PromptProvenance = z.infer<typeof PromptProvenanceSchema>;

interface OutputRow {
  id: number;
  job_id: number | null;
  config_hash: string;
  model_requested: string;
  model_returned: string | null;
  prompt_hash: string;
  temperature: number | null;
  samples: number;
  decisions: string;
  from_cache: number;
  created_at: string;
  coder_name: string | null;
  codebook_version: number | null;
}

/** The prompt an AI answer came from (llm_outputs, written by jobs/itemWriter.ts) and its per-code decisions. */
export function outputProvenance(
  db: Database.Database,
  outputId: number | null,
): { provenance: PromptProvenance; decisions: Map<string, CodeDecision> } | null {
  if (outputId === null) return null;
  const o = db
    .prepare(
      `SELECT o.id, o.job_id, o.config_hash, o.model_requested, o.model_returned, o.prompt_hash, o.temperature, o.samples, o.decisions,
         o.from_cache, o.created_at, c.name AS coder_name, v.version AS codebook_version
       FROM llm_outputs o LEFT JOIN coders c ON c.id = o.coder_id LEFT JOIN codebook_versions v ON v.id = o.codebook_version_id
       WHERE o.id = ?`,
    )
    .get(outputId) as OutputRow | undefined;
  if (!o) return null;
  let list: CodeDecision[] = [];
  try {
    const parsed: unknown = JSON.parse(o.decisions);
    if (Array.isArray(parsed)) list = parsed as CodeDecision[];
  } catch {
    // a damaged row still shows its prompt; the decisions are then unknown
  }
  return {
    provenance: {
      coderName: o.coder_name,
      configHash: o.config_hash,
      promptHash: o.prompt_hash,
      modelRequested: o.model_requested,
      modelReturned: o.model_returned,
      temperature: o.temperature,
      samples: o.samples,
      codebookVersion: o.codebook_version,
      jobId: o.job_id,
      fromCache: o.from_cache === 1,
      createdAt: o.created_at,
    },
    decisions: new Map(list.filter((d) => typeof d?.code === 'string').map((d) => [d.code, d])),
  };
}
