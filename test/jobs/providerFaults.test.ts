import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOptions, type FakeServer } from '../support/fakeOpenAI';
import { useTmpDir } from '../helpers/tmp';
import { createTestProject, segmentText, TEST_RULES } from '../llm/projectFixture';
import { labelWithFake, withDb, type LabelRunOptions } from '../llm/labelHarness';

// Every fault a provider can throw at a job, through the real openai SDK against the
// scripted server. Retries are fast (5 ms base) so the suite stays quick.

describe('labeling job: provider faults', () => {
  const tmp = useTmpDir();
  let fake: FakeServer | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  async function run(
    segments: number,
    fakeOpts: FakeOptions,
    o: LabelRunOptions = {},
    text?: (i: number) => string,
  ) {
    fake = await startFakeOpenAI({ rules: TEST_RULES, ...fakeOpts });
    const path = createTestProject(tmp(), segments, { text });
    const { view } = await labelWithFake(path, fake, o);
    return { view, path, fake };
  }

  const itemStates = (path: string) =>
    withDb(path, (p) =>
      Object.fromEntries(
        (
          p.db.prepare('SELECT state, count(*) AS n FROM job_items GROUP BY state').all() as {
            state: string;
            n: number;
          }[]
        ).map((r) => [r.state, r.n]),
      ),
    );

  it('a wrong key (401) stops the job at once, leaves every segment pending and never shows the key', async () => {
    const { view, path } = await run(
      40,
      { apiKey: 'sk-the-right-key-000000000000' },
      { apiKey: 'sk-wrong-key-1234567890abcdef', policy: { concurrency: 4 } },
    );
    expect(view.status).toBe('failed');
    expect(view.lastErrorCode).toBe('auth');
    expect(view.lastError).toMatch(/401/);
    expect(view.lastError).not.toContain('sk-wrong-key-1234567890abcdef');
    expect(view.requests).toBeLessThanOrEqual(4);
    expect(view.failed).toBe(0);
    expect(itemStates(path)).toEqual({ pending: 40 });
    withDb(path, (p) => {
      const dump =
        JSON.stringify(p.db.prepare('SELECT * FROM history').all()) +
        JSON.stringify(p.db.prepare('SELECT * FROM jobs').all());
      expect(dump).not.toContain('sk-wrong-key');
    });
  });

  it('an unknown model (404) stops the job with a clear message', async () => {
    const { view } = await run(
      20,
      {},
      { config: { model: 'gpt-does-not-exist' }, policy: { concurrency: 2 } },
    );
    expect(view).toMatchObject({ status: 'failed', lastErrorCode: 'model_not_found', failed: 0 });
    expect(view.lastError).toMatch(/gpt-does-not-exist/);
  });

  it('an exhausted quota (429 insufficient_quota) stops the job, while a rate limit (429) is waited out', async () => {
    const quota = await run(20, { fault: () => 'quota' }, { policy: { concurrency: 2 } });
    expect(quota.view).toMatchObject({ status: 'failed', lastErrorCode: 'quota' });
    expect(quota.view.requests).toBeLessThanOrEqual(2);
    await fake!.close();
    const limited = await run(30, {
      fault: ({ attempt }) => (attempt <= 2 ? 'rate_limit' : null),
      retryAfterSeconds: 0.01,
    });
    expect(limited.view).toMatchObject({ status: 'completed', segmentsDone: 30, failed: 0 });
    expect(limited.view.rateLimited).toBe(60);
    expect(limited.view.requests).toBe(90);
  });

  it('a server that is down stops the job as unreachable instead of failing every segment', async () => {
    const probe = await startFakeOpenAI();
    const url = probe.url;
    await probe.close();
    fake = await startFakeOpenAI();
    const path = createTestProject(tmp(), 30);
    const { view } = await labelWithFake(path, { ...fake, url }, { policy: { concurrency: 2 } });
    expect(view).toMatchObject({ status: 'failed', lastErrorCode: 'unreachable', failed: 0 });
    expect(view.lastError).toMatch(/cannot reach the provider/);
    expect(itemStates(path)).toEqual({ pending: 30 });
  });

  it('timeouts, 500s, dropped connections and broken bodies are retried until the answer comes', async () => {
    const kinds = ['hang', 'server_error', 'reset', 'bad_body'] as const;
    const { view, path } = await run(
      24,
      {
        fault: ({ segment, attempt }) =>
          attempt === 1 ? kinds[Number(/turn (\d+)/.exec(segment ?? '')![1]) % 4]! : null,
      },
      { policy: { timeoutMs: 400 } },
    );
    expect(view).toMatchObject({ status: 'completed', segmentsDone: 24, failed: 0, retries: 24 });
    expect(itemStates(path)).toEqual({ done: 24 });
  });

  it('malformed, truncated and schema-violating answers are refused (rejected), retried, and never stored', async () => {
    const kinds = ['malformed', 'truncated', 'wrong_code'] as const;
    const { view, path } = await run(30, {
      fault: ({ segment, attempt }) =>
        attempt <= 2 ? kinds[Number(/turn (\d+)/.exec(segment ?? '')![1]) % 3]! : null,
    });
    expect(view).toMatchObject({
      status: 'completed',
      segmentsDone: 30,
      failed: 0,
      rejected: 60,
      requests: 90,
    });
    withDb(path, (p) => {
      expect(
        p.db
          .prepare(
            "SELECT count(*) AS n FROM labels l JOIN codes c ON c.id = l.code_id WHERE c.code_key = 'not-a-code'",
          )
          .get(),
      ).toEqual({ n: 0 });
      expect(p.db.prepare('SELECT count(*) AS n FROM llm_outputs').get()).toEqual({ n: 30 });
    });
  });

  it('a segment that is always answered off-schema fails alone after its attempts; the job reports it', async () => {
    const { view, path } = await run(10, {
      fault: ({ segment }) => (segment === segmentText(3) ? 'wrong_code' : null),
    });
    expect(view).toMatchObject({
      status: 'failed',
      lastErrorCode: 'items_failed',
      segmentsDone: 9,
      failed: 1,
      rejected: 6,
    });
    withDb(path, (p) => {
      const f = p.db
        .prepare("SELECT error_code, error, attempts FROM job_items WHERE state = 'failed'")
        .get() as { error_code: string; error: string; attempts: number };
      expect(f.error_code).toBe('unknown_code');
      expect(f.error).toMatch(/outside the codebook.*not-a-code/);
    });
  });

  it('a segment too long for the context window fails at once, with or without a request', async () => {
    const huge = (i: number) => (i === 2 ? `The teacher calls. ${'word '.repeat(20_000)}` : segmentText(i));
    const sent = await run(6, { contextTokens: 4000 }, { config: { contextTurns: 0 } }, huge);
    expect(sent.view).toMatchObject({
      status: 'failed',
      segmentsDone: 5,
      failed: 1,
      requests: 6,
      retries: 0,
    });
    const withDbCheck = withDb(sent.path, (p) =>
      p.db.prepare("SELECT error_code FROM job_items WHERE state = 'failed'").get(),
    );
    expect(withDbCheck).toEqual({ error_code: 'context_length' });
    await fake!.close();
    const unsent = await run(6, {}, { config: { contextTurns: 0, contextWindowTokens: 4000 } }, huge);
    expect(unsent.view).toMatchObject({ status: 'failed', segmentsDone: 5, failed: 1, requests: 5 });
  });

  it('an empty segment is coded as nothing applies, without a request', async () => {
    const { view, path } = await run(5, {}, {}, (i) => (i === 1 ? '   ' : segmentText(i)));
    expect(view).toMatchObject({ status: 'completed', segmentsDone: 5, requests: 4 });
    withDb(path, (p) => {
      expect(
        p.db
          .prepare(
            "SELECT count(*) AS n FROM coded_segments cs JOIN segments s ON s.id = cs.segment_id WHERE s.text = '   '",
          )
          .get(),
      ).toEqual({ n: 1 });
      expect(
        p.db
          .prepare(
            "SELECT count(*) AS n FROM labels l JOIN segments s ON s.id = l.segment_id WHERE s.text = '   '",
          )
          .get(),
      ).toEqual({ n: 0 });
    });
  });

  it('a server without json_schema falls back to JSON mode, and one without JSON modes to plain text with one repair', async () => {
    const { view } = await run(8, { jsonSchema: false });
    expect(view).toMatchObject({ status: 'completed', segmentsDone: 8 });
    expect(fake!.requests.filter((r) => r.format === 'json_object').length).toBeGreaterThanOrEqual(8);
    await fake!.close();
    let firstText = true;
    const plain = await run(8, {
      jsonSchema: false,
      jsonObject: false,
      fault: ({ attempt }) => {
        // the first plain-text answer is malformed: the engine shows it back once and asks again
        if (attempt > 2 && firstText) {
          firstText = false;
          return 'malformed';
        }
        return null;
      },
    });
    expect(plain.view).toMatchObject({ status: 'completed', segmentsDone: 8 });
    const texts = fake!.requests.filter((r) => r.format === 'text');
    expect(texts.length).toBeGreaterThanOrEqual(8);
    expect(texts.some((r) => r.repair)).toBe(true);
  });

  it('follows x-ratelimit headers and 429s of a tight rate limit and still finishes', async () => {
    const { view } = await run(
      40,
      { rateLimit: { limit: 10, windowMs: 150 } },
      { policy: { concurrency: 8 } },
    );
    expect(view).toMatchObject({ status: 'completed', segmentsDone: 40, failed: 0 });
    // the gate waits for the window once the remaining count reaches 0: few requests are refused
    expect(view.rateLimited).toBeLessThan(40);
  });
});
