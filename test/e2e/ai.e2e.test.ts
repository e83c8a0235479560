// The AI coding view end to end: a scripted OpenAI-compatible server on 127.0.0.1,
// `concord serve` on the demo study, headless Chromium driving the built renderer.
// An AI coder is configured through the UI (key, models, connection test, prompt
// preview), priced, estimated and run over the demo calibration sample with a budget
// that stops it, pause / resume, one segment that always gets an invalid answer
// (listed with its reason), and a retry that completes the job.
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
const API_KEY = 'sk-e2e-fake-key-0123456789abcdef';
const ROTATED_KEY = 'sk-e2e-rotated-key-fedcba9876543210';
const SAMPLE = 'Demo calibration';
const SAMPLE_SIZE = 79;
// from the n-th distinct segment the fake server sees on, the first that mentions
// families always gets an answer naming a code outside the codebook, until the test
// lets it through
const VICTIM_ORDINAL = 12;
const KEYWORDS = [/famil/i, /parent/i, /teacher/i, /language|translat/i, /trust/i, /call|phone/i];

let tmp: string;
let fake: FakeServer | null = null;
let server: Server | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];
const seen = new Set<string>();
let victim: string | null = null;
let failVictim = true;

// a loaded machine (several E2E suites, builds) is slow: wait generously, fail clearly
const until = <T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) =>
  expect.poll(fn, { timeout: 15_000, ...opts });
const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const byTestId = (id: string): Locator => page.getByTestId(id);
const jobStatus = () => byTestId('job-progress').getByTestId('job-status').getAttribute('data-status');
const doneCount = async () => Number((await byTestId('progress-done').textContent())?.split('/')[0]?.trim());

