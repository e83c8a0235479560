// The Compare view in browser mode: the demo study's bright-spot vs partner comparison
// as a table, at the school level, exported as CSV and PNG, with the excerpts behind a
// bar of the effect chart and a cell of the heatmap.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Download, type Locator, type Page } from 'playwright-core';
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
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// the demo's partner schools run family committees; its bright-spot schools do not
const PARTNER_CODE = 'interaction-types-family-groups-committees';

let tmp: string;
let server: Server | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

const byTestId = (id: string): Locator => page.getByTestId(id);

/** Takes a screenshot without the pointer's hover state or the export confirmations on top. */
async function shot(name: string, target?: Locator): Promise<void> {
  await page.mouse.move(0, 0);
  const notices = page.locator('.notice .icon-button');
  while ((await notices.count()) > 0) await notices.first().click();
  await (target ?? page).screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}
const row = (code: string): Locator => page.locator(`[data-testid="compare-row"][data-code="${code}"]`);

/** Runs an export from the menu and returns the downloaded file. */
async function exportFile(item: string): Promise<{ download: Download; bytes: Buffer }> {
  await byTestId('export-menu').click();
  const [download] = await Promise.all([page.waitForEvent('download'), byTestId(`export-${item}`).click()]);
  const path = await download.path();
  return { download, bytes: readFileSync(path) };
}

