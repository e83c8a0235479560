// The calibration view end to end: the demo study served by `concord serve`, an AI coder
// run against the scripted OpenAI-compatible server on the demo calibration sample, then
// the agreement report for both human coders and the AI (κ per code, flagged codes) and
// the drill-down into one disagreement with every coder's decision.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeServer, type KeywordRule } from '../support/fakeOpenAI';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  ensureRendererBuilt,
  ROOT,
  runCli,
  startServe,
  waitForFile,
  type Server,
} from './harness';

const SCREENSHOTS = join(ROOT, '.tmp', 'screenshots');
const API_KEY = 'sk-e2e-fake-key-calibration';
const SAMPLE = 'Demo calibration';
const HUMANS = ['Maya Chen (demo)', 'Jordan Ellis (demo)'];
const AI = 'Fake GPT';
const AI_STRICT = 'Fake GPT strict';
const KEYWORDS = [/famil/i, /parent/i, /teacher/i, /language|translat/i, /trust/i, /call|phone/i];

let tmp: string;
let fake: FakeServer | null = null;
let server: Server | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const byTestId = (id: string): Locator => page.getByTestId(id);

/** An RPC call made by the page itself, with the session token it holds. */
async function rpc<T>(method: string, params: unknown): Promise<T> {
  return page.evaluate(
    async ([m, p]) => {
      const token = sessionStorage.getItem('concord.token') ?? '';
      const res = await fetch('/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ method: m, params: p }),
      });
      const body = (await res.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(`${m as string}: ${body.error?.message}`);
      return body.result;
    },
    [method, params] as const,
  ) as Promise<T>;
}

