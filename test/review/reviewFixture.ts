import { AiCoderConfigSchema, type CodeDecision } from '../../shared/contract/llm';
import { ItemWriter } from '../../electron/backend/jobs/itemWriter';
import { createJob } from '../../electron/backend/jobs/jobStore';
import { createAiCoder } from '../../electron/backend/llm/aiCoders';
import { prepareCoder } from '../../electron/backend/llm/preparedCoder';
import { Project } from '../../electron/backend/project/project';
import { refreshReviewQueue } from '../../electron/backend/review/syncQueue';
import { createTestProject, TEST_CODEBOOK } from '../llm/projectFixture';

/** The test codebook's keys: outreach, home-visits, barriers, schedules, language. */
export const CODE_KEYS = TEST_CODEBOOK.codes.map((c) => c.id);

export interface AiDecisionSpec {
  present: boolean;
  confidence?: number | null;
  voteShare?: number;
  votes?: number;
  samples?: number;
  evidence?: string;
  evidenceFound?: boolean | null;
  rationale?: string;
}

/**
 * A project with `segments` segments (documents of 100 turns, attribute group =
 * bright/partner alternating by document) and the test codebook, open.
 */
export function openReviewProject(dir: string, segments: number, name?: string): Project {
  const path = createTestProject(dir, segments, name ? { name } : {});
  const p = Project.open(path);
  const docs = p.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[];
  const attr = p.db.prepare('INSERT INTO document_attributes (document_id, name, value) VALUES (?, ?, ?)');
  docs.forEach((id, i) => attr.run(id, 'group', i % 2 === 0 ? 'bright' : 'partner'));
  return p;
}

/**
 * Runs a fake AI coder over every segment through the engine's real write path
 * (jobs/itemWriter.ts): llm_outputs with every code's decision, labels for the present
 * ones with their provenance; then the review queue picks them up. `decide` gets the
 * segment's 0-based position.
 */
export function runFakeAiCoder(
  p: Project,
  name: string,
  decide: (segment: number, codeKey: string) => AiDecisionSpec,
  opts: { extraRequests?: (segment: number) => number; samples?: number } = {},
): { coderId: number; jobId: number } {
  const db = p.db;
  const config = AiCoderConfigSchema.parse({
    model: 'fake-model',
    codebookVersion: 1,
    samples: opts.samples ?? 1,
  });
  const coder = createAiCoder(db, name, config, 'test');
  const prepared = prepareCoder(db, config);
  const job = createJob(
    db,
    { coderId: coder.id, prepared, selection: { kind: 'all' }, budgetUsd: null, batch: false, priced: false },
    'test',
  );
  const items = db
    .prepare('SELECT j.id, j.segment_id FROM job_items j WHERE j.job_id = ? ORDER BY j.segment_id')
    .all(job.id) as {
    id: number;
    segment_id: number;
  }[];
  const writer = new ItemWriter(db, { id: job.id, coderId: coder.id }, prepared, null);
  items.forEach((item, i) => {
    const decisions: CodeDecision[] = prepared.codeKeys.map((code) => {
      const d = decide(i, code);
      return {
        code,
        present: d.present,
        voteShare: d.voteShare ?? (d.present ? 1 : 0),
        votes: d.votes ?? (d.present ? 1 : 0),
        samples: d.samples ?? 1,
        confidence: d.confidence === undefined ? 0.95 : d.confidence,
        rationale: d.rationale ?? `${d.present ? 'mentions' : 'does not mention'} ${code}`,
        evidence: d.present ? (d.evidence ?? 'calls') : '',
        evidenceFound: d.present ? (d.evidenceFound ?? true) : null,
      };
    });
    const extra = opts.extraRequests?.(i) ?? 0;
    writer.add({
      kind: 'done',
      itemId: item.id,
      segmentId: item.segment_id,
      decisions,
      raw: ['{"decisions":[]}'],
      modelReturned: 'fake-model-2025',
      stats: {
        requests: 1 + extra,
        retries: extra,
        rejected: extra,
        rateLimited: 0,
        usage: { input: 100, cached: 0, output: 20 },
        latencyMs: 5,
      },
      fromCache: false,
      answerUsage: { input: 100, cached: 0, output: 20 },
      cacheKey: null,
    });
  });
  writer.flush();
  // as the first read of the review queue after a job does
  refreshReviewQueue(db);
  return { coderId: coder.id, jobId: job.id };
}

export const segmentIds = (p: Project): number[] =>
  p.db.prepare('SELECT id FROM segments ORDER BY id').pluck().all() as number[];

export const itemOf = (p: Project, segmentId: number, codeKey: string, coderId: number) =>
  p.db
    .prepare('SELECT * FROM review_items WHERE segment_id = ? AND code_key = ? AND coder_id = ?')
    .get(segmentId, codeKey, coderId) as {
    id: number;
    revision: number;
    ai_present: number;
    label_id: number | null;
    state: string;
    verdict: number | null;
    risk: number | null;
    reasons: number;
    orphaned: number;
  };
