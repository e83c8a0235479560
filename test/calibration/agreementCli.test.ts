import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';
import { type Study, openStudy } from './fixture';

const tmp = useTmpDir();
let study: Study | null = null;
afterEach(() => {
  study?.close();
  study = null;
});

/** The fixture project, closed so the CLI opens the file itself. */
function projectFile(): string {
  const s = openStudy(tmp());
  s.close();
  return s.path;
}

function oneLineError(r: { code: number; stdout: string; stderr: string }): string {
  expect(r.code).not.toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^concord: error: [^\n]+\n$/);
  return r.stderr;
}

describe('concord agreement', () => {
  it('--json: the shape of `stats agreement` plus the coders', async () => {
    const file = projectFile();
    const r = await runCli(
      ['agreement', file, '--coders', 'Ana,Ben,Gpt', '--json', '--bootstrap', '100'],
      tmp(),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = r.json<
      Record<string, unknown> & {
        codes: Record<string, unknown>[];
        overall: Record<string, unknown>;
        coders: { name: string }[];
      }
    >();
    expect(j.coders.map((c) => c.name)).toEqual(['Ana', 'Ben', 'Gpt']);
    for (const e of [...j.codes, j.overall]) {
      for (const k of [
        'n_units',
        'n_coders',
        'percent_agreement',
        'cohen_kappa',
        'fleiss_kappa',
        'krippendorff_alpha',
        'gwet_ac1',
        'brennan_prediger',
        'positive_agreement',
        'ci95',
      ])
        expect(e).toHaveProperty(k);
      expect(e.cohen_kappa).toBeNull();
    }
    expect(j.codes[0]).toMatchObject({ code: expect.any(String), code_id: expect.any(String) });
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining(['pairs', 'ai_vs_reference', 'flags', 'scope', 'warnings']),
    );
    // the text form is a table
    const text = await runCli(['agreement', file, '--coders', 'Ana,Gpt', '--bootstrap', '0'], tmp());
    expect(text.stdout).toMatch(/^Agreement of Ana \(human\), Gpt \(ai\) on 20 segments/);
    expect(text.stdout).toMatch(/Gpt against Ana: precision 0\.\d{3}/);
  });

  it('writes the table as CSV and XLSX and the methods paragraph, and records the run on request', async () => {
    const file = projectFile();
    const dir = tmp();
    const r = await runCli(
      [
        'agreement',
        file,
        '--coders',
        'Ana,Ben,Gpt',
        '--bootstrap',
        '50',
        '--seed',
        '3',
        '--csv',
        'a.csv',
        '--xlsx',
        'a.xlsx',
        '--methods',
        'm.md',
        '--record',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    const csv = readFileSync(join(dir, 'a.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      'comparison,kind,code,code_id,n_units,n_coders,percent_agreement,cohen_kappa,fleiss_kappa,krippendorff_alpha,gwet_ac1,brennan_prediger,positive_agreement,negative_agreement,' +
        'percent_agreement_ci95_low,percent_agreement_ci95_high,cohen_kappa_ci95_low,cohen_kappa_ci95_high,fleiss_kappa_ci95_low,fleiss_kappa_ci95_high,krippendorff_alpha_ci95_low,krippendorff_alpha_ci95_high,' +
        'gwet_ac1_ci95_low,gwet_ac1_ci95_high,brennan_prediger_ci95_low,brennan_prediger_ci95_high,positive_agreement_ci95_low,positive_agreement_ci95_high,negative_agreement_ci95_low,negative_agreement_ci95_high,' +
        'prevalence:Ana,prevalence:Ben,prevalence:Gpt',
    );
    // 3 codes + pooled for all coders and for each of the 3 pairs
    expect(csv.filter(Boolean)).toHaveLength(1 + 4 * 4);
    expect(csv[1]).toMatch(/^Ana \+ Ben \+ Gpt,all,/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'a.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Agreement',
      'AI vs reference',
      'Readiness',
      'Methods',
    ]);
    expect(wb.getWorksheet('Agreement')!.getRow(3).getCell(1).value).toBe('comparison');
    const methods = readFileSync(join(dir, 'm.md'), 'utf8');
    expect(methods).toMatch(/on the 19 segments \(speaker turns\) that all coders had coded/);
    expect(methods).toMatch(/2 human coders, Ana and Ben/);
    expect(methods).toMatch(/the AI coder "Gpt" \(model test-model, configuration hash-gpt\)/);
    expect(methods).toMatch(/percentile bootstrap intervals over segments \(50 resamples, seed 3\)/);
    expect(methods).toMatch(
      /A code was considered ready for AI coding when the AI coder's Cohen's κ \(mean over the human coders\) was at least 0\.70 and not below the human–human Cohen's κ; \d of 3 codes/,
    );
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM agreement_runs').pluck().get()).toBe(1);
    db.close();
  });

  it('bad input: one line on stderr', async () => {
    const file = projectFile();
    const dir = tmp();
    expect(
      oneLineError(await runCli(['agreement', file, '--coders', 'nobody-1,nobody-2', '--json'], dir)),
    ).toMatch(/unknown coders "nobody-1", "nobody-2"; the project has: Ana, Ben, Gpt/);
    expect(oneLineError(await runCli(['agreement', file, '--json'], dir))).toMatch(/--coders is required/);
    expect(oneLineError(await runCli(['agreement', file, '--coders', 'Ana'], dir))).toMatch(
      /at least two coders/,
    );
    expect(
      oneLineError(await runCli(['agreement', file, '--coders', 'Ana,Ben', '--sample', 'nope'], dir)),
    ).toMatch(/no sample named "nope"/);
    expect(
      oneLineError(await runCli(['agreement', file, '--coders', 'Ana,Ben', '--bootstrap', 'many'], dir)),
    ).toMatch(/--bootstrap must be an integer/);
    expect(
      oneLineError(await runCli(['agreement', join(dir, 'missing.concord'), '--coders', 'Ana,Ben'], dir)),
    ).toMatch(/does not exist/);
    expect(existsSync(join(dir, 'missing.concord'))).toBe(false);
  });

  it('no overlap: a clear error naming what each coder finished', async () => {
    const s = (study = openStudy(tmp()));
    s.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('Cleo', 'human', 'g-cleo', 'now')")
      .run();
    s.close();
    study = null;
    const r = await runCli(['agreement', s.path, '--coders', 'Ana,Cleo', '--json'], tmp());
    expect(oneLineError(r)).toMatch(
      /no overlap: no segment has been finished by all of "Ana", "Cleo" \(segments finished: Ana: 20, Cleo: 0\)/,
    );
  });
});