describe('Calibration in browser mode', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    await waitForFile(CHROMIUM, 240_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'concord-e2e-cal-'));
    const rules: KeywordRule[] = [];
    fake = await startFakeOpenAI({
      apiKey: API_KEY,
      models: ['fake-model'],
      latencyMs: 5,
      rules,
      // the rules are made from the codebook's own code ids, as the first request names them
      fault: ({ codes }) => {
        if (rules.length === 0)
          codes.forEach((code, i) => rules.push({ code, match: KEYWORDS[i % KEYWORDS.length]! }));
        return null;
      },
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CONCORD_HOME: join(tmp, 'home'),
      CONCORD_USER: 'e2e',
      OPENAI_API_KEY: API_KEY,
    };
    delete env.OPENAI_BASE_URL;
    const project = join(tmp, 'demo.concord');
    await runCli(['demo', project], env);
    server = await startServe(project, env);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await fake?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('runs an AI coder on the calibration sample', async () => {
    await page.goto(server!.url);
    await expect.poll(() => byTestId('main-layout').isVisible(), { timeout: 20_000 }).toBe(true);
    const versions = await rpc<{ version: number; active: boolean }[]>('codebook.versions', {});
    const version = (versions.find((v) => v.active) ?? versions.at(-1))!.version;
    const coder = await rpc<{ id: number }>('ai.coders.create', {
      name: AI,
      config: {
        provider: { kind: 'compatible', baseURL: fake!.url },
        model: 'fake-model',
        codebookVersion: version,
      },
    });
    let job = await rpc<{ id: number; status: string; segmentsDone: number }>('jobs.start', {
      coderId: coder.id,
      selection: { kind: 'sample', name: SAMPLE },
    });
    const until = Date.now() + 90_000;
    while (['queued', 'running'].includes(job.status) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      job = await rpc('jobs.get', { jobId: job.id });
    }
    expect(job.status).toBe('completed');
    expect(job.segmentsDone).toBe(79);
  });

  it('reports agreement for two humans and the AI, with flagged codes', async () => {
    await byTestId('view-tab-calibration').click();
    await expect.poll(() => byTestId('calibration-view').isVisible()).toBe(true);
    await expect
      .poll(() =>
        page.locator(`[data-testid="sample-row"][data-name="${SAMPLE}"]`).getAttribute('aria-selected'),
      )
      .toBe('true');
    // exactly Maya, Jordan and the AI coder
    await expect.poll(() => byTestId('coder-check').count()).toBeGreaterThanOrEqual(3);
    for (const box of await byTestId('coder-check').all()) {
      const name = await box.getAttribute('data-name');
      const want = [...HUMANS, AI].includes(name ?? '');
      if ((await box.isChecked()) !== want) await box.click();
    }
    await byTestId('run-report').click();
    await expect.poll(() => byTestId('agreement-matrix').isVisible(), { timeout: 60_000 }).toBe(true);

    const rows = byTestId('agreement-row');
    expect(await rows.count()).toBe(38);
    // Cohen's κ of the two humans, a number on most codes
    const kappas = await byTestId('metric-cohen_kappa').allTextContents();
    expect(kappas.filter((k) => /^−?\d\.\d\d/.test(k)).length).toBeGreaterThan(20);
    // the AI's κ against the humans, and the codes it falls short on are flagged
    expect((await byTestId('metric-ai-kappa').allTextContents()).some((k) => /\d\.\d\d/.test(k))).toBe(true);
    const flagged = page.locator('[data-testid="agreement-row"][data-flagged="true"]');
    expect(await flagged.count()).toBeGreaterThan(0);
    expect(await flagged.first().getByTestId('flag-status').textContent()).toMatch(/Below/);
    expect(await byTestId('flag-summary').textContent()).toMatch(/\d+ flagged/);
    // the interval is one hover away
    expect(await byTestId('metric-cohen_kappa').first().getAttribute('title')).toMatch(/95% CI|undefined/);
    await shot('calibration');
  });

  it('drills into a disagreement and shows every coder’s decision', async () => {
    const row = page.locator('[data-testid="agreement-row"][data-flagged="true"]').first();
    await row.click();
    await expect.poll(() => byTestId('disagreements').isVisible()).toBe(true);
    await expect.poll(() => byTestId('disagreement').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const card = byTestId('disagreement').first();
    const decisions = card.getByTestId('coder-decision');
    expect(await decisions.count()).toBe(3);
    const values = await decisions.evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    expect(new Set(values).size).toBeGreaterThan(1);
    const coders = await decisions.evaluateAll((els) => els.map((e) => e.getAttribute('data-coder')));
    expect(coders).toEqual(expect.arrayContaining([...HUMANS, AI]));
    // the AI's reasons are beside its decision
    expect(await card.locator(`[data-coder="${AI}"]`).textContent()).toMatch(/segment|Nothing/);
    await shot('disagreement');
  });

  it('approves the AI coder and validates it on a held-out sample', async () => {
    await byTestId('approve-coder')
      .and(page.locator(`[data-name="${AI}"]`))
      .click();
    const approved = page.locator('[data-testid="approval-row"][data-active="true"]');
    await expect.poll(() => approved.count()).toBe(1);
    expect(await approved.textContent()).toContain(AI);
    expect(await byTestId('approve-coder').count()).toBe(0);

    // a hold-out sample (disjoint from the calibration one), coded by the AI; Maya coded everything
    await rpc('calibration.samples.create', { name: 'Hold-out', purpose: 'holdout', size: 40, seed: 7 });
    const coders = await rpc<{ id: number; name: string }[]>('ai.coders.list', {});
    let job = await rpc<{ id: number; status: string }>('jobs.start', {
      coderId: coders.find((c) => c.name === AI)!.id,
      selection: { kind: 'sample', name: 'Hold-out' },
    });
    const until = Date.now() + 90_000;
    while (['queued', 'running'].includes(job.status) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      job = await rpc('jobs.get', { jobId: job.id });
    }
    expect(job.status).toBe('completed');

    // a fresh page, so the view reads the new sample
    await page.reload();
    await expect.poll(() => byTestId('main-layout').isVisible(), { timeout: 20_000 }).toBe(true);
    await byTestId('view-tab-calibration').click();
    await expect.poll(() => byTestId('validate-open').isVisible(), { timeout: 20_000 }).toBe(true);
    await byTestId('validate-open').click();
    const dialog = byTestId('validate-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    // Jordan coded only the calibration sample: Maya alone is the reference
    for (const name of HUMANS) {
      const box = dialog.getByRole('checkbox', { name });
      if ((await box.isChecked()) !== (name === HUMANS[0])) await box.click();
    }
    await byTestId('validate-run').click();
    await expect.poll(() => byTestId('validation-result').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await byTestId('validation-code').count()).toBe(38);
    expect(await byTestId('validation-result').textContent()).toMatch(
      /40 of 40 held-out segments coded by the AI/,
    );
    await shot('validation');
  });

  it('compares two AI configurations with the same human reference', async () => {
    // a second configuration (another temperature and context, so another config hash) on the same sample
    const versions = await rpc<{ version: number; active: boolean }[]>('codebook.versions', {});
    const version = (versions.find((v) => v.active) ?? versions.at(-1))!.version;
    const coder = await rpc<{ id: number; configHash: string }>('ai.coders.create', {
      name: AI_STRICT,
      config: {
        provider: { kind: 'compatible', baseURL: fake!.url },
        model: 'fake-model',
        temperature: 0.7,
        contextTurns: 0,
        codebookVersion: version,
      },
    });
    const first = (await rpc<{ name: string; configHash: string }[]>('ai.coders.list', {})).find(
      (c) => c.name === AI,
    )!;
    expect(coder.configHash).not.toBe(first.configHash);
    // the fake model answers by keyword only, so the stricter configuration is played by
    // dropping every other code's rule while it runs: the two sides then really differ
    const rules = fake!.options.rules!;
    fake!.options.rules = rules.filter((_, i) => i % 2 === 0);
    let job = await rpc<{ id: number; status: string; segmentsDone: number }>('jobs.start', {
      coderId: coder.id,
      selection: { kind: 'sample', name: SAMPLE },
    });
    try {
      const until = Date.now() + 90_000;
      while (['queued', 'running'].includes(job.status) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 500));
        job = await rpc('jobs.get', { jobId: job.id });
      }
    } finally {
      fake!.options.rules = rules;
    }
    expect(job.status).toBe('completed');
    expect(job.segmentsDone).toBe(79);

    // a fresh page, so the view lists the new coder
    await page.reload();
    await expect.poll(() => byTestId('main-layout').isVisible(), { timeout: 20_000 }).toBe(true);
    await byTestId('view-tab-calibration').click();
    await expect.poll(() => byTestId('compare-open').isEnabled(), { timeout: 20_000 }).toBe(true);
    await byTestId('compare-open').click();
    const dialog = byTestId('compare-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);

    const arms = { a: [HUMANS[0]!, AI], b: [HUMANS[0]!, AI_STRICT] };
    for (const [arm, want] of Object.entries(arms)) {
      await dialog.locator(`[data-testid="compare-sample"][data-arm="${arm}"]`).selectOption(SAMPLE);
      const boxes = dialog.locator(`[data-testid="compare-coder"][data-arm="${arm}"]`);
      expect(await boxes.count()).toBeGreaterThanOrEqual(4);
      for (const box of await boxes.all()) {
        const name = (await box.getAttribute('data-name')) ?? '';
        if ((await box.isChecked()) !== want.includes(name)) await box.click();
      }
    }
    // the strict coder never coded the hold-out sample: the backend's refusal shows in the dialog
    const sampleB = dialog.locator('[data-testid="compare-sample"][data-arm="b"]');
    await sampleB.selectOption('Hold-out');
    await byTestId('compare-run').click();
    await expect.poll(() => byTestId('compare-error').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await byTestId('compare-error').textContent()).toMatch(/Hold-out/);
    await sampleB.selectOption(SAMPLE);
    await byTestId('compare-run').click();
    await expect.poll(() => byTestId('compare-result').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await dialog.locator('.form-error').count()).toBe(0);

    expect(await byTestId('compare-code').count()).toBe(38);
    const overall = await byTestId('compare-overall').allTextContents();
    expect(overall).toHaveLength(2);
    for (const v of overall) expect(v).toMatch(/^−?\d\.\d\d$/);
    const heads = dialog.getByTestId('compare-arm');
    const headA = (await heads.and(page.locator('[data-arm="a"]')).textContent()) ?? '';
    const headB = (await heads.and(page.locator('[data-arm="b"]')).textContent()) ?? '';
    expect(headA).toContain(HUMANS[0]);
    expect(headA).toContain(AI);
    expect(headA).not.toContain(AI_STRICT);
    expect(headB).toContain(HUMANS[0]);
    expect(headB).toContain(AI_STRICT);
    expect(headA).toMatch(/79 segments/);
    // sorted by the size of the change, largest first
    const diffs = (await byTestId('compare-code').evaluateAll((rows) =>
      rows.map((r) => r.querySelector('.cal-compare-diff')?.textContent ?? ''),
    )) as string[];
    const sizes = diffs.filter((d) => d !== '–').map((d) => Math.abs(Number(d.replace('−', '-'))));
    expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
    expect(sizes[0]).toBeGreaterThan(0);
    await shot('agreement-compare');
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
