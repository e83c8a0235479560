import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project/project';
import { addTranscript, smallCodebook } from '../coding/studyProject';
import { runCli } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'qdc');

async function project(dir: string) {
  const p = join(dir, 'study.concord');
  expect((await runCli(['init', p], dir)).code).toBe(0);
  return p;
}

const oneErrorLine = (stderr: string) => expect(stderr).toMatch(/^concord: error: [^\n]+\n$/);

describe('concord codebook import / export', () => {
  const tmp = useTmpDir();

  it('imports JSON as a new active version each time and exports any version in every format', async () => {
    const dir = tmp();
    const p = await project(dir);
    writeFileSync(join(dir, 'v1.json'), JSON.stringify(smallCodebook()));
    const v2 = smallCodebook();
    v2.codes.push({ ...v2.codes[3]!, id: 'language', name: 'Language access', parent_id: 'barriers' });
    writeFileSync(join(dir, 'v2.json'), JSON.stringify(v2));

    const first = await runCli(['codebook', 'import', p, 'v1.json'], dir);
    expect(first).toEqual(expect.objectContaining({ code: 0, stderr: '' }));
    expect(first.stdout).toBe('imported v1.json as codebook version 1 (4 codes), now active\n');
    const second = await runCli(['codebook', 'import', p, 'v2.json', '--json'], dir);
    expect(second.json()).toEqual({ version: 2, codes: 5, warnings: [] });

    expect((await runCli(['codebook', 'export', p, 'now.json'], dir)).stdout).toBe(
      'wrote codebook version 2 to now.json\n',
    );
    expect(
      (JSON.parse(readFileSync(join(dir, 'now.json'), 'utf8')) as { codes: unknown[] }).codes,
    ).toHaveLength(5);
    const old = await runCli(['codebook', 'export', p, 'old.json', '--version', '1', '--json'], dir);
    expect(old.json()).toEqual(expect.objectContaining({ file: 'old.json', format: 'json', version: 1 }));
    expect(JSON.parse(readFileSync(join(dir, 'old.json'), 'utf8'))).toEqual(
      expect.objectContaining({ version: 1, name: 'Test codebook' }),
    );
    for (const f of ['cb.qdc', 'cb.md', 'cb.docx']) {
      expect((await runCli(['codebook', 'export', p, f], dir)).code).toBe(0);
      expect(existsSync(join(dir, f))).toBe(true);
    }
    expect(readFileSync(join(dir, 'cb.qdc'), 'utf8')).toContain('<CodeBook xmlns="urn:QDA-XML:codebook:1.0"');
    const back = await runCli(['codebook', 'import', p, 'cb.qdc'], dir);
    expect(back.stdout).toMatch(/^imported cb\.qdc as codebook version 3 \(5 codes\)/);
    const info = await runCli(['info', p, '--json'], dir);
    expect(info.json()).toEqual(expect.objectContaining({ codebook_versions: 3, codes: 5 }));
  });

  it("prints warnings for other tools' files", async () => {
    const dir = tmp();
    const p = await project(dir);
    const r = await runCli(['codebook', 'import', p, join(FIXTURES, 'qualcoder.qdc')], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('warning: 2 codes are marked not codable');
  });

  it('fails with one line and changes nothing on bad input', async () => {
    const dir = tmp();
    const p = await project(dir);
    writeFileSync(join(dir, 'broken.json'), '{"name": "Broken", "codes": [ {"id": "x", "name": ');
    const cases: [string[], RegExp][] = [
      [['codebook', 'import', p, 'broken.json'], /not valid JSON/],
      [['codebook', 'import', p, join(FIXTURES, 'billion-laughs.qdc')], /DOCTYPE/],
      [['codebook', 'import', p, 'missing.qdc'], /no such file/],
      [['codebook', 'import', join(dir, 'nope.concord'), 'broken.json'], /does not exist/],
      [['codebook', 'export', p, 'out.json'], /no codebook yet/],
      [['codebook', 'export', p, 'out.pdf'], /cannot tell the format from "out\.pdf"/],
      [['codebook', 'export', p, 'out.json', '--version', 'x'], /--version must be an integer/],
      [['codebook', 'export', join(dir, 'nope.concord'), 'out.json'], /does not exist/],
      [['codebook', 'import', p], /wrong number of arguments/],
    ];
    for (const [argv, message] of cases) {
      const r = await runCli(argv, dir);
      expect(r.code, argv.join(' ')).toBe(1);
      oneErrorLine(r.stderr);
      expect(r.stderr, argv.join(' ')).toMatch(message);
    }
    expect(existsSync(join(dir, 'out.json'))).toBe(false);
    expect(existsSync(join(dir, 'nope.concord'))).toBe(false);
    expect((await runCli(['info', p, '--json'], dir)).json()).toEqual(
      expect.objectContaining({ codebook_versions: 0 }),
    );
    expect((await runCli(['--help'], dir)).stdout).toMatch(
      /codebook import[\s\S]*codebook export[\s\S]*labels import/,
    );
  });
});

describe('concord labels import', () => {
  const tmp = useTmpDir();

  it('imports a labels CSV all or nothing', async () => {
    const dir = tmp();
    const p = await project(dir);
    writeFileSync(join(dir, 'cb.json'), JSON.stringify(smallCodebook()));
    await runCli(['codebook', 'import', p, 'cb.json'], dir);
    const proj = Project.open(p, 'open');
    addTranscript(proj.db, 'harbor-principal', ['Interviewer: How?', 'Principal: We call every family.']);
    proj.close();
    writeFileSync(
      join(dir, 'bad.csv'),
      'document,segment,coder,code\nharbor-principal,1,Ana,Phone calls\nharbor-principal,5,Bo,Barriers\n',
    );
    const bad = await runCli(['labels', 'import', p, 'bad.csv'], dir);
    expect(bad.code).toBe(1);
    oneErrorLine(bad.stderr);
    expect(bad.stderr).toMatch(/line 3: document "harbor-principal" has no segment 5/);
    writeFileSync(
      join(dir, 'good.csv'),
      'document,segment,coder,code\nharbor-principal,1,Ana,Phone calls\nharbor-principal,1,Bo,Barriers\n',
    );
    const good = await runCli(['labels', 'import', p, 'good.csv', '--json'], dir);
    expect(good.json()).toEqual({ labels: 2, coders: ['Ana', 'Bo'], warnings: [] });
    expect((await runCli(['info', p, '--json'], dir)).json()).toEqual(
      expect.objectContaining({ coders: 2, labels: 2 }),
    );
    const text = await runCli(['labels', 'import', p, 'good.csv'], dir);
    expect(text.stdout).toBe(
      'imported 0 labels by 2 coders (Ana, Bo)\nwarning: 2 labels were already in the project\n',
    );
  });
});
