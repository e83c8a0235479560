import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, type CliIO } from '../../electron/cli/command';
import { command } from '../../electron/cli/commands/stats-compare';

const dir = mkdtempSync(join(tmpdir(), 'concord-stats-compare-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    isTTY: false,
    cwd: dir,
    env: {},
  };
  const code = await command.run(argv, io);
  return { code, stdout, stderr };
}

async function failure(...argv: string[]): Promise<string> {
  try {
    await run(...argv);
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    const message = (e as Error).message;
    expect(message).not.toMatch(/\n/);
    return message;
  }
  throw new Error(`expected ${argv.join(' ')} to fail`);
}

const GOOD = [
  'code,group,count,total',
  'outreach,partner,12,40',
  'outreach,bright,25,38',
  'home visits,partner,0,40',
  'home visits,bright,6,38',
  'translation,partner,5,40',
  'translation,bright,0,38',
  'never used,partner,0,40',
  'never used,bright,0,38',
  '',
].join('\n');

describe('concord stats compare', () => {
  it('is named and documented for the dispatcher', () => {
    expect(command.name).toBe('stats compare');
    expect(command.usage).toContain('concord stats compare <counts.csv>');
  });

  it('prints the §4 JSON document with --json', async () => {
    const res = await run(write('good.csv', GOOD), '--json');
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const doc = JSON.parse(res.stdout) as { codes: Record<string, unknown>[] };
    expect(doc.codes.map((c) => c.code)).toEqual(['outreach', 'home visits', 'translation', 'never used']);
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
    ])
      expect(doc.codes[0]).toHaveProperty(key);
    expect(doc.codes[0]).toMatchObject({ a: 'partner', b: 'bright', count_a: 12, total_a: 40 });
    expect(doc.codes[1]?.risk_ratio).toBe(0);
    expect(doc.codes[2]?.risk_ratio).toBeNull();
    expect(doc.codes[3]?.p_value).toBe(1);
  });

  it('prints a readable table without --json', async () => {
    const res = await run(write('table.csv', GOOD));
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/partner \(a\)/);
    expect(res.stdout).toMatch(/outreach\s+12\/40\s+30\.0%\s+25\/38\s+65\.8%\s+0\.456 \[0\.269, 0\.772\]/);
    expect(res.stdout).toMatch(/\[\d\] no occurrence in group a/);
  });

  it('reads RFC 4180: BOM, CRLF, quoted fields, doubled quotes, no final newline', async () => {
    const quirky =
      '\ufeff"code","group","count","total"\r\n"calls, ""texts"" and notes","partner","3","20"\r\n"calls, ""texts"" and notes","bright","8","22"\r\n"plain","partner","4","20"\r\n"plain","bright","2","22"';
    const res = await run(write('quirky.csv', quirky), '--json');
    const doc = JSON.parse(res.stdout) as { codes: { code: string }[] };
    expect(doc.codes.map((c) => c.code)).toEqual(['calls, "texts" and notes', 'plain']);
  });

  it('accepts the columns in another order and skips blank lines', async () => {
    const res = await run(write('order.csv', 'group,code,total,count\n\na,x,10,1\nb,x,10,2\n'), '--json');
    expect(JSON.parse(res.stdout)).toMatchObject({
      codes: [{ code: 'x', a: 'a', count_a: 1, total_a: 10, count_b: 2 }],
    });
  });

  const header = 'code,group,count,total\n';
  it.each([
    ['a missing file', null, /cannot read no-such\.csv: no such file/],
    ['an empty file', '', /empty file/],
    [
      'a wrong header',
      'code,cohort,n,total\nx,a,1,4\nx,b,1,4\n',
      /header is "code,cohort,n,total", expected code,group,count,total/,
    ],
    ['a header only', header, /no data rows/],
    ['count > total', `${header}x,a,1,4\noverflow,a,50,40\n`, /line 3: count 50 is greater than total 40/],
    ['a negative count', `${header}x,a,-1,4\nx,b,1,4\n`, /line 2: count "-1" is not a non-negative integer/],
    [
      'a non-integer total',
      `${header}x,a,1,4.5\nx,b,1,4\n`,
      /line 2: total "4\.5" is not a non-negative integer/,
    ],
    ['a non-number', `${header}x,a,one,4\nx,b,1,4\n`, /line 2: count "one"/],
    ['three groups', `${header}x,a,1,4\nx,b,1,4\nx,c,1,4\n`, /line 4: a third group "c"/],
    ['one group', `${header}x,a,1,4\ny,a,1,4\n`, /only one group \("a"\)/],
    [
      'a duplicate (code, group)',
      `${header}x,a,1,4\nx,b,1,4\nx,a,2,4\n`,
      /line 4: duplicate row for code "x" in group "a" \(first on line 2\)/,
    ],
    [
      'a code in only one group',
      `${header}x,a,1,4\nx,b,1,4\ny,b,1,4\n`,
      /line 4: code "y" has a row for group "b" but none for group "a"/,
    ],
    ['a ragged row', `${header}x,a,1\n`, /malformed CSV: .*line 2/],
    ['an unclosed quote', `${header}"x,a,1,4\n`, /malformed CSV/],
    ['an empty code', `${header}"",a,1,4\n`, /line 2: empty code/],
  ] as [string, string | null, RegExp][])(
    'rejects %s with a one-line error naming the file',
    async (name, content, message) => {
      const file = content === null ? 'no-such.csv' : write(`bad-${name.replace(/\W+/g, '-')}.csv`, content);
      const error = await failure(file, '--json');
      expect(error).toMatch(message);
      expect(error).toContain(file);
    },
  );

  it('rejects a file that is not UTF-8', async () => {
    expect(await failure(write('latin1.csv', Buffer.from([0x63, 0x6f, 0x64, 0xe9, 0x0a])), '--json')).toMatch(
      /not valid UTF-8/,
    );
  });

  it('rejects a wrong number of arguments', async () => {
    expect(await failure('--json')).toMatch(/usage: concord stats compare/);
    expect(await failure('a.csv', 'b.csv')).toMatch(/usage/);
  });
});
