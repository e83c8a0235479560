import type Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Provenance } from '../../../shared/contract/llm';
import { UserError } from '../errors';
import { unpackDecisions } from './storedDecisions';

interface OutputRow {
  id: number;
  job_id: number | null;
  coder_id: number;
  segment_id: number;
  config_hash: string;
  model_requested: string;
  model_returned: string | null;
  codebook_version_id: number;
  prompt_hash: string;
  temperature: number | null;
  samples: number;
  decisions: string;
  raw_responses: string;
  from_cache: number;
  input_tokens: number;
  cached_input_tokens: number;
  output_tokens: number;
  latency_ms: number;
  created_at: string;
}

const OUTPUT_SQL = `SELECT o.*, c.name AS coder_name, v.version AS codebook_version, s.idx AS segment_index, d.name AS document_name
  FROM llm_outputs o JOIN coders c ON c.id = o.coder_id JOIN codebook_versions v ON v.id = o.codebook_version_id
  JOIN segments s ON s.id = o.segment_id JOIN documents d ON d.id = s.document_id`;

type JoinedRow = OutputRow & {
  coder_name: string;
  codebook_version: number;
  segment_index: number;
  document_name: string;
};

/** Who or what applied an AI label, under which prompt, with which answer. */
export function labelProvenance(db: Database.Database, labelId: number): Provenance {
  const link = db
    .prepare('SELECT output_id, code_key FROM label_provenance WHERE label_id = ?')
    .get(labelId) as { output_id: number; code_key: string } | undefined;
  if (!link)
    throw new UserError(`label ${labelId} has no AI provenance (a human label, or unknown)`, 'not_found');
  const o = db.prepare(`${OUTPUT_SQL} WHERE o.id = ?`).get(link.output_id) as JoinedRow;
  const decisions = unpackDecisions(o.decisions);
  return {
    labelId,
    segmentId: o.segment_id,
    coderName: o.coder_name,
    jobId: o.job_id,
    configHash: o.config_hash,
    modelRequested: o.model_requested,
    modelReturned: o.model_returned,
    codebookVersion: o.codebook_version,
    promptHash: o.prompt_hash,
    temperature: o.temperature,
    samples: o.samples,
    fromCache: o.from_cache === 1,
    decision: decisions.find((d) => d.code === link.code_key) ?? null,
    decisions,
    rawResponses: JSON.parse(o.raw_responses) as string[],
    inputTokens: o.input_tokens,
    cachedInputTokens: o.cached_input_tokens,
    outputTokens: o.output_tokens,
    latencyMs: o.latency_ms,
    createdAt: o.created_at,
  };
}

/** One JSON object per AI output (segment × AI coder), in segment order. */
export function* provenanceLines(
  db: Database.Database,
  filter: { coderId?: number; jobId?: number },
): Generator<string> {
  const where: string[] = [];
  const params: number[] = [];
  if (filter.coderId !== undefined) {
    where.push('o.coder_id = ?');
    params.push(filter.coderId);
  }
  if (filter.jobId !== undefined) {
    where.push('o.job_id = ?');
    params.push(filter.jobId);
  }
  const stmt = db.prepare(
    `${OUTPUT_SQL} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.id`,
  );
  for (const o of stmt.iterate(...params) as IterableIterator<JoinedRow>) {
    yield JSON.stringify({
      document: o.document_name,
      segment_id: o.segment_id,
      segment_index: o.segment_index,
      coder: o.coder_name,
      job_id: o.job_id,
      config_hash: o.config_hash,
      model_requested: o.model_requested,
      model_returned: o.model_returned,
      codebook_version: o.codebook_version,
      prompt_hash: o.prompt_hash,
      temperature: o.temperature,
      samples: o.samples,
      from_cache: o.from_cache === 1,
      decisions: unpackDecisions(o.decisions),
      raw_responses: JSON.parse(o.raw_responses) as unknown,
      input_tokens: o.input_tokens,
      cached_input_tokens: o.cached_input_tokens,
      output_tokens: o.output_tokens,
      latency_ms: o.latency_ms,
      created_at: o.created_at,
    });
  }
}

/** Writes the JSONL to a file (streamed) or returns it. */
export function exportProvenance(
  db: Database.Database,
  filter: { coderId?: number; jobId?: number },
  path?: string,
): { rows: number; jsonl: string | null } {
  let rows = 0;
  if (!path) {
    const lines = [...provenanceLines(db, filter)];
    return { rows: lines.length, jsonl: lines.length ? `${lines.join('\n')}\n` : '' };
  }
  const fd = openSync(path, 'w');
  try {
    for (const line of provenanceLines(db, filter)) {
      writeSync(fd, `${line}\n`);
      rows++;
    }
  } finally {
    closeSync(fd);
  }
  return { rows, jsonl: null };
}
