// Codebook editing and manual coding in browser mode: the real CLI builds the demo study,
// `concord serve` runs the backend, headless Chromium drives the built renderer with the
// keyboard as a coder would.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
const NEW_CODE = 'Shared goals with families';
const NEW_KEY = 'shared-goals-with-families';
const RENAMED = 'Shared goals set with families';

let tmp: string;
let server: Server | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];
/** the codebook version the new code was created in */
let createdIn = 0;

const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
const byTestId = (id: string): Locator => page.getByTestId(id);
const segment = (index: number) => page.locator(`[data-testid="segment"][data-segment-index="${index}"]`);
const chips = (index: number, coder?: string) =>
  segment(index).locator(
    coder ? `[data-testid="label-chip"][data-coder="${coder}"]` : '[data-testid="label-chip"]',
  );
const focusedIndex = () =>
  page.locator('[data-testid="segment"][aria-current="true"]').getAttribute('data-segment-index');
const viewedVersion = async () =>
  Number(/Version (\d+)/.exec((await byTestId('version-select').textContent()) ?? '')?.[1]);
const blur = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

/** Moves the reader's focus with j / k only. */
async function focusSegment(index: number): Promise<void> {
  await blur();
  for (let i = 0; i < 60; i++) {
    const at = Number(await focusedIndex());
    if (at === index) return;
    await page.keyboard.press(at < index ? 'j' : 'k');
    await expect.poll(focusedIndex).not.toBe(String(at));
  }
  throw new Error(`could not focus segment ${index}`);
}
/** the segment the second coder codes */
let benSegment = -1;

/** Calls the backend the way the page does (the token sits in sessionStorage). */
function rpc<T>(method: string, params: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, params }) => {
      const token = sessionStorage.getItem('concord.token') ?? '';
      const res = await fetch('/rpc', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ method, params }),
      });
      const body = (await res.json()) as { ok: boolean; result: unknown; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message ?? 'rpc failed');
      return body.result;
    },
    { method, params },
  ) as Promise<T>;
}

