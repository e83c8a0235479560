import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeServer } from '../support/fakeOpenAI';
import { useTmpDir } from '../helpers/tmp';
import { createTestProject, TEST_RULES } from '../llm/projectFixture';

const BIN = join(__dirname, '..', '..', 'bin', 'concord.js');

function spawnLabel(
  path: string,
  url: string,
  cwd: string,
): {
  child: ChildProcess;
  result: Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>;
} {
  const child = spawn(
    process.execPath,
    [
      BIN,
      'label',
      path,
      '--coder',
      'ai-kill',
      '--model',
      'fake-model',
      '--base-url',
      url,
      '--concurrency',
      '8',
      '--json',
    ],
    {
      cwd,
      env: { ...process.env, CONCORD_HOME: cwd, OPENAI_API_KEY: 'sk-test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const result = new Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, result };
}

const doneCount = (path: string): number => {
  if (!existsSync(path)) return 0;
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return (
      (
        db.prepare("SELECT count(*) AS n FROM job_items WHERE state = 'done'").get() as
          { n: number } | undefined
      )?.n ?? 0
    );
  } catch {
    return 0;
  } finally {
    db.close();
  }
};

describe('a labeling job killed with SIGKILL', () => {
  const tmp = useTmpDir();
  let fake: FakeServer | null = null;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    children.length = 0;
    await fake?.close();
    fake = null;
  });

  it('resumes on a re-run: every segment labeled exactly once, usage not counted twice', async () => {
    const N = 400;
    fake = await startFakeOpenAI({ rules: TEST_RULES, latencyMs: 25 });
    const dir = tmp();
    const path = createTestProject(dir, N);

    const first = spawnLabel(path, fake.url, dir);
    children.push(first.child);
    const deadline = Date.now() + 40_000;
    while (doneCount(path) < 60 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(doneCount(path)).toBeGreaterThanOrEqual(60);
    first.child.kill('SIGKILL');
    const killed = await first.result;
    expect(killed.signal).toBe('SIGKILL');
    const doneAtKill = doneCount(path);
    expect(doneAtKill).toBeLessThan(N);
    const sentBefore = fake.completions();

    const second = spawnLabel(path, fake.url, dir);
    children.push(second.child);
    const r = await second.result;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, number | string>;
    expect(s).toMatchObject({ status: 'completed', segments_total: N, segments_done: N, failed: 0 });
    // the run after the kill asked only for what had not been committed (its in-flight answers were lost or cached)
    expect(s.run_requests).toBeLessThanOrEqual(N - doneAtKill);
    expect(existsSync(`${path}-wal`)).toBe(false);

    const db = new Database(path, { readonly: true });
    try {
      expect(
        db.prepare('SELECT count(*) AS n, count(DISTINCT segment_id) AS d FROM llm_outputs').get(),
      ).toEqual({ n: N, d: N });
      expect(db.prepare('SELECT count(*) AS n FROM coded_segments').get()).toEqual({ n: N });
      expect(db.prepare("SELECT count(*) AS n FROM job_items WHERE state = 'done'").get()).toEqual({ n: N });
      const job = db.prepare('SELECT * FROM jobs').get() as {
        requests: number;
        input_tokens: number;
        output_tokens: number;
        cache_hits: number;
      };
      const items = db
        .prepare(
          'SELECT sum(requests) AS requests, sum(input_tokens) AS input, sum(output_tokens) AS output FROM job_items',
        )
        .get() as Record<string, number>;
      const outputs = db
        .prepare(
          'SELECT sum(input_tokens) AS input, sum(output_tokens) AS output FROM llm_outputs WHERE from_cache = 0',
        )
        .get() as Record<string, number>;
      // usage is the sum of committed items, each once: never more than the provider actually answered
      expect({ requests: job.requests, input: job.input_tokens, output: job.output_tokens }).toEqual(items);
      expect({ input: job.input_tokens, output: job.output_tokens }).toEqual(outputs);
      expect(job.requests).toBe(N - job.cache_hits);
      expect(job.requests).toBeLessThanOrEqual(fake.completions());
      expect(fake.completions()).toBeGreaterThanOrEqual(sentBefore);
      expect(s.requests).toBe(job.requests);
      expect(s.labels).toBe((db.prepare('SELECT count(*) AS n FROM labels').get() as { n: number }).n);
    } finally {
      db.close();
    }
  }, 90_000);
});
