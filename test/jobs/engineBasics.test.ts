import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeServer } from '../support/fakeOpenAI';
import { useTmpDir } from '../helpers/tmp';
import { createTestProject, segmentText, TEST_RULES } from '../llm/projectFixture';
import { labelWithFake, withDb } from '../llm/labelHarness';

describe('labeling job: the normal path', () => {
  const tmp = useTmpDir();
  let fake: FakeServer | null = null;
  afterEach(async () => {
    await fake?.close();
    fake = null;
  });

  it('labels every segment once with the codes the provider decided, and records usage, provenance and the coded marks', async () => {
    fake = await startFakeOpenAI({ rules: TEST_RULES });
    const path = createTestProject(tmp(), 60);
    const { view } = await labelWithFake(path, fake);
    expect(view).toMatchObject({
      status: 'completed',
      segmentsTotal: 60,
      segmentsDone: 60,
      failed: 0,
      requests: 60,
      cacheHits: 0,
      rejected: 0,
      runRequests: 60,
    });
    expect(view.inputTokens).toBeGreaterThan(0);
    expect(view.outputTokens).toBeGreaterThan(0);
    // every request after the first re-uses the system prompt: the fake reports it cached
    expect(view.cachedInputTokens).toBeGreaterThan(0);
    withDb(path, (p) => {
      const labels = p.db
        .prepare(
          "SELECT s.text, c.code_key FROM labels l JOIN segments s ON s.id = l.segment_id JOIN codes c ON c.id = l.code_id WHERE l.source = 'ai' ORDER BY s.id, c.code_key",
        )
        .all() as { text: string; code_key: string }[];
      const expected: { text: string; code_key: string }[] = [];
      for (let i = 0; i < 60; i++) {
        const text = segmentText(i);
        for (const r of TEST_RULES)
          if (text.toLowerCase().includes(String(r.match).toLowerCase()))
            expected.push({ text, code_key: r.code });
      }
      expect(labels.length).toBe(expected.length);
      expect(view.labels).toBe(expected.length);
      expect(new Set(labels.map((l) => `${l.text}|${l.code_key}`))).toEqual(
        new Set(expected.map((l) => `${l.text}|${l.code_key}`)),
      );
      expect(p.db.prepare('SELECT count(*) AS n FROM coded_segments').get()).toEqual({ n: 60 });
      expect(p.db.prepare('SELECT count(*) AS n FROM llm_outputs').get()).toEqual({ n: 60 });
      const prov = p.db
        .prepare('SELECT count(*) AS n, sum(evidence_found) AS found FROM label_provenance')
        .get() as { n: number; found: number };
      expect(prov.n).toBe(expected.length);
      expect(prov.found).toBe(expected.length);
      const out = p.db
        .prepare('SELECT model_returned, prompt_hash, config_hash, raw_responses FROM llm_outputs LIMIT 1')
        .get() as { model_returned: string; prompt_hash: string; raw_responses: string };
      expect(out.model_returned).toBe('fake-model-2025-01-01');
      expect(out.prompt_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.parse(out.raw_responses)).toHaveLength(1);
      const items = p.db
        .prepare('SELECT sum(input_tokens) AS i, sum(output_tokens) AS o FROM job_items')
        .get() as { i: number; o: number };
      expect(items).toEqual({ i: view.inputTokens, o: view.outputTokens });
    });
    expect(fake.completions()).toBe(60);
    // the schema constrains code ids to the call's codes
    expect(fake.requests[0]!.format).toBe('json_schema');
    expect(fake.requests[0]!.codes).toEqual(['outreach', 'home-visits', 'barriers', 'schedules', 'language']);
  });

  it('resumes the same job on a re-run and sends nothing; another coder with the same configuration is served from the cache', async () => {
    fake = await startFakeOpenAI({ rules: TEST_RULES });
    const path = createTestProject(tmp(), 30);
    const first = await labelWithFake(path, fake);
    const again = await labelWithFake(path, fake);
    expect(again.view.id).toBe(first.view.id);
    expect(again.view).toMatchObject({
      status: 'completed',
      requests: 30,
      runRequests: 0,
      runCacheHits: 0,
      segmentsDone: 30,
    });
    const twin = await labelWithFake(path, fake, { coder: 'gpt-test-twin' });
    expect(twin.view.id).not.toBe(first.view.id);
    expect(twin.view).toMatchObject({
      status: 'completed',
      requests: 0,
      cacheHits: 30,
      runCacheHits: 30,
      labels: first.view.labels,
    });
    expect(fake.completions()).toBe(30);
    // --no-cache asks again
    const fresh = await labelWithFake(path, fake, { coder: 'gpt-test-fresh', useCache: false });
    expect(fresh.view).toMatchObject({ status: 'completed', requests: 30, cacheHits: 0 });
  });

  it('codes one call per family or per code, and votes over several samples', async () => {
    fake = await startFakeOpenAI({ rules: TEST_RULES });
    const path = createTestProject(tmp(), 12);
    const fam = await labelWithFake(path, fake, { coder: 'by-family', config: { mode: 'family' } });
    expect(fam.view).toMatchObject({ status: 'completed', requests: 36 });
    expect(new Set(fake.requests.map((r) => r.codes.join(',')))).toEqual(
      new Set(['outreach,home-visits', 'barriers,schedules', 'language']),
    );
    const per = await labelWithFake(path, fake, { coder: 'by-code', config: { mode: 'code', samples: 3 } });
    expect(per.view).toMatchObject({ status: 'completed', requests: 12 * 5 * 3, labels: fam.view.labels });
    withDb(path, (p) => {
      const votes = p.db
        .prepare(
          "SELECT DISTINCT lp.votes, lp.samples, lp.vote_share FROM label_provenance lp JOIN labels l ON l.id = lp.label_id JOIN coders c ON c.id = l.coder_id WHERE c.name = 'by-code'",
        )
        .all();
      expect(votes).toEqual([{ votes: 3, samples: 3, vote_share: 1 }]);
    });
  });
});
