// Smoke test of the whole app in browser mode: the real CLI builds the demo study,
// `concord serve` runs the backend, headless Chromium drives the built renderer.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
const DEMO_DIR = join(ROOT, 'electron', 'backend', 'demo', 'study');

// A known line of the demo's Cedar Hollow interview, read from the file itself so the
// test follows the demo text.
const CEDAR_HOLLOW = readFileSync(join(DEMO_DIR, 'cedar-hollow-principal.txt'), 'utf8');
const KNOWN_PHRASE = 'Cedar Hollow is K–5, about 480 kids';

const NEW_INTERVIEW = `Interviewer: How do you welcome families who are new to the school?

Rosa Kim: Before the first day we visit every new family at home, or at the library if they prefer. We bring a photo book of the classroom so the kids recognise it.

Interviewer: What happens after that first visit?

Rosa Kim: Each family gets a buddy family who speaks their language. The buddies meet at drop-off for the first month, and honestly that is where most questions get answered.
`;

let tmp: string;
let server: Server | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const byTestId = (id: string): Locator => page.getByTestId(id);

describe('Concord in browser mode', () => {
  beforeAll(async () => {
    expect(CEDAR_HOLLOW).toContain(KNOWN_PHRASE);
    ensureRendererBuilt();
    await waitForFile(CHROMIUM, 240_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'concord-e2e-'));
    // recent projects and settings stay inside the temp folder
    const env = { ...process.env, CONCORD_HOME: join(tmp, 'home'), CONCORD_USER: 'e2e' };
    const project = join(tmp, 'demo.concord');
    await runCli(['demo', project], env);
    server = await startServe(project, env);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('opens with the project loaded, the token out of the address bar', async () => {
    await page.goto(server!.url);
    await expect.poll(() => byTestId('main-layout').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(page.url()).not.toContain('token=');
    await expect.poll(() => byTestId('demo-badge').isVisible()).toBe(true);
    expect(await byTestId('count-documents').textContent()).toBe('12 documents');
  });

  it('shows the start screen after closing the project and reopens from recent projects', async () => {
    await byTestId('close-project').click();
    await expect.poll(() => byTestId('start-screen').isVisible()).toBe(true);
    const recent = byTestId('recent-project');
    await expect.poll(() => recent.count()).toBeGreaterThan(0);
    expect(await recent.first().textContent()).toContain('demo.concord');
    await shot('start');

    // a wrong path reports the backend's message instead of failing silently
    await byTestId('open-path').fill(join(tmp, 'missing', 'nothing.concord'));
    await byTestId('open-project').click();
    await expect.poll(() => byTestId('notice-error').isVisible()).toBe(true);
    await byTestId('notice-error').getByRole('button', { name: 'Dismiss message' }).click();
    await expect.poll(() => byTestId('notice-error').count()).toBe(0);

    await recent.first().click();
    await expect.poll(() => byTestId('main-layout').isVisible()).toBe(true);
  });

  it('lists the twelve demo interviews and filters them by group', async () => {
    await expect.poll(() => byTestId('document-count').textContent()).toBe('12');
    await expect.poll(() => byTestId('document-row').count()).toBeGreaterThan(5);
    // every row shows its key attributes as tags
    expect(await byTestId('document-row').first().locator('.tag-group').count()).toBe(1);

    await byTestId('filter-group-partner').click();
    await expect.poll(() => byTestId('document-count').textContent()).toBe('6 of 12');
    const groups = await byTestId('document-row').locator('.tag-group').allTextContents();
    expect(groups.length).toBe(6);
    expect(new Set(groups)).toEqual(new Set(['partner']));

    // filters combine: partner principals
    await byTestId('filter-role-principal').click();
    await expect.poll(() => byTestId('document-count').textContent()).toMatch(/^\d of 12$/);
    const roles = await byTestId('document-row').locator('.tag-role').allTextContents();
    expect(roles.length).toBeGreaterThan(0);
    expect(new Set(roles)).toEqual(new Set(['principal']));

    await byTestId('clear-filters').click();
    await expect.poll(() => byTestId('document-count').textContent()).toBe('12');
  });

  it('reads a transcript as speaker turns, virtualized, with j/k focus', async () => {
    await byTestId('document-search').fill('cedar');
    await expect.poll(() => byTestId('document-count').textContent()).toBe('1 of 12');
    await byTestId('document-row').first().click();
    await expect.poll(() => byTestId('reader-title').textContent()).toBe('cedar-hollow-principal');

    const speakers = byTestId('segment-speaker');
    await expect.poll(() => speakers.first().textContent()).toBe('Interviewer');
    expect(await speakers.allTextContents()).toContain('Gary Lindqvist');
    await expect.poll(() => page.getByText(KNOWN_PHRASE, { exact: false }).count()).toBeGreaterThan(0);

    // attributes from the demo's metadata
    const attrs = await byTestId('attribute-summary').textContent();
    expect(attrs).toContain('Cedar Hollow Elementary');
    expect(attrs).toContain('partner');

    // only the visible part of the transcript is in the DOM
    const header = await byTestId('reader-header').textContent();
    const total = Number(/(\d+) segments/.exec(header ?? '')?.[1]);
    expect(total).toBeGreaterThan(20);
    expect(await byTestId('segment').count()).toBeLessThan(total);

    // j/k are plain keys: they act once focus has left the search box
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect
      .poll(() =>
        page.locator('[data-testid="segment"][aria-current="true"]').getAttribute('data-segment-index'),
      )
      .toBe('1');
    await page.keyboard.press('k');
    await expect
      .poll(() =>
        page.locator('[data-testid="segment"][aria-current="true"]').getAttribute('data-segment-index'),
      )
      .toBe('0');

    await byTestId('document-search').fill('');
    await expect.poll(() => byTestId('document-count').textContent()).toBe('12');
  });

  it('moves through the list with the keyboard and shows VTT timestamps', async () => {
    await byTestId('document-search').fill('harborview');
    await expect.poll(() => byTestId('document-count').textContent()).toBe('1 of 12');
    await byTestId('document-list').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId('reader-title').textContent()).toBe('harborview-teacher');
    await expect.poll(() => byTestId('segment-time').first().textContent()).toBe('00:03');
    await byTestId('document-search').fill('');
    await expect.poll(() => byTestId('document-count').textContent()).toBe('12');
    await shot('documents-reader');
  });

  it('imports a transcript and reports an empty file as an error', async () => {
    const good = join(tmp, 'new-interview.txt');
    const empty = join(tmp, 'empty-notes.txt');
    writeFileSync(good, NEW_INTERVIEW);
    writeFileSync(empty, '');

    await byTestId('open-import').click();
    await expect.poll(() => byTestId('import-dialog').isVisible()).toBe(true);
    await byTestId('import-files').setInputFiles([good, empty]);
    await expect.poll(() => byTestId('import-start').textContent()).toBe('Import 2 files');
    await byTestId('import-start').click();

    await expect.poll(() => byTestId('import-results').isVisible(), { timeout: 60_000 }).toBe(true);
    const imported = page.locator('[data-testid="import-result-row"][data-status="imported"]');
    expect(await imported.count()).toBe(1);
    expect(await imported.getAttribute('data-file')).toBe('new-interview.txt');
    expect(await imported.locator('[data-testid="imported-segments"]').textContent()).toBe('4 segments');

    const failed = page.locator('[data-testid="import-result-row"][data-status="error"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.getAttribute('data-file')).toBe('empty-notes.txt');
    expect(await failed.textContent()).toMatch(/empty/i);
    await shot('import-results');

    await byTestId('import-done').click();
    await expect.poll(() => byTestId('import-dialog').isVisible()).toBe(false);
    await expect.poll(() => byTestId('count-documents').textContent()).toBe('13 documents');
    await expect.poll(() => byTestId('document-count').textContent()).toBe('13');

    await byTestId('document-search').fill('new-interview');
    await expect.poll(() => byTestId('document-count').textContent()).toBe('1 of 13');
    const row = byTestId('document-row').first();
    expect(await row.locator('[data-testid="document-segments"]').textContent()).toBe('4 segments');
    await row.click();
    await expect.poll(() => byTestId('reader-title').textContent()).toBe('new-interview');
    await expect.poll(() => byTestId('segment').count()).toBe(4);
    expect(await byTestId('segment-speaker').allTextContents()).toEqual([
      'Interviewer',
      'Rosa Kim',
      'Interviewer',
      'Rosa Kim',
    ]);
    expect(await byTestId('segment-list').textContent()).toContain('buddy family who speaks their language');
  });

  it('edits attributes of a document', async () => {
    await byTestId('edit-attributes').click();
    await byTestId('attr-new-name').fill('group');
    await byTestId('attr-new-value').fill('bright');
    await byTestId('attr-save').click();
    await expect.poll(() => byTestId('attribute-summary').textContent()).toContain('bright');

    // an empty value is refused inline, not sent
    await byTestId('edit-attributes').click();
    await byTestId('attr-value-group').fill('');
    await byTestId('attr-save').click();
    await expect.poll(() => byTestId('attribute-error').textContent()).toMatch(/needs a value/);
    await byTestId('attr-remove-group').click();
    await byTestId('attr-save').click();
    await expect.poll(() => byTestId('attribute-editor').count()).toBe(0);
    expect(await page.getByText('No attributes yet', { exact: false }).count()).toBe(1);
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
