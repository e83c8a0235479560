import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import type { HandlerContext } from '../../electron/backend/rpc/handlers';
import { Session } from '../../electron/backend/session';
import { JobProgressSchema, type JobProgress, type JobView } from '../../shared/contract/llm';
import { startFakeOpenAI, type FakeServer } from '../support/fakeOpenAI';
import { useTmpDir } from '../helpers/tmp';
import { createTestProject, TEST_RULES } from './projectFixture';

describe('LLM engine over RPC', () => {
  const tmp = useTmpDir();
  let fake: FakeServer | null = null;
  let session: Session | null = null;
  afterEach(async () => {
    session?.close();
    session = null;
    await fake?.close();
    fake = null;
  });

  async function setup(segments = 12, fakeOpts = {}) {
    fake = await startFakeOpenAI({ rules: TEST_RULES, ...fakeOpts });
    const dir = tmp();
    const path = createTestProject(dir, segments);
    session = new Session({ host: 'browser', configDir: join(dir, 'config') });
    session.open(path);
    const events: JobProgress[] = [];
    const ctx: HandlerContext = {
      session,
      emit: (event, payload) => void (event === 'job.progress' && events.push(payload as JobProgress)),
    };
    const call = async <T>(method: string, params: unknown): Promise<T> => {
      const r = await dispatch(method, params, ctx);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
      return r.result as T;
    };
    const provider = { kind: 'compatible', baseURL: fake.url };
    return { call, events, provider, dir, ctx };
  }

  const waitFor = async (
    call: <T>(m: string, p: unknown) => Promise<T>,
    jobId: number,
    statuses: string[],
  ) => {
    for (let i = 0; i < 400; i++) {
      const v = await call<JobView>('jobs.get', { jobId });
      if (statuses.includes(v.status)) return v;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('job did not finish');
  };

  it('manages AI coders, tests the connection, estimates, runs a job in the background with progress, and shows provenance', async () => {
    const { call, events, provider, dir } = await setup();
    const coder = await call<{ id: number; configHash: string }>('ai.coders.create', {
      name: 'gpt-rpc',
      config: { provider, model: 'fake-model', codebookVersion: 1 },
    });
    expect(coder.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await call('ai.coders.list', {})).toHaveLength(1);
    const preview = await call<{ system: string[]; user: string | null }>('ai.coders.preview', {
      config: { provider, model: 'fake-model', codebookVersion: 1 },
      segmentId: 2,
    });
    expect(preview.system).toHaveLength(1);
    expect(preview.user).toContain('"before":[{"speaker":"Teacher"');

    expect(await call('ai.testConnection', { provider, model: 'fake-model' })).toMatchObject({
      ok: true,
      models: 1,
      modelFound: true,
      error: null,
    });
    expect(await call('ai.testConnection', { provider, model: 'other' })).toMatchObject({
      ok: true,
      modelFound: false,
    });
    expect(await call('ai.listModels', { provider })).toEqual([{ id: 'fake-model', ownedBy: 'fake' }]);
    const dead = await call<{ ok: boolean; error: string }>('ai.testConnection', {
      provider: { kind: 'compatible', baseURL: 'http://127.0.0.1:9/v1' },
    });
    expect(dead.ok).toBe(false);
    expect(dead.error).toMatch(/cannot reach the provider/);

    await call('llm.prices.set', {
      model: 'fake-model',
      inputPer1M: 1,
      cachedInputPer1M: 0.5,
      outputPer1M: 2,
      note: 'test',
    });
    const est = await call<{ segments: number; requests: number; costUsd: number; priced: boolean }>(
      'jobs.estimate',
      { coderId: coder.id, selection: { kind: 'all' } },
    );
    expect(est).toMatchObject({ segments: 12, requests: 12, priced: true });
    expect(est.costUsd).toBeGreaterThan(0);

    const started = await call<JobView>('jobs.start', { coderId: coder.id, selection: { kind: 'all' } });
    expect(started.status).toBe('running');
    const done = await waitFor(call, started.id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', segmentsDone: 12, requests: 12 });
    expect(done.costUsd).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({
      id: started.id,
      status: 'completed',
      segmentsDone: 12,
      lastErrorCode: null,
    });
    // exactly the fields of the event's schema (no view fields leak, none is missing)
    expect(Object.keys(events.at(-1)!).sort()).toEqual(Object.keys(JobProgressSchema.shape).sort());
    expect(await call('jobs.list', {})).toHaveLength(1);
    expect(await call('jobs.failures', { jobId: started.id })).toEqual({ total: 0, failures: [] });

    const label = session!
      .requireProject()
      .db.prepare("SELECT id FROM labels WHERE source = 'ai' LIMIT 1")
      .get() as { id: number };
    const prov = await call<{
      modelReturned: string;
      decision: { present: boolean; evidenceFound: boolean };
      rawResponses: string[];
    }>('llm.provenance', { labelId: label.id });
    expect(prov.modelReturned).toBe('fake-model-2025-01-01');
    expect(prov.decision).toMatchObject({ present: true, evidenceFound: true });
    expect(prov.rawResponses).toHaveLength(1);
    const jsonl = await call<{ rows: number; jsonl: string }>('llm.exportProvenance', { coderId: coder.id });
    expect(jsonl.rows).toBe(12);
    expect(JSON.parse(jsonl.jsonl.split('\n')[0]!)).toMatchObject({
      coder: 'gpt-rpc',
      config_hash: coder.configHash,
      model_returned: 'fake-model-2025-01-01',
    });
    const file = join(dir, 'prov.jsonl');
    expect(await call('llm.exportProvenance', { jobId: started.id, path: file })).toEqual({
      rows: 12,
      path: file,
      jsonl: null,
    });
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(12);

    // a configuration with labels is not edited in place
    await expect(
      call('ai.coders.update', {
        id: coder.id,
        config: { provider, model: 'fake-model', codebookVersion: 1, temperature: 1 },
      }),
    ).rejects.toThrow(/config_conflict/);
    await expect(call('ai.coders.delete', { id: coder.id })).rejects.toThrow(/has labels/);
  });

  it('pauses, resumes and cancels a job over RPC', async () => {
    const { call, provider } = await setup(30, { latencyMs: 80 });
    const coder = await call<{ id: number }>('ai.coders.create', {
      name: 'slow',
      config: { provider, model: 'fake-model', codebookVersion: 1 },
    });
    const job = await call<JobView>('jobs.start', { coderId: coder.id, concurrency: 2 });
    await new Promise((r) => setTimeout(r, 250));
    await call('jobs.pause', { jobId: job.id });
    const paused = await waitFor(call, job.id, ['paused']);
    expect(paused.segmentsDone).toBeLessThan(30);
    await call('jobs.resume', { jobId: job.id, concurrency: 8 });
    for (
      let i = 0;
      i < 200 && (await call<JobView>('jobs.get', { jobId: job.id })).segmentsDone <= paused.segmentsDone;
      i++
    )
      await new Promise((r) => setTimeout(r, 20));
    await call('jobs.cancel', { jobId: job.id });
    const cancelled = await waitFor(call, job.id, ['cancelled']);
    expect(cancelled.segmentsDone).toBeGreaterThan(paused.segmentsDone);
    await call('jobs.resume', { jobId: job.id });
    expect(await waitFor(call, job.id, ['completed'])).toMatchObject({ segmentsDone: 30, failed: 0 });
  });

  it('stores a key in the session key store without ever returning it', async () => {
    const { call } = await setup(1);
    const provider = { kind: 'openai', baseURL: null };
    const key = 'sk-stored-secret-0000000000';
    const before = await call<{ present: boolean }>('ai.key.status', { provider });
    expect(await call('ai.key.set', { provider, key })).toEqual({ stored: true });
    const status = await call<{ present: boolean; source: string }>('ai.key.status', { provider });
    if (!before.present) expect(status.present).toBe(true);
    expect(JSON.stringify(status)).not.toContain(key);
    const history = JSON.stringify(session!.requireProject().db.prepare('SELECT * FROM history').all());
    expect(history).toContain('ai.key.set');
    expect(history).not.toContain(key);
    expect(await call('ai.key.clear', { provider })).toEqual({ cleared: true });
  });
});
