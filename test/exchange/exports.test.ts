import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { exportProjectFile } from '../../electron/backend/exports/exportFile';
import { methodsParagraph } from '../../electron/backend/exports/methodsParagraph';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { Session } from '../../electron/backend/session';
import { useTmpDir } from '../helpers/tmp';
import { createSmallStudy, type SmallStudy } from '../compare-backend/smallStudy';
import { fixtureQdpx } from './archives';

const tmp = useTmpDir();
let study: SmallStudy | null = null;
afterEach(() => {
  study?.project.close();
  study = null;
});
const open = () => (study = createSmallStudy(tmp()));
const csvRows = (bytes: Buffer) => parse(bytes.toString('utf8')) as string[][];

describe('exports', () => {
  it('csv: one row per applied label, with the exact header', async () => {
    const s = open();
    const file = await exportProjectFile(s.project, 'csv');
    const [header, ...rows] = csvRows(file.bytes);
    expect(header).toEqual([
      'document',
      'segment_id',
      'segment_index',
      'speaker',
      'coder',
      'code',
      'source',
      'reviewed',
      'confidence',
      'code_id',
    ]);
    expect(rows).toHaveLength(s.project.db.prepare('SELECT count(*) FROM labels').pluck().get() as number);
    expect(rows).toContainEqual([
      'd3',
      'seg-d3-1',
      '1',
      'Guest',
      'gpt-test',
      'Outreach',
      'ai',
      '0',
      '0.8',
      'outreach',
    ]);
    expect(rows).toContainEqual([
      'd1',
      'seg-d1-0',
      '0',
      'Interviewer',
      'ben',
      'Home visits',
      'human',
      '0',
      '',
      'home-visits',
    ]);
    expect(file.bytes.toString('utf8')).toMatch(/^document,segment_id,/); // no BOM
  });

  it('matrix: 0/1 per code, one row per segment and coder who coded it', async () => {
    const s = open();
    const [header, ...rows] = csvRows((await exportProjectFile(s.project, 'matrix')).bytes);
    expect(header).toEqual([
      'document',
      'segment_id',
      'coder',
      'Outreach',
      'Home visits',
      'Barriers',
      'Never used',
      'Strong',
    ]);
    // ana finished all 24 segments; ben and the AI coder have labels on two each
    expect(rows).toHaveLength(24 + 2 + 2);
    expect(rows).toContainEqual(['d1', 'seg-d1-0', 'ana', '1', '0', '0', '0', '1']);
    expect(rows).toContainEqual(['d1', 'seg-d1-0', 'ben', '1', '1', '0', '0', '0']);
    expect(rows).toContainEqual(['d6', 'seg-d6-3', 'ana', '0', '0', '0', '0', '0']);
  });

  it('comparison CSV and a formatted XLSX workbook', async () => {
    const s = open();
    const [header, ...rows] = csvRows(
      (await exportProjectFile(s.project, 'comparison', { by: 'group', breakdowns: ['role'] })).bytes,
    );
    expect(header!.slice(0, 6)).toEqual(['breakdown', 'stratum', 'level', 'code', 'code_id', 'parent_id']);
    expect(rows.filter((r) => r[0] === '')).toHaveLength(5);
    expect(rows.filter((r) => r[0] === 'role')).toHaveLength(10);

    const xlsx = await exportProjectFile(s.project, 'xlsx', { level: 'school' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Comparison', 'Labels', 'Methods']);
    const cmp = wb.getWorksheet('Comparison')!;
    expect(String(cmp.getCell('A1').value)).toMatch(/"bright" vs "partner" at the school level/);
    const head = cmp.getRow(5).values as unknown[];
    const propCol = head.indexOf('prop_a');
    expect(cmp.getColumn(propCol).numFmt).toBe('0.0%');
    expect(cmp.getRow(5).font?.bold).toBe(true);
    expect(typeof cmp.getRow(6).getCell(propCol).value).toBe('number');
    expect(wb.getWorksheet('Labels')!.rowCount).toBe(
      1 + (s.project.db.prepare('SELECT count(*) FROM labels').pluck().get() as number),
    );
    expect(String(wb.getWorksheet('Methods')!.getCell('A2').value)).toMatch(/Fisher/);
  });

  it('an XLSX without a comparison says why', async () => {
    const s = open();
    const xlsx = await exportProjectFile(s.project, 'xlsx', { by: 'pair', a: 'P9' });
    expect(xlsx.warnings.join(' ')).toMatch(/no comparison: no document has pair = "P9"/);
  });

  it('methods paragraph: corpus, coders, codebook, comparison and its caveat', async () => {
    const s = open();
    const text = (await exportProjectFile(s.project, 'methods')).bytes.toString('utf8');
    expect(text).toMatch(/6 interview transcripts \(24 segments, 600 words\)/);
    expect(text).toMatch(/version 1 of the codebook "Small codebook" \(5 codes\)/);
    expect(text).toMatch(/2 human coders/);
    expect(text).toMatch(/1 AI coder configuration: "gpt-test"/);
    expect(text).toMatch(/group = "bright" \(3 interviews, 2 schools\) and "partner"/);
    expect(text).toMatch(/Benjamini–Hochberg/);
    expect(text).toMatch(/not independent/);
  });

  it('methods paragraph cites agreement, review coverage, model and prompt hash when given', () => {
    const text = methodsParagraph({
      documents: 1,
      segments: 10,
      words: 1000,
      humanCoders: [],
      aiCoders: [
        {
          name: 'gpt',
          model: 'gpt-4o-mini',
          promptHashes: ['abcdef0123456789'],
          temperature: 0,
          samples: 3,
          labels: 40,
        },
      ],
      codebook: null,
      agreement: ["Cohen's κ = 0.81 between the AI coder and the human consensus"],
      review: { reviewed: 10, aiLabels: 40 },
      comparison: null,
    });
    expect(text).toMatch(
      /model gpt-4o-mini, temperature 0, 3 samples per segment with majority vote, prompt hash abcdef012345/,
    );
    expect(text).toMatch(/Agreement: Cohen's κ = 0.81/);
    expect(text).toMatch(/10 of 40 AI labels \(25.0%\) were reviewed/);
  });
});

describe('RPC: compare.*, export.file, exchange.importQdpx', () => {
  it('serves the comparison, the excerpts, exports as base64 or to a path, and imports a .qdpx', async () => {
    const s = open();
    s.project.close();
    study = null;
    const session = new Session({ host: 'browser', configDir: tmp(), user: 'tester' });
    const events: string[] = [];
    const ctx = { session, emit: (e: string) => void events.push(e) };
    try {
      session.open(s.path);
      const run = await dispatch('compare.run', { by: 'group', level: 'school' }, ctx);
      expect(run.ok && (run.result as { codes: unknown[] }).codes).toHaveLength(5);
      const bad = await dispatch('compare.run', { level: 'galaxy' }, ctx);
      expect(bad).toMatchObject({ ok: false, error: { code: 'bad_params' } });
      const many = await dispatch('compare.run', { by: 'role', a: 'nobody' }, ctx);
      expect(many).toMatchObject({
        ok: false,
        error: { code: 'bad_input', message: expect.stringMatching(/no document has role = "nobody"/) },
      });
      const each = await dispatch('compare.eachVsRest', { by: 'pair' }, ctx);
      expect(each.ok && (each.result as unknown[]).length).toBe(2);
      const excerpts = await dispatch('compare.excerpts', { by: 'group', code: 'barriers', group: 'b' }, ctx);
      expect(excerpts.ok && (excerpts.result as { total: number }).total).toBe(4);

      const b64 = await dispatch('export.file', { format: 'csv' }, ctx);
      expect(b64.ok).toBe(true);
      const file = b64.ok ? (b64.result as { contentBase64: string; fileName: string }) : null;
      expect(file!.fileName).toBe('small-labels.csv');
      expect(Buffer.from(file!.contentBase64, 'base64').toString('utf8')).toMatch(
        /^document,segment_id,segment_index/,
      );
      const out = join(tmp(), 'out.qdpx');
      const written = await dispatch('export.file', { format: 'qdpx', path: out }, ctx);
      expect(written).toMatchObject({ ok: true, result: { path: out, contentBase64: null } });
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');

      const qdpx = await fixtureQdpx('qualcoder');
      const target = join(tmp(), 'from-qualcoder.concord');
      const imported = await dispatch(
        'exchange.importQdpx',
        { source: { name: 'q.qdpx', contentBase64: qdpx.toString('base64') }, target, open: true },
        ctx,
      );
      expect(imported).toMatchObject({ ok: true, result: { documents: 1, labels: 3 } });
      expect(session.project?.path).toBe(target);
      expect(events).toContain('project.changed');
      const again = await dispatch(
        'exchange.importQdpx',
        { source: { name: 'q.qdpx', contentBase64: qdpx.toString('base64') }, target },
        ctx,
      );
      expect(again).toMatchObject({ ok: false, error: { message: expect.stringMatching(/already exists/) } });
    } finally {
      session.close();
    }
  });
});