/** RFC 4180 fields of one CSV line (the exports quote names with commas). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      out.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  out.push(field);
  return out;
}

describe('Compare view (browser mode)', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    await waitForFile(CHROMIUM, 240_000);
    mkdirSync(SCREENSHOTS, { recursive: true });
    tmp = mkdtempSync(join(tmpdir(), 'concord-e2e-compare-'));
    const env = { ...process.env, CONCORD_HOME: join(tmp, 'home'), CONCORD_USER: 'e2e' };
    const project = join(tmp, 'demo.concord');
    await runCli(['demo', project], env);
    server = await startServe(project, env);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true });
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

  it('opens the comparison of the demo study: every code with counts for bright and partner', async () => {
    await page.goto(server!.url);
    await expect.poll(() => byTestId('main-layout').isVisible(), { timeout: 20_000 }).toBe(true);
    await byTestId('view-tab-compare').click();
    await expect.poll(() => byTestId('compare-row').count(), { timeout: 20_000 }).toBe(38);

    // bright vs partner at the interview level by default, with the reason for that default
    expect(await byTestId('compare-by').inputValue()).toBe('group');
    expect(await byTestId('compare-level-document').getAttribute('aria-checked')).toBe('true');
    expect(await byTestId('compare-level-note').textContent()).toMatch(/not independent/);
    expect(await byTestId('group-card-a').textContent()).toContain('Bright');
    expect(await byTestId('group-card-b').textContent()).toContain('Partner');
    const head = await byTestId('compare-table').locator('thead').textContent();
    expect(head).toContain('Bright');
    expect(head).toContain('Partner');

    // counts of interviews with the code, out of the six per group
    expect(await row(PARTNER_CODE).getByTestId('count-a').textContent()).toContain('0/6');
    expect(await row(PARTNER_CODE).getByTestId('count-b').textContent()).toContain('6/6');
    expect(await row('mindsets-equal-partners').getByTestId('count-a').textContent()).toContain('6/6');
    // family rows come before their subcodes
    const codes = await byTestId('compare-row').evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-code')),
    );
    expect(codes.indexOf('interaction-types')).toBeLessThan(codes.indexOf(PARTNER_CODE));
    // ungrouped, p-values sort ascending on request: the committees code comes first
    await page.getByLabel('Group by family').uncheck();
    await byTestId('sort-p').click();
    await expect.poll(() => byTestId('compare-row').first().getAttribute('data-code')).toBe(PARTNER_CODE);
    await page.getByLabel('Group by family').check();
    await page.getByRole('button', { name: 'Codebook order' }).click();
    await expect.poll(() => byTestId('compare-row').first().getAttribute('data-code')).toBe('mindsets');
  });

  it('switches the unit to schools', async () => {
    await byTestId('compare-level-school').click();
    await expect.poll(() => row(PARTNER_CODE).getByTestId('count-b').textContent()).toContain('5/5');
    expect(await row(PARTNER_CODE).getByTestId('count-a').textContent()).toContain('0/5');
    expect(await byTestId('compare-level-school').getAttribute('aria-checked')).toBe('true');
    expect(await byTestId('compare-level-note').textContent()).toMatch(/School level/);
    await shot('compare');
  });

  it('exports the comparison table as CSV', async () => {
    const { download, bytes } = await exportFile('comparison');
    expect(download.suggestedFilename()).toMatch(/-comparison\.csv$/);
    const lines = bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const header = csvFields(lines[0]!);
    for (const column of [
      'level',
      'code',
      'code_id',
      'a',
      'b',
      'count_a',
      'total_a',
      'count_b',
      'total_b',
      'p_value',
      'q_value',
    ])
      expect(header).toContain(column);
    expect(lines.length).toBe(1 + 38);
    const rows = lines.slice(1).map((l) => Object.fromEntries(csvFields(l).map((v, i) => [header[i], v])));
    const committees = rows.find((r) => r.code_id === PARTNER_CODE)!;
    expect(committees).toMatchObject({
      level: 'school',
      a: 'bright',
      b: 'partner',
      count_a: '0',
      total_a: '5',
    });
    expect(committees.count_b).toBe('5');
    expect(new Set(rows.map((r) => r.level))).toEqual(new Set(['school']));
  });

  it('writes the methods paragraph for the comparison on screen', async () => {
    await byTestId('export-menu').click();
    await byTestId('open-methods').click();
    await expect.poll(() => byTestId('methods-text').textContent()).toContain('12 interview transcripts');
    expect(await byTestId('methods-text').textContent()).toMatch(/Fisher/);
    await byTestId('methods-dialog').getByRole('button', { name: 'Close', exact: true }).click();
    await expect.poll(() => byTestId('methods-dialog').isVisible()).toBe(false);
  });

  it('exports the effect chart as PNG and SVG', async () => {
    await byTestId('compare-tab-chart').click();
    await expect.poll(() => byTestId('effect-panel').count()).toBe(7);
    await page.setViewportSize({ width: 1440, height: 2400 });
    await shot('compare-chart', byTestId('effect-chart'));
    await page.setViewportSize({ width: 1440, height: 1000 });

    const png = await exportFile('effects-png');
    expect(png.download.suggestedFilename()).toMatch(/effects-group-school\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.bytes.length).toBeGreaterThan(30_000);
    // drawn at 2×: the IHDR width is twice the figure's
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThanOrEqual(1800);
    await png.download.saveAs(join(SCREENSHOTS, 'compare-chart-export.png'));

    const svg = await exportFile('effects-svg');
    const text = svg.bytes.toString('utf8');
    expect(text.startsWith('<?xml')).toBe(true);
    expect(text).toContain('Codes mentioned more often at Bright vs Partner');
    expect(text).toContain('Family groups and committees');
  });

  it('opens the excerpts behind a bar', async () => {
    await page.locator(`.cmp-row-target rect[data-code="${PARTNER_CODE}"]`).click();
    await expect.poll(() => byTestId('excerpts-drawer').isVisible()).toBe(true);
    expect(await byTestId('excerpts-code').textContent()).toBe('Family groups and committees');
    // the bar points to partner: the drawer opens on that side
    expect(await byTestId('excerpts-group-b').getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => byTestId('excerpt').count()).toBeGreaterThan(0);
    const first = byTestId('excerpt').first();
    expect((await first.locator('.cmp-excerpt-text').textContent())!.length).toBeGreaterThan(20);
    expect(await first.locator('.tag-group').textContent()).toBe('partner');
    await shot('excerpts');

    // the other group has no segment with this code
    await byTestId('excerpts-group-a').click();
    await expect.poll(() => page.getByText('No coded segments here.').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => byTestId('excerpts-drawer').count()).toBe(0);
  });

  it('shows codes × schools as a heatmap whose cells open their excerpts', async () => {
    await byTestId('compare-tab-heatmap').click();
    const cells = page.locator('[data-testid="heatmap-plot"] rect[data-school]');
    await expect.poll(() => cells.count()).toBe(38 * 10);
    // the figure is taller than the window: a tall viewport keeps it in one picture
    await page.setViewportSize({ width: 1440, height: 1500 });
    await shot('compare-heatmap', byTestId('school-heatmap'));
    await page.setViewportSize({ width: 1440, height: 1000 });

    const cell = page
      .locator(`[data-testid="heatmap-plot"] rect[data-code="${PARTNER_CODE}"]:not([aria-label*=": 0 of"])`)
      .first();
    const school = await cell.getAttribute('data-school');
    await cell.click();
    await expect.poll(() => byTestId('excerpts-drawer').textContent()).toContain(`at ${school}`);
    await expect.poll(() => byTestId('excerpt').count()).toBeGreaterThan(0);
    for (const text of await byTestId('excerpt').locator('.cmp-excerpt-meta').allTextContents())
      expect(text).toContain(school!);
  });

  it('breaks the comparison down by role and compares each role with the rest', async () => {
    await byTestId('compare-tab-table').click();
    await byTestId('compare-level-document').click();
    await byTestId('compare-breakdown').selectOption('role');
    const breakdown = byTestId('compare-breakdown-table');
    await expect.poll(() => breakdown.isVisible()).toBe(true);
    const strata = await breakdown.locator('.cmp-stratum-head').allTextContents();
    expect(strata.map((t) => t.replace(/n =.*/, ''))).toEqual(['family', 'principal', 'teacher']);
    await page.setViewportSize({ width: 1440, height: 1600 });
    await breakdown.scrollIntoViewIfNeeded();
    await shot('compare-breakdown', breakdown);
    await page.setViewportSize({ width: 1440, height: 1000 });

    // role has three values: each against the rest, one tab per role
    await byTestId('compare-by').selectOption('role');
    await expect.poll(() => page.locator('.cmp-values [role="tab"]').count()).toBe(3);
    await expect.poll(() => byTestId('group-card-b').textContent()).toContain('Not family');
    await page.locator('.cmp-values [role="tab"]').nth(2).click();
    await expect.poll(() => byTestId('group-card-a').textContent()).toContain('Teacher');
    expect(await byTestId('compare-row').count()).toBe(38);

    await byTestId('compare-by').selectOption('group');
    await expect.poll(() => byTestId('group-card-a').textContent()).toContain('Bright');
  });

  it('raised no uncaught errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
