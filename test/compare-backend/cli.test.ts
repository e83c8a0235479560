import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';
import { fixtureQdpx } from '../exchange/archives';
import { createSmallStudy } from './smallStudy';

const tmp = useTmpDir();

function study(): string {
  const s = createSmallStudy(tmp());
  s.project.close();
  return s.path;
}

const expectOneLineError = (r: { code: number; stderr: string }, message: RegExp) => {
  expect(r.code).not.toBe(0);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^concord: error: /);
  expect(r.stderr).toMatch(message);
};

describe('concord compare', () => {
  it('--json: the stats compare shape plus by and level, at each level', async () => {
    const path = study();
    for (const level of ['segment', 'document', 'school']) {
      const r = await runCli(['compare', path, '--by', 'group', '--level', level, '--json']);
      expect(r.code).toBe(0);
      const j = r.json<{ by: string; level: string; codes: Record<string, unknown>[] }>();
      expect([j.by, j.level]).toEqual(['group', level]);
      for (const key of [
        'code',
        'a',
        'b',
        'count_a',
        'total_a',
        'count_b',
        'total_b',
        'prop_a',
        'prop_b',
        'risk_ratio',
        'risk_ratio_ci95',
        'p_value',
        'q_value',
      ]) {
        expect(j.codes[0]).toHaveProperty(key);
      }
    }
    const school = (await runCli(['compare', path, '--by', 'group', '--level', 'school', '--json'])).json<{
      codes: { code_id: string; count_a: number; total_a: number }[];
    }>();
    expect(school.codes.find((c) => c.code_id === 'outreach')).toMatchObject({ count_a: 2, total_a: 2 });
  });

  it('--csv writes the comparison table; plain output is a readable table', async () => {
    const path = study();
    const csv = join(tmp(), 'cmp.csv');
    const r = await runCli(['compare', path, '--by', 'group', '--source', 'human', '--csv', csv]);
    expect(r.code).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\r\n')[0]).toMatch(/^breakdown,stratum,level,code,code_id,/);
    const text = await runCli(['compare', path, '--by', 'group']);
    expect(text.stdout).toMatch(
      /group: "bright" \(3 documents\) vs "partner" \(3 documents\), document level/,
    );
    expect(text.stdout).toMatch(/Outreach\s+2\/3\s+66\.7%\s+1\/3/);
  });

  it('more than two values: asks for --a/--b, or compares against the rest', async () => {
    const path = study();
    expectOneLineError(
      await runCli(['compare', path, '--by', 'school']),
      /4 values \("S1", "S2", "S3", "S4"\).*--a and --b/,
    );
    const pair = await runCli(['compare', path, '--by', 'school', '--a', 'S1', '--b', 'S3', '--json']);
    expect(pair.json<{ a: string; b: string }>()).toMatchObject({ a: 'S1', b: 'S3' });
    const rest = await runCli(['compare', path, '--by', 'school', '--a', 'S2', '--rest', '--json']);
    expect(rest.json<{ b: string }>().b).toBe('not S2');
    const each = await runCli(['compare', path, '--by', 'school', '--rest', '--json']);
    expect(each.json<{ comparisons: unknown[] }>().comparisons).toHaveLength(4);
  });

  it('bad input: one line on stderr', async () => {
    const path = study();
    expectOneLineError(
      await runCli(['compare', join(tmp(), 'missing.concord'), '--by', 'group']),
      /does not exist/,
    );
    expectOneLineError(
      await runCli(['compare', path, '--by', 'colour', '--json']),
      /no document has the attribute "colour"/,
    );
    expectOneLineError(
      await runCli(['compare', path, '--by', 'group', '--level', 'galaxy']),
      /unknown --level "galaxy" \(use segment, document, school\)/,
    );
    expectOneLineError(
      await runCli(['compare', path, '--by', 'group', '--source', 'martians']),
      /unknown --source/,
    );
    expectOneLineError(
      await runCli(['compare', path, '--by', 'group', '--a', 'bright', '--b', 'bright']),
      /both "bright"/,
    );
    expectOneLineError(
      await runCli(['compare', path, '--by', 'group', '--b', 'nowhere']),
      /no document has group = "nowhere"/,
    );
  });
});

describe('concord export', () => {
  it('writes csv, matrix, xlsx, qdpx, comparison and methods files', async () => {
    const path = study();
    const dir = tmp();
    for (const [format, file] of [
      ['csv', 'l.csv'],
      ['matrix', 'm.csv'],
      ['xlsx', 'r.xlsx'],
      ['qdpx', 'p.qdpx'],
      ['comparison', 'c.csv'],
      ['methods', 'methods.md'],
    ] as const) {
      const r = await runCli(['export', path, '--format', format, join(dir, file)]);
      expect(r.stderr).not.toMatch(/error/);
      expect(r.code).toBe(0);
      expect(existsSync(join(dir, file))).toBe(true);
    }
    expect(readFileSync(join(dir, 'l.csv'), 'utf8').split('\r\n')[0]).toBe(
      'document,segment_id,segment_index,speaker,coder,code,source,reviewed,confidence,code_id',
    );
    expect(readFileSync(join(dir, 'p.qdpx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('bad input: unknown format, no format, a folder that does not exist; nothing written', async () => {
    const path = study();
    const dir = tmp();
    expectOneLineError(
      await runCli(['export', path, '--format', 'bogus', join(dir, 'x.bogus')]),
      /unknown --format "bogus"/,
    );
    expectOneLineError(await runCli(['export', path, join(dir, 'x.csv')]), /--format is required/);
    expectOneLineError(
      await runCli(['export', path, '--format', 'csv', join(dir, 'no', 'x.csv')]),
      /does not exist/,
    );
    expectOneLineError(
      await runCli(['export', join(dir, 'missing.concord'), '--format', 'csv', join(dir, 'y.csv')]),
      /does not exist/,
    );
    expect(readdirSync(dir).filter((f) => /^[xy]\./.test(f))).toEqual([]);
  });
});

describe('concord import-qdpx', () => {
  it('imports a project from another tool, refuses an existing target, leaves nothing on error', async () => {
    const dir = tmp();
    const qdpx = join(dir, 'maxqda.qdpx');
    writeFileSync(qdpx, await fixtureQdpx('maxqda'));
    const target = join(dir, 'imported.concord');
    const r = await runCli(['import-qdpx', qdpx, target, '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({
      documents: 1,
      coders: 2,
      labels: 4,
      attributes: { group: { bright: 1 } },
    });
    const info = await runCli(['info', target, '--json']);
    expect(info.json()).toMatchObject({ documents: 1, coders: 2, labels: 4 });
    expectOneLineError(await runCli(['import-qdpx', qdpx, target]), /already exists/);

    const junk = join(dir, 'junk.qdpx');
    writeFileSync(junk, 'not a zip');
    const t2 = join(dir, 'junk.concord');
    expectOneLineError(await runCli(['import-qdpx', junk, t2]), /not a zip archive/);
    expectOneLineError(await runCli(['import-qdpx', join(dir, 'nope.qdpx'), t2]), /no such file/);
    expect(readdirSync(dir).filter((f) => f.startsWith('junk.concord') || f.includes('importing'))).toEqual(
      [],
    );
  });

  it('help lists the commands, stats compare included', async () => {
    const help = await runCli(['--help']);
    for (const name of ['compare', 'export', 'import-qdpx', 'stats compare'])
      expect(help.stdout).toContain(`  ${name} `);
    for (const name of ['compare', 'export', 'import-qdpx'])
      expect((await runCli([name, '--help'])).code).toBe(0);
  });
});
