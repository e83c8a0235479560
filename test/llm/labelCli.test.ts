import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeServer } from '../support/fakeOpenAI';
import { useTmpDir } from '../helpers/tmp';
import { runCliEnv } from './cliRun';
import { createTestProject, TEST_RULES } from './projectFixture';
import { withDb } from './labelHarness';

const SUMMARY_KEYS = [
  'job_id',
  'status',
  'segments_total',
  'segments_done',
  'requests',
  'cache_hits',
  'failed',
  'retries',
  'rejected',
  'labels',
  'input_tokens',
  'output_tokens',
  'cost_usd',
  'run_requests',
  'run_cache_hits',
];

describe('concord label', () => {
  const tmp = useTmpDir();
  let fake: FakeServer | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  const label = (path: string, extra: string[], env: Record<string, string | undefined> = {}) =>
    runCliEnv(
      [
        'label',
        path,
        '--coder',
        'ai-one',
        '--model',
        'fake-model',
        '--json',
        ...(fake ? ['--base-url', fake.url] : []),
        ...extra,
      ],
      tmp(),
      { OPENAI_API_KEY: 'sk-test', ...env },
    );

  it('prints the contract summary, exits 0 when completed, and a re-run resumes the same job without requests', async () => {
    fake = await startFakeOpenAI({ rules: TEST_RULES });
    const path = createTestProject(tmp(), 25);
    const r = await label(path, []);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = r.json();
    for (const k of SUMMARY_KEYS) expect(s).toHaveProperty(k);
    expect(s).toMatchObject({
      status: 'completed',
      segments_total: 25,
      segments_done: 25,
      requests: 25,
      run_requests: 25,
      failed: 0,
      cost_usd: null,
    });
    const again = await label(path, []);
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({
      job_id: s.job_id,
      status: 'completed',
      requests: 25,
      run_requests: 0,
      run_cache_hits: 0,
      segments_total: 25,
    });
    expect(fake.completions()).toBe(25);
  });

  it('exits 2 with one error line and still prints the JSON when the key is refused (401)', async () => {
    fake = await startFakeOpenAI({ rules: TEST_RULES, apiKey: 'sk-right' });
    const path = createTestProject(tmp(), 10);
    const r = await label(path, [], { OPENAI_API_KEY: 'sk-wrong-0123456789abcdef' });
    expect(r.code).toBe(2);
    expect(r.json()).toMatchObject({ status: 'failed', failed: 0, segments_done: 0 });
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^concord: error: the provider rejected the API key \(401\)/);
    expect(r.stdout + r.stderr).not.toContain('sk-wrong-0123456789abcdef');
  });

  it('exits 1 when segments failed, with failed ≥ 1 in the JSON', async () => {
    fake = await startFakeOpenAI({
      rules: TEST_RULES,
      fault: ({ segment }) => (segment?.includes('(turn 2)') ? 'wrong_code' : null),
    });
    const path = createTestProject(tmp(), 6);
    const r = await label(path, []);
    expect(r.code).toBe(1);
    expect(r.json()).toMatchObject({ status: 'failed', failed: 1, segments_done: 5 });
    expect(r.json<{ rejected: number }>().rejected).toBeGreaterThanOrEqual(3);
  });

  it('--base-url wins over OPENAI_BASE_URL', async () => {
    fake = await startFakeOpenAI({ rules: TEST_RULES });
    const path = createTestProject(tmp(), 4);
    const r = await label(path, [], { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ status: 'completed', requests: 4 });
  });

  it('--sample calibration codes the newest calibration sample only, and is an error without one', async () => {
    fake = await startFakeOpenAI({ rules: TEST_RULES });
    const path = createTestProject(tmp(), 20);
    const none = await label(path, ['--sample', 'calibration']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^concord: error: the project has no calibration sample/);
    withDb(path, (p) => {
      p.db.exec(
        `INSERT INTO samples (name, purpose, seed, created_at, created_by) VALUES ('old', 'calibration', 1, '2024-01-01', 't'), ('new', 'calibration', 2, '2025-01-01', 't')`,
      );
      p.db.exec('INSERT INTO sample_segments SELECT 1, id FROM segments WHERE id <= 3');
      p.db.exec('INSERT INTO sample_segments SELECT 2, id FROM segments WHERE id BETWEEN 5 AND 11');
    });
    const r = await label(path, ['--sample', 'calibration']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ segments_total: 7, segments_done: 7, requests: 7 });
    // the whole project afterwards: the calibration segments are already coded by this coder
    const all = await label(path, []);
    expect(all.json()).toMatchObject({ segments_total: 20, segments_done: 20, run_requests: 13 });
  });

  it('refuses bad input and configuration with one error line', async () => {
    const path = createTestProject(tmp(), 3);
    const noModel = await runCliEnv(['label', path, '--coder', 'x', '--json'], tmp(), {});
    expect(noModel.code).toBe(1);
    expect(noModel.stderr).toMatch(/^concord: error: --model M is required/);
    const missing = await runCliEnv(
      ['label', `${tmp()}/none.concord`, '--coder', 'x', '--model', 'm'],
      tmp(),
      {},
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    // OpenAI itself without a key: a configuration error, nothing sent
    const noKey = await runCliEnv(
      ['label', path, '--coder', 'x', '--model', 'gpt-4o-mini', '--json'],
      tmp(),
      { OPENAI_API_KEY: '' },
    );
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/^concord: error: no API key/);
    fake = await startFakeOpenAI({ rules: TEST_RULES });
    expect((await label(path, [])).code).toBe(0);
    const changed = await label(path, ['--temperature', '0.7']);
    expect(changed.code).toBe(2);
    expect(changed.stderr).toMatch(/has labels from another configuration.*choose another --coder name/);
    const bad = await label(path, ['--mode', 'everything']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--mode must be all, family or code/);
  });

  it('exits 2 for a project without a codebook', async () => {
    fake = await startFakeOpenAI({ rules: TEST_RULES });
    const dir = tmp();
    await runCliEnv(['init', `${dir}/empty.concord`], dir, {});
    const r = await label(`${dir}/empty.concord`, []);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^concord: error: the project has no codebook/);
  });
});

describe('concord label --budget', () => {
  const tmp = useTmpDir();
  it('refuses a budget for a model without a price, without creating a job', async () => {
    const fake = await startFakeOpenAI({ rules: TEST_RULES });
    try {
      const path = createTestProject(tmp(), 3);
      const args = ['label', path, '--coder', 'b', '--model', 'fake-model', '--base-url', fake.url, '--json'];
      const r = await runCliEnv([...args, '--budget', '5'], tmp(), {});
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^concord: error: no price is known for model fake-model/);
      expect(withDb(path, (p) => p.db.prepare('SELECT count(*) AS n FROM jobs').get())).toEqual({ n: 0 });
      expect((await runCliEnv(args, tmp(), {})).code).toBe(0);
    } finally {
      await fake.close();
    }
  });
});