describe('AI coding in browser mode', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    await waitForFile(CHROMIUM, 240_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'concord-e2e-ai-'));

    const rules: KeywordRule[] = [];
    fake = await startFakeOpenAI({
      apiKey: API_KEY,
      models: ['fake-model', 'fake-model-large'],
      latencyMs: 120,
      rules,
      fault: ({ segment, codes }) => {
        // rules are made from the codebook's own code ids, as the first request names them
        if (rules.length === 0) {
          codes.forEach((code, i) => rules.push({ code, match: KEYWORDS[i % KEYWORDS.length]! }));
        }
        if (segment === null) return null;
        if (!seen.has(segment)) {
          seen.add(segment);
          // one that some rule matches, so its retry adds labels
          if (!victim && seen.size >= VICTIM_ORDINAL && KEYWORDS[0]!.test(segment)) victim = segment;
        }
        return failVictim && segment === victim ? 'wrong_code' : null;
      },
    });

    // the key comes from the UI only: none in the environment of the serve process
    const env: NodeJS.ProcessEnv = { ...process.env, CONCORD_HOME: join(tmp, 'home'), CONCORD_USER: 'e2e' };
    delete env.OPENAI_API_KEY;
    delete env.OPENAI_BASE_URL;
    const project = join(tmp, 'demo.concord');
    await runCli(['demo', project], env);
    server = await startServe(project, env);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
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

  it('opens the AI coding tab with no AI coders', async () => {
    await page.goto(server!.url);
    await until(() => byTestId('main-layout').isVisible(), { timeout: 20_000 }).toBe(true);
    await byTestId('view-tab-ai').click();
    await until(() => byTestId('ai-coders-empty').isVisible()).toBe(true);
    await until(() => byTestId('job-launcher').count()).toBe(0);
  });

  it('configures an AI coder: key, models, connection test, prompt preview', async () => {
    await byTestId('new-ai-coder').click();
    await until(() => byTestId('ai-coder-editor').isVisible()).toBe(true);
    await byTestId('coder-name').fill('Fake GPT');

    // a preset fills the base URL; then any compatible server
    await byTestId('preset-ollama').click();
    expect(await byTestId('base-url').inputValue()).toBe('http://127.0.0.1:11434/v1');
    await byTestId('base-url').fill(fake!.url);
    await until(() => byTestId('preset-custom').getAttribute('aria-checked')).toBe('true');
    await until(() => byTestId('key-status').textContent()).toContain('No key');

    // without the key the server refuses, and the UI says so
    await byTestId('model-input').fill('fake-model');
    await byTestId('test-connection').click();
    await until(() => byTestId('connection-result').textContent()).toContain('Connection failed');

    // the key is sent once and leaves no trace in the page
    await byTestId('key-input').fill(API_KEY);
    await byTestId('key-save').click();
    await until(() => byTestId('key-status').textContent()).toContain('Key stored');
    expect(await byTestId('key-input').inputValue()).toBe('');
    expect(await page.content()).not.toContain(API_KEY);

    await byTestId('list-models').click();
    await until(() => byTestId('model-picker').locator('option').count()).toBe(3);
    await byTestId('model-picker').selectOption('fake-model-large');
    expect(await byTestId('model-input').inputValue()).toBe('fake-model-large');
    await byTestId('model-picker').selectOption('fake-model');

    await byTestId('test-connection').click();
    const result = byTestId('connection-result');
    await until(() => result.textContent()).toContain('Connected');
    expect(await result.textContent()).toContain('“fake-model” is available');

    // the rendered system prompt: the codebook first, the codes to decide last
    await until(() => byTestId('preview-system').textContent()).toContain('Codes to decide');
    expect(await byTestId('preview-system').textContent()).toContain('Families as equal partners');
    await until(() => byTestId('preview-hash').isVisible()).toBe(true);
    await shot('ai-coder-editor');

    await byTestId('save-ai-coder').click();
    await until(() => byTestId('ai-coder-row').count()).toBe(1);
    const row = byTestId('ai-coder-row').first();
    expect(await row.textContent()).toContain('Fake GPT');
    expect(await row.textContent()).toContain('fake-model');
    expect(await row.getByTestId('ai-coder-labels').textContent()).toBe('0');
  });

  it('estimates the calibration sample and prices the model', async () => {
    await byTestId('selection-sample').check();
    // the demo's calibration sample is offered first
    expect(await byTestId('sample-name').inputValue()).toBe(SAMPLE);
    await until(() => byTestId('estimate-segments').textContent()).toBe(String(SAMPLE_SIZE));
    expect(Number((await byTestId('estimate-requests').textContent())?.replace(/,/g, ''))).toBe(SAMPLE_SIZE);
    await until(() => byTestId('estimate-unpriced').isVisible()).toBe(true);

    await byTestId('estimate-add-price').click();
    await until(() => byTestId('price-dialog').isVisible()).toBe(true);
    expect(await byTestId('new-price-model').inputValue()).toBe('fake-model');
    const seeded = await byTestId('price-row').count();
    await byTestId('new-price-input').fill('2.50');
    await byTestId('new-price-cached').fill('1.25');
    await byTestId('new-price-output').fill('10');
    await byTestId('add-price').click();
    await until(() => byTestId('price-row').count()).toBe(seeded + 1);
    expect(await page.getByLabel('Input $ per 1M tokens for fake-model', { exact: true }).inputValue()).toBe(
      '2.5',
    );
    await shot('price-dialog');
    await byTestId('close-prices').click();
    await until(() => byTestId('price-dialog').isVisible()).toBe(false);

    await until(() => byTestId('estimate-cost').isVisible()).toBe(true);
    expect(await byTestId('estimate-cost').textContent()).toMatch(/\$\d/);
  });

  it('runs a job: budget stop, raise, pause, resume, live progress', async () => {
    const cost = Number((await byTestId('estimate-cost').textContent())?.replace(/[^\d.]/g, ''));
    expect(cost).toBeGreaterThan(0);
    // a quarter of the estimate: the job stops at its budget part of the way through
    await byTestId('budget').fill((cost / 4).toFixed(4));
    await byTestId('concurrency').fill('2');
    await byTestId('start-job').click();
    await until(() => byTestId('confirm-job').isVisible()).toBe(true);
    await byTestId('confirm-start').click();

    await until(jobStatus, { timeout: 60_000 }).toBe('budget_exceeded');
    const callout = byTestId('job-callout');
    expect(await callout.getAttribute('data-tone')).toBe('warn');
    expect(await callout.textContent()).toContain('Budget reached');
    const stoppedAt = await doneCount();
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(SAMPLE_SIZE);

    await byTestId('raise-budget-input').fill('100');
    await byTestId('raise-budget').click();
    await until(jobStatus).toBe('running');
    await until(doneCount, { timeout: 30_000 }).toBeGreaterThan(stoppedAt + 5);
    await byTestId('job-pause').click();
    await until(jobStatus, { timeout: 30_000 }).toBe('paused');
    const pausedAt = await doneCount();
    // paused means paused: nothing moves
    await page.waitForTimeout(800);
    expect(await doneCount()).toBe(pausedAt);

    await byTestId('job-resume').click();
    await until(jobStatus).toBe('running');
    await until(doneCount, { timeout: 30_000 }).toBeGreaterThan(pausedAt + 3);
    // the resume keeps the concurrency the job was started with
    expect(Number(await byTestId('progress-inflight').textContent())).toBeLessThanOrEqual(2);
    expect(await byTestId('progress-cost').textContent()).toMatch(/\$\d/);
    await shot('job-progress');
  });

  it('lists the segment that kept failing, with its reason, and retries it', async () => {
    await until(jobStatus, { timeout: 90_000 }).toBe('failed');
    expect(victim).not.toBeNull();
    expect(await byTestId('progress-failed').textContent()).toBe('1');
    expect(await byTestId('job-callout').textContent()).toContain('1 segment failed');
    await until(() => byTestId('failure-row').count()).toBe(1);
    expect(await byTestId('failure-reason').textContent()).toBe('Codes outside the codebook');
    expect(await byTestId('failures-total').textContent()).toBe('1');
    expect(Number(await byTestId('progress-rejected').textContent())).toBeGreaterThan(1);
    const labelsBefore = Number(await byTestId('ai-coder-labels').textContent());
    expect(labelsBefore).toBeGreaterThan(0);
    await byTestId('job-failures').scrollIntoViewIfNeeded();
    await shot('job-failures');

    // the server answers properly now: the retry asks for that segment only
    failVictim = false;
    const completionsBefore = fake!.completions();
    await byTestId('job-resume').click();
    await until(jobStatus, { timeout: 30_000 }).toBe('completed');
    expect(fake!.completions() - completionsBefore).toBe(1);
    await until(() => byTestId('job-failures').count()).toBe(0);
    expect(await byTestId('progress-done').textContent()).toMatch(
      new RegExp(`^${SAMPLE_SIZE} / ${SAMPLE_SIZE}$`),
    );
    await until(async () => Number(await byTestId('ai-coder-labels').textContent())).toBeGreaterThan(
      labelsBefore,
    );
    expect(await byTestId('job-callout').textContent()).toContain('Completed');
    await until(() => byTestId('job-row').count()).toBe(1);

    // the same coder over the same sample has nothing left to do
    await until(() => byTestId('nothing-left').isVisible()).toBe(true);
    expect(await byTestId('start-job').isDisabled()).toBe(true);

    await page.evaluate(() => document.querySelector('.ai-view')?.scrollTo(0, 0));
    await shot('ai-coders');
  });

  it('stops at once on a rejected key and resumes after a new key is stored', async () => {
    // the provider rotates its key: every request now gets 401
    fake!.options.apiKey = ROTATED_KEY;
    await byTestId('selection-filter').check();
    await byTestId('filter-attr-role').selectOption('principal');
    await until(async () => Number(await byTestId('estimate-segments').textContent())).toBeGreaterThan(0);
    const toLabel = Number((await byTestId('estimate-segments').textContent())?.replace(/,/g, ''));
    await byTestId('budget').fill('');
    await byTestId('concurrency').fill('4');
    await byTestId('start-job').click();
    await byTestId('confirm-start').click();
    await until(() => byTestId('job-row').count()).toBe(2);
    await until(jobStatus, { timeout: 30_000 }).toBe('failed');
    const callout = byTestId('job-callout');
    expect(await callout.getAttribute('data-tone')).toBe('bad');
    expect(await callout.textContent()).toContain('The provider rejected the API key');
    expect(await byTestId('job-last-error').textContent()).toContain('401');
    expect(await byTestId('job-last-error').textContent()).not.toContain(ROTATED_KEY);
    // segments this coder labeled in the calibration run count as done; no new one got through
    const total = Number((await byTestId('progress-done').textContent())?.split('/')[1]?.replace(/,/g, ''));
    expect(await doneCount()).toBe(total - toLabel);
    await shot('job-auth-error');

    await byTestId('job-set-key').click();
    await until(() => byTestId('job-key-dialog').isVisible()).toBe(true);
    await byTestId('job-key-dialog').getByTestId('key-input').fill(ROTATED_KEY);
    await byTestId('job-key-dialog').getByTestId('key-save').click();
    await until(() => byTestId('job-key-dialog').getByTestId('key-status').textContent()).toContain(
      'Key stored',
    );
    await byTestId('job-key-dialog').getByRole('button', { name: 'Done' }).click();
    await byTestId('job-resume').click();
    await until(jobStatus, { timeout: 60_000 }).toBe('completed');

    expect(await page.content()).not.toContain(API_KEY);
    expect(await page.content()).not.toContain(ROTATED_KEY);
    expect(pageErrors).toEqual([]);
  });
});
