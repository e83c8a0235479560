import { afterEach, describe, expect, it } from 'vitest';
import { AiCoderConfigSchema } from '../../shared/contract/llm';
import { ensureAiCoder } from '../../electron/backend/llm/aiCoders';
import { setPrice } from '../../electron/backend/llm/prices';
import { startBatchRun } from '../../electron/backend/jobs/batchRun';
import { getJobRow } from '../../electron/backend/jobs/jobStore';
import { prepareLaunch } from '../../electron/backend/jobs/launch';
import { Project } from '../../electron/backend/project/project';
import { startFakeOpenAI, type FakeOptions, type FakeServer } from '../support/fakeOpenAI';
import { useTmpDir } from '../helpers/tmp';
import { createTestProject, TEST_RULES } from '../llm/projectFixture';

describe('Batch API mode', () => {
  const tmp = useTmpDir();
  let fake: FakeServer | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  async function batch(path: string, opts: { pauseAfterMs?: number } = {}) {
    const p = Project.open(path, 'open');
    try {
      const config = AiCoderConfigSchema.parse({
        provider: { kind: 'compatible', baseURL: fake!.url },
        model: 'fake-model',
        codebookVersion: 1,
      });
      const coder = ensureAiCoder(p.db, 'batcher', config, 'test');
      const launch = prepareLaunch(p.db, {
        coderId: coder.id,
        selection: { kind: 'all' },
        batch: true,
        useCache: true,
        actor: 'test',
      });
      const run = await startBatchRun(p.db, launch, 'sk-test', 'test', true, undefined, { pollMs: 20 });
      if (opts.pauseAfterMs) setTimeout(() => run.pause(), opts.pauseAfterMs);
      const view = await run.done;
      return {
        view,
        batchId: getJobRow(p.db, view.id).batch_id,
        outputs: p.db.prepare('SELECT count(*) AS n FROM llm_outputs').get(),
      };
    } finally {
      p.close();
    }
  }

  const paths = () => fake!.requests.map((r) => r.path.replace(/\/(file|batch)[-_]\d+/, '/$1'));

  async function setup(segments: number, o: FakeOptions = {}) {
    fake = await startFakeOpenAI({ rules: TEST_RULES, ...o });
    const path = createTestProject(tmp(), segments);
    const p = Project.open(path, 'open');
    setPrice(p.db, { model: 'fake-model', inputPer1M: 1, cachedInputPer1M: null, outputPer1M: 1, note: '' });
    p.close();
    return path;
  }

  it('uploads one JSONL, polls the batch, imports by custom_id at half price, and sends no synchronous request', async () => {
    const path = await setup(20);
    const { view, outputs } = await batch(path);
    expect(view).toMatchObject({ status: 'completed', segmentsDone: 20, requests: 20, batch: true });
    expect(outputs).toEqual({ n: 20 });
    expect(paths().filter((p) => p === '/v1/chat/completions')).toHaveLength(0);
    expect(paths()).toContain('/v1/files');
    expect(paths()).toContain('/v1/batches');
    const full = (view.inputTokens + view.outputTokens) / 1e6;
    expect(view.costUsd).toBeCloseTo(full / 2, 9);
  });

  it('finishes answers the batch got wrong through the synchronous engine', async () => {
    let calls = 0;
    // batch lines are scripted with n = 0; synchronous requests count from 1
    const path = await setup(10, {
      fault: ({ segment, n }) => {
        if (n === 0) return segment?.includes('(turn 3)') ? 'wrong_code' : null;
        calls++;
        return null;
      },
    });
    const { view } = await batch(path);
    expect(view).toMatchObject({ status: 'completed', segmentsDone: 10, rejected: 1 });
    expect(calls).toBe(1);
    expect(view.requests).toBe(11);
  });

  it('a paused run keeps the submitted batch and the next run polls it instead of submitting again', async () => {
    const path = await setup(8, { batchDelayMs: 400 });
    const first = await batch(path, { pauseAfterMs: 150 });
    expect(first.view.status).toBe('paused');
    expect(first.batchId).toMatch(/^batch_/);
    const second = await batch(path);
    expect(second.view).toMatchObject({ status: 'completed', segmentsDone: 8 });
    expect(paths().filter((p) => p === '/v1/batches' || p === '/v1/files')).toEqual([
      '/v1/files',
      '/v1/batches',
    ]);
  });
});
