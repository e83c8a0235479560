import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { runCli } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const INTERVIEW = [
  'INTERVIEWER: How do families hear from the school?',
  'Principal Alvarez: Every teacher calls two families a week with good news first.',
  'INTERVIEWER: And what gets in the way?',
  'Principal Alvarez: Work schedules. We hold meetings at seven in the morning too.',
  '',
].join('\n');

describe('concord init / info / import', () => {
  const tmp = useTmpDir();

  it('init creates an empty project; info reports zero counts as JSON and leaves the file as it was', async () => {
    const dir = tmp();
    const p = join(dir, 'study.concord');
    const r = await runCli(['init', p], dir);
    expect(r.code).toBe(0);
    expect(existsSync(`${p}-wal`)).toBe(false);
    const before = readFileSync(p);
    const info = await runCli(['info', p, '--json'], dir);
    expect(info.code).toBe(0);
    expect(info.json()).toEqual({
      schema_version: LATEST_SCHEMA_VERSION,
      documents: 0,
      segments: 0,
      words: 0,
      codebook_versions: 0,
      codes: 0,
      coders: 0,
      labels: 0,
      jobs: 0,
      attributes: {},
    });
    expect(readFileSync(p).equals(before)).toBe(true);
  });

  it('init refuses an existing file unless --force, and a directory always', async () => {
    const dir = tmp();
    const p = join(dir, 'study.concord');
    writeFileSync(p, 'keep');
    const r = await runCli(['init', p], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^concord: error: .*already exists \(use --force/);
    expect(readFileSync(p, 'utf8')).toBe('keep');
    expect((await runCli(['init', p, '--force'], dir)).code).toBe(0);
    mkdirSync(join(dir, 'folder.concord'));
    const d = await runCli(['init', join(dir, 'folder.concord')], dir);
    expect(d.code).toBe(1);
    expect(d.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('import reports per-file results: imported, skipped duplicates, errors, and applies --meta', async () => {
    const dir = tmp();
    const p = join(dir, 'study.concord');
    await runCli(['init', p], dir);
    writeFileSync(join(dir, 'harbor-principal.txt'), INTERVIEW);
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(
      join(dir, 'meta.csv'),
      'file,school,group,role,district\nharbor-principal.txt,Harbor Elementary,bright,principal,Lakeside\nnot-imported.txt,X,partner,teacher,Y\n',
    );
    const r = await runCli(
      ['import', p, 'harbor-principal.txt', 'empty.txt', 'missing.txt', '--meta', 'meta.csv', '--json'],
      dir,
    );
    expect(r.code).toBe(1);
    const out = r.json<{
      imported: { file: string; document_id: number; segments: number }[];
      skipped: unknown[];
      errors: { file: string; error: string }[];
      meta: { updated: number; unmatched: string[] };
    }>();
    expect(out.imported).toEqual([
      { file: 'harbor-principal.txt', document_id: 1, name: 'harbor-principal', segments: 4 },
    ]);
    expect(out.errors).toEqual([
      { file: 'empty.txt', error: expect.stringMatching(/empty/) },
      { file: 'missing.txt', error: expect.stringMatching(/no such file/) },
    ]);
    expect(out.meta).toMatchObject({ updated: 1, unmatched: ['not-imported.txt'] });

    const again = await runCli(['import', p, 'harbor-principal.txt', '--json'], dir);
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({
      imported: [],
      skipped: [{ file: 'harbor-principal.txt', reason: expect.stringMatching(/duplicate/) }],
    });

    const info = (await runCli(['info', p, '--json'], dir)).json<{
      documents: number;
      segments: number;
      attributes: unknown;
    }>();
    expect(info.documents).toBe(1);
    expect(info.segments).toBe(4);
    expect(info.attributes).toEqual({
      district: { Lakeside: 1 },
      group: { bright: 1 },
      role: { principal: 1 },
      school: { 'Harbor Elementary': 1 },
    });
  });

  it('a malformed metadata CSV changes nothing and is reported as an error', async () => {
    const dir = tmp();
    const p = join(dir, 'study.concord');
    await runCli(['init', p], dir);
    writeFileSync(join(dir, 'a.txt'), INTERVIEW);
    writeFileSync(join(dir, 'meta.csv'), 'file,group\na.txt,bright,extra-cell\n');
    const r = await runCli(['import', p, 'a.txt', '--meta', 'meta.csv', '--json'], dir);
    expect(r.code).toBe(1);
    expect(r.json<{ errors: { file: string; error: string }[] }>().errors[0]).toEqual({
      file: 'meta.csv',
      error: expect.stringMatching(/meta\.csv: malformed CSV/),
    });
    const info = (await runCli(['info', p, '--json'], dir)).json<{
      documents: number;
      attributes: unknown;
    }>();
    expect(info).toMatchObject({ documents: 1, attributes: {} });
  });

  it('errors are one line on stderr for bad projects and unknown commands', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'notes.concord'), 'not a database');
    for (const argv of [
      ['info', 'notes.concord'],
      ['info', 'nope.concord'],
      ['frobnicate'],
      ['import', 'notes.concord', 'x.txt'],
    ]) {
      const r = await runCli(argv, dir);
      expect(r.code, argv.join(' ')).not.toBe(0);
      expect(r.stderr).toMatch(/^concord: error: [^\n]+\n$/);
    }
    expect(existsSync(join(dir, 'nope.concord'))).toBe(false);
  });

  it('the installed bin runs the same CLI (help lists the commands)', () => {
    const r = spawnSync(process.execPath, ['bin/concord.js', '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const c of ['demo', 'init', 'info', 'import', 'serve'])
      expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });
});
