// The review view end to end: after an AI job on the demo calibration sample (scripted
// OpenAI-compatible server), twenty items are reviewed by keyboard only (a / r / j), one
// decision is undone, and the dashboard's figures follow.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABEL_EVENT_COLUMNS } from '../../electron/backend/audit/labelEvents';
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
const API_KEY = 'sk-e2e-fake-key-review';
const KEYWORDS = [/famil/i, /parent/i, /teacher/i, /language|translat/i, /trust/i, /call|phone/i];

let tmp: string;
let fake: FakeServer | null = null;
let server: Server | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const byTestId = (id: string): Locator => page.getByTestId(id);
const currentItem = () => byTestId('review-item').getAttribute('data-item-id');
const sessionDecisions = async () => Number(await byTestId('session-decisions').textContent());

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

describe('Review in browser mode', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    await waitForFile(CHROMIUM, 240_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'concord-e2e-review-'));
    const rules: KeywordRule[] = [];
    fake = await startFakeOpenAI({
      apiKey: API_KEY,
      models: ['fake-model'],
      latencyMs: 5,
      rules,
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
    page = await browser.newPage({ viewport: { width: 1440, height: 960 }, acceptDownloads: true });
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

  it('runs an AI coder on the demo calibration sample', async () => {
    await page.goto(server!.url);
    await expect.poll(() => byTestId('main-layout').isVisible(), { timeout: 20_000 }).toBe(true);
    const versions = await rpc<{ version: number; active: boolean }[]>('codebook.versions', {});
    const version = (versions.find((v) => v.active) ?? versions.at(-1))!.version;
    const coder = await rpc<{ id: number }>('ai.coders.create', {
      name: 'Fake GPT',
      config: {
        provider: { kind: 'compatible', baseURL: fake!.url },
        model: 'fake-model',
        codebookVersion: version,
      },
    });
    let job = await rpc<{ id: number; status: string }>('jobs.start', {
      coderId: coder.id,
      selection: { kind: 'sample', name: 'Demo calibration' },
    });
    const until = Date.now() + 90_000;
    while (['queued', 'running'].includes(job.status) && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
      job = await rpc('jobs.get', { jobId: job.id });
    }
    expect(job.status).toBe('completed');
  });

  it('reviews twenty items by keyboard only and undoes one', async () => {
    await byTestId('view-tab-review').click();
    await expect.poll(() => byTestId('review-item').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => byTestId('review-segment').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

    // the code's definition is one key away
    await page.keyboard.press('d');
    await expect.poll(() => byTestId('review-definition').isVisible()).toBe(true);
    await page.keyboard.press('d');
    await expect.poll(() => byTestId('review-definition').count()).toBe(0);

    const decided: string[] = [];
    for (let i = 0; i < 20; i++) {
      if (i === 7) {
        // skip one with j, come back with k, and skip it again
        const before = await currentItem();
        await page.keyboard.press('j');
        await expect.poll(currentItem).not.toBe(before);
        await page.keyboard.press('k');
        await expect.poll(currentItem).toBe(before);
        await page.keyboard.press('j');
        await expect.poll(currentItem).not.toBe(before);
      }
      const id = (await currentItem())!;
      await page.keyboard.press(i % 4 === 3 ? 'r' : 'a');
      await expect.poll(currentItem).not.toBe(id);
      decided.push(id);
    }
    await expect.poll(sessionDecisions).toBe(20);
    const states = await page
      .locator('[data-testid="queue-row"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-state')));
    expect(states.filter((s) => s === 'accepted').length).toBe(15);
    expect(states.filter((s) => s === 'rejected').length).toBe(5);

    // undo: the last decision goes back to pending, and its item is shown again
    await page.keyboard.press('u');
    await expect.poll(sessionDecisions).toBe(19);
    await expect.poll(currentItem).toBe(decided.at(-1));
    await expect.poll(() => byTestId('review-item').getAttribute('data-state')).toBe('pending');
    await expect.poll(() => byTestId('review-progress').textContent()).toMatch(/items\/hour/);
    await expect.poll(() => byTestId('review-progress').textContent()).toContain('19 of');
    await shot('review');
  });

  it('shows the decisions on the dashboard', async () => {
    await byTestId('review-tab-dashboard').click();
    await expect.poll(() => byTestId('review-dashboard').isVisible()).toBe(true);
    await expect.poll(() => byTestId('dash-decided').textContent()).toBe('19');
    expect(await byTestId('dash-coverage').textContent()).toMatch(/^19 \/ \d+$/);
    expect(await byTestId('dash-reviewers').textContent()).toContain('Reviewer');
    await shot('review-dashboard');

    // a decision made meanwhile shows up when the queue comes back
    await byTestId('review-tab-risk').click();
    await expect.poll(() => byTestId('review-segment').isVisible(), { timeout: 20_000 }).toBe(true);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('a');
    await expect.poll(sessionDecisions).toBe(20);
    await byTestId('review-tab-dashboard').click();
    await expect.poll(() => byTestId('dash-decided').textContent()).toBe('20');
  });

  it('shows the audit trail of a decided item and exports the label history', async () => {
    await byTestId('review-tab-risk').click();
    await expect.poll(() => byTestId('review-segment').isVisible(), { timeout: 20_000 }).toBe(true);
    // an item accepted earlier: its audit carries the AI's answer and a review decision
    await page.locator('[data-testid="queue-row"][data-state="accepted"]').first().click();
    await expect.poll(() => byTestId('review-item').getAttribute('data-state')).toBe('accepted');
    await expect.poll(() => byTestId('review-segment').isVisible(), { timeout: 20_000 }).toBe(true);
    const rationale = (await byTestId('review-rationale').textContent())!.trim();
    expect(rationale.length).toBeGreaterThan(0);

    await byTestId('audit-open').click();
    await expect.poll(() => byTestId('audit-dialog').isVisible()).toBe(true);
    await expect.poll(() => byTestId('audit-model').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await byTestId('audit-model').textContent()).toContain('fake-model');
    expect(await byTestId('audit-coder').textContent()).toBe('Fake GPT');
    expect((await byTestId('audit-rationale').textContent())!.trim()).toBe(rationale);
    const decisions = byTestId('audit-decision');
    expect(await decisions.count()).toBeGreaterThanOrEqual(1);
    expect(await decisions.last().getAttribute('data-action')).toBe('accept');
    expect(await decisions.last().textContent()).toContain('Accepted');
    await shot('review-audit');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId('audit-dialog').isVisible()).toBe(false);

    await byTestId('review-tab-dashboard').click();
    await expect.poll(() => byTestId('review-dashboard').isVisible()).toBe(true);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      byTestId('history-export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toBe('concord-label-history.csv');
    const lines = readFileSync(await download.path(), 'utf8').split('\r\n');
    expect(lines[0]).toBe(LABEL_EVENT_COLUMNS.join(','));
    // the AI's labels and at least the 20 review decisions and the undo follow the header
    expect(lines.filter((l) => l.length > 0).length).toBeGreaterThan(22);
    await expect
      .poll(() => byTestId('notice-info').last().textContent())
      .toMatch(/Exported [\d,]+ history rows/);
  });

  it("opens a code's audit from the dashboard", async () => {
    await byTestId('dash-code-audit').first().click();
    await expect.poll(() => byTestId('code-audit-dialog').isVisible()).toBe(true);
    await expect.poll(() => byTestId('code-audit-config').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await byTestId('code-audit-config').first().textContent()).toContain('fake-model');
    await shot('review-code-audit');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId('code-audit-dialog').isVisible()).toBe(false);
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