describe('Codebook and manual coding in browser mode', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    await waitForFile(CHROMIUM, 240_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'concord-coding-e2e-'));
    const env = { ...process.env, CONCORD_HOME: join(tmp, 'home'), CONCORD_USER: 'e2e' };
    const project = join(tmp, 'coding.concord');
    await runCli(['demo', project], env);
    server = await startServe(project, env);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // 1600 px: with every view's tab the top bar is wider than 1440 px for now, which would
    // push the coding panel off the screenshots
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.goto(server.url);
    await byTestId('main-layout').waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('creates a code in the codebook view, with validation and keyboard navigation', async () => {
    await byTestId('view-tab-codebook').click();
    await expect.poll(() => byTestId('code-row').count()).toBeGreaterThan(20);
    const before = await viewedVersion();

    // arrows move through the tree: → from a family goes to its first code, ← back to the family
    await page.locator('[data-testid="code-row"][data-code-key="leadership"]').click();
    await byTestId('code-tree').focus();
    await page.keyboard.press('ArrowRight');
    await expect
      .poll(() =>
        page.locator('[data-testid="code-row"][aria-selected="true"]').getAttribute('data-code-key'),
      )
      .toBe('leadership-vision');
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() =>
        page.locator('[data-testid="code-row"][aria-selected="true"]').getAttribute('data-code-key'),
      )
      .toBe('leadership');

    await byTestId('new-subcode').click();
    await expect.poll(() => byTestId('code-row-new').isVisible()).toBe(true);
    // a sibling's name is refused before anything is sent; an empty definition is only a warning
    await byTestId('code-name').fill('Vision for family engagement');
    await expect.poll(() => byTestId('error-code-name').textContent()).toMatch(/already has/);
    expect(await byTestId('code-save').isDisabled()).toBe(true);
    await byTestId('code-name').fill(NEW_CODE);
    await expect.poll(() => page.locator('[data-testid^="warning-"]').count()).toBe(1);
    await byTestId('code-definition').fill(
      'The principal and families set goals for the school together and report back on them.',
    );
    await byTestId('examples-positive-add').click();
    await page
      .getByLabel('Positive examples 1', { exact: true })
      .fill('We wrote the three goals for this year with the parent council.');
    await page.keyboard.press('Control+s');

    const row = page.locator(`[data-testid="code-row"][data-code-key="${NEW_KEY}"]`);
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.getAttribute('aria-selected')).toBe('true');
    createdIn = await viewedVersion();
    // the demo's version 1 is frozen (its labels refer to it), so the edit made a new version
    expect(createdIn).toBeGreaterThanOrEqual(before);
    expect(await byTestId('code-form').textContent()).toContain('All changes saved');
    await shot('codebook');
  });

  it('codes three segments with the keyboard only', async () => {
    await byTestId('view-tab-documents').click();
    await byTestId('document-search').fill('cedar');
    await expect.poll(() => byTestId('document-count').textContent()).toBe('1 of 12');
    await byTestId('document-search').press('Enter');
    await expect.poll(() => byTestId('reader-title').textContent()).toBe('cedar-hollow-principal');
    await expect.poll(() => byTestId('coding-panel').isVisible()).toBe(true);

    // a new coder, inline
    await byTestId('new-coder').click();
    await byTestId('new-coder-name').fill('Ana');
    await byTestId('new-coder-name').press('Enter');
    await expect.poll(() => byTestId('coder-select').locator('option:checked').textContent()).toBe('Ana');
    await expect.poll(() => byTestId('code-option').count()).toBeGreaterThan(30);
    const first = await page
      .locator('[data-testid="code-option"]:has(.code-option-key:text-is("1"))')
      .getAttribute('data-code-key');
    const third = await page
      .locator('[data-testid="code-option"]:has(.code-option-key:text-is("3"))')
      .getAttribute('data-code-key');

    await blur();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(focusedIndex).toBe('1');
    await page.keyboard.press('1');
    await expect.poll(() => chips(1, 'Ana').count()).toBe(1);
    expect(await chips(1, 'Ana').getAttribute('data-code-key')).toBe(first);
    await expect.poll(() => byTestId('coding-toast').textContent()).toMatch(/Applied .* to segment 2/);

    // type to search: c focuses the box, Enter applies the top match and returns to the transcript
    await page.keyboard.press('j');
    await page.keyboard.press('c');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('code-search');
    await page.keyboard.type('shared goals');
    await expect
      .poll(() => page.locator('.code-option.is-highlighted').getAttribute('data-code-key'))
      .toBe(NEW_KEY);
    await page.keyboard.press('Enter');
    await expect.poll(() => chips(2, 'Ana').getAttribute('data-code-key')).toBe(NEW_KEY);

    await page.keyboard.press('j');
    await expect.poll(focusedIndex).toBe('3');
    await page.keyboard.press('3');
    await expect.poll(() => chips(3, 'Ana').count()).toBe(1);
    expect(await chips(3, 'Ana').getAttribute('data-code-key')).toBe(third);
    // every label reached the backend
    const coders = await rpc<{ name: string; labels: number }[]>('coders.list', {});
    await expect
      .poll(
        async () =>
          (await rpc<{ name: string; labels: number }[]>('coders.list', {})).find((c) => c.name === 'Ana')
            ?.labels,
      )
      .toBe(3);
    expect(coders.some((c) => c.name === 'Ana')).toBe(true);
  });

  it('stores a selected passage as an evidence span with document offsets, and a memo', async () => {
    const seg = segment(3);
    const text = (await seg.locator('[data-segment-text]').textContent()) ?? '';
    const phrase = text.split(/(?<=[.?!])\s+/)[1] ?? text.slice(10, 60);
    expect(phrase.length).toBeGreaterThan(5);
    await page.evaluate(
      ({ phrase }) => {
        const el = document.querySelector(
          '[data-testid="segment"][data-segment-index="3"] [data-segment-text]',
        )!;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const node = walker.nextNode()!;
        const at = node.textContent!.indexOf(phrase);
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + phrase.length);
        getSelection()!.removeAllRanges();
        getSelection()!.addRange(range);
        el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      },
      { phrase },
    );
    await expect.poll(() => byTestId('pending-passage').textContent()).toContain(phrase.slice(0, 20));
    await page
      .locator('[data-testid="code-option"][data-code-key="barriers-cultural-differences"] .code-option-main')
      .click();

    const spanChip = seg.locator(
      '[data-testid="label-chip"][data-coder="Ana"][data-code-key="barriers-cultural-differences"]',
    );
    await expect.poll(() => spanChip.getAttribute('data-span')).toMatch(/^\d+-\d+$/);
    expect(await seg.locator('[data-testid="evidence-span"]').first().textContent()).toBe(phrase);

    // the stored offsets point at the same characters of the document text
    const docs = await rpc<{ id: number; name: string }[]>('documents.list', { search: 'cedar' });
    const { text: docText } = await rpc<{ text: string }>('documents.text', { id: docs[0]!.id });
    const [start, end] = (await spanChip.getAttribute('data-span'))!.split('-').map(Number);
    expect(docText.slice(start, end)).toBe(phrase);

    await spanChip.locator('.label-chip-main').click();
    await expect.poll(() => byTestId('memo-popover').isVisible()).toBe(true);
    await byTestId('memo-input').fill('Staff turnover framed as a gap between staff and newer families.');
    await byTestId('memo-save').click();
    await expect.poll(() => spanChip.locator('[data-testid="memo-flag"]').count()).toBe(1);
  });

  it('filters the transcript to the segments with a code', async () => {
    await page
      .locator(`[data-testid="code-option"][data-code-key="${NEW_KEY}"] [data-testid="code-filter"]`)
      .click();
    await expect.poll(() => byTestId('code-filter-bar').textContent()).toContain('1 segment');
    await expect.poll(() => byTestId('segment').count()).toBe(1);
    expect(await segment(2).isVisible()).toBe(true);
    await byTestId('clear-code-filter').click();
    await expect.poll(() => byTestId('segment').count()).toBeGreaterThan(5);
  });

  it('switches coder, and blind mode hides the first coder’s labels', async () => {
    await byTestId('new-coder').click();
    await byTestId('new-coder-name').fill('Ben');
    await byTestId('new-coder-name').press('Enter');
    await expect.poll(() => byTestId('coder-select').locator('option:checked').textContent()).toBe('Ben');

    // not blind: Ana's labels show, marked as hers
    await expect.poll(() => chips(1, 'Ana').count()).toBe(1);
    expect(await chips(1, 'Ana').locator('.label-chip-coder').textContent()).toBe('AN');

    benSegment = 5;
    await focusSegment(benSegment);
    await page.keyboard.press('2');
    await expect.poll(() => chips(benSegment, 'Ben').count()).toBe(1);

    await byTestId('blind-toggle').check();
    await expect.poll(() => page.locator('[data-testid="label-chip"][data-coder="Ana"]').count()).toBe(0);
    await expect.poll(() => chips(benSegment, 'Ben').count()).toBe(1);
    expect(await page.locator('[data-testid="label-chip"]:not([data-coder="Ben"])').count()).toBe(0);

    await byTestId('blind-toggle').uncheck();
    await expect.poll(() => chips(1, 'Ana').count()).toBe(1);
    await expect.poll(() => chips(3, 'Ana').count()).toBe(2);
  });

  it('undoes and redoes the last coding action', async () => {
    await blur();
    await page.keyboard.press('Control+z');
    await expect.poll(() => chips(benSegment, 'Ben').count()).toBe(0);
    await expect.poll(() => byTestId('coding-toast').textContent()).toMatch(/Undone/);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => chips(benSegment, 'Ben').count()).toBe(1);
    // the toast's button does the same
    await byTestId('coding-toast').getByRole('button', { name: /Undo/ }).click();
    await expect.poll(() => chips(benSegment, 'Ben').count()).toBe(0);

    // gone on the backend too: a fresh fetch (blind on and off) does not bring it back
    await byTestId('blind-toggle').check();
    await byTestId('blind-toggle').uncheck();
    await expect.poll(() => chips(1, 'Ana').count()).toBe(1);
    expect(await chips(benSegment, 'Ben').count()).toBe(0);

    // the screenshot: Ana's view with her codes, the passage and other coders' labels
    await byTestId('coder-select').selectOption({ label: 'Ana' });
    await focusSegment(3);
    await expect.poll(() => byTestId('focused-label').count()).toBeGreaterThan(1);
    await shot('coding');
  });

  it('editing a code after coding creates a new version, and the diff lists the code', async () => {
    await byTestId('view-tab-codebook').click();
    // labels now refer to the version the code was created in, so it is frozen
    await expect
      .poll(() => byTestId('frozen-notice').textContent())
      .toContain(`Version ${createdIn} is frozen`);
    await page.locator(`[data-testid="code-row"][data-code-key="${NEW_KEY}"]`).click();
    await byTestId('code-name').fill(RENAMED);
    await byTestId('code-definition').fill(
      'The principal and families agree on goals for the school and report back on progress together.',
    );
    await page.getByRole('radio', { name: '#B88A00' }).click();
    await expect
      .poll(() => byTestId('saves-as').textContent())
      .toBe(`Saving creates version ${createdIn + 1}`);
    await byTestId('code-save').click();
    await expect.poll(viewedVersion).toBe(createdIn + 1);
    await expect
      .poll(() => page.locator(`[data-testid="code-row"][data-code-key="${NEW_KEY}"]`).textContent())
      .toContain(RENAMED);
    // the new version is a draft until labels refer to it: a keyboard reorder changes it in place
    await page.locator('[data-testid="code-row"][data-code-key="leadership-expectations"]').click();
    await byTestId('code-tree').focus();
    await page.keyboard.press('Alt+ArrowDown');
    const order = () =>
      page
        .locator('[data-testid="code-row"]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code-key')));
    await expect
      .poll(async () => {
        const keys = await order();
        return (
          keys.indexOf('leadership-expectations') > keys.indexOf('leadership-infrastructure-accountability')
        );
      })
      .toBe(true);
    expect(await viewedVersion()).toBe(createdIn + 1);

    await byTestId('show-changes').click();
    await expect.poll(() => byTestId('diff-dialog').isVisible()).toBe(true);
    const group = page.locator(
      `[data-testid="diff-list"] [data-testid="change-group"][data-code-key="${NEW_KEY}"]`,
    );
    const kind = (k: string) => group.locator(`[data-testid="change-row"][data-kind="${k}"]`);
    await expect.poll(() => kind('renamed').textContent()).toContain(RENAMED);
    expect(await kind('renamed').textContent()).toContain(NEW_CODE);
    expect(await kind('redefined').textContent()).toContain('agree on goals');
    expect(await kind('recolored').textContent()).toContain('#B88A00');
    await shot('diff');

    // against the demo's own version the code is new
    await byTestId('diff-from').selectOption('1');
    await expect.poll(() => kind('added').count()).toBe(1);
    expect(await group.textContent()).toContain(RENAMED);

    // the version's change log also has the reorder, which a comparison of the codes does not show
    await byTestId('tab-log').click();
    await expect.poll(() => byTestId('change-log').textContent()).toContain(RENAMED);
    const moved = byTestId('change-log').locator('[data-code-key="leadership-expectations"]');
    expect(await moved.locator('[data-kind="moved"]').count()).toBe(1);
    expect(await moved.textContent()).toContain('Clear expectations');
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId('diff-dialog').isVisible()).toBe(false);
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
