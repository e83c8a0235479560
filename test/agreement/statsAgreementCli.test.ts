import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, type CliIO } from '../../electron/cli/command';
import { command } from '../../electron/cli/commands/stats-agreement';

const dir = mkdtempSync(join(tmpdir(), 'concord-stats-agreement-'));
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

async function json(...argv: string[]) {
  const r = await run(...argv, '--json');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout);
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

type Spec = Record<string, Record<string, (0 | 1 | null)[]>>;
const TWO: Spec = {
  outreach: { A: [1, 1, 0, 1, 0, 0, 1, 1, 0, 1], B: [1, 0, 0, 1, 0, 1, 1, 1, 0, 0] },
  silence: { A: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], B: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
  steady: { A: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], B: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0] },
};
const QUIRKY = 'home "visits", in person';

function rows(spec: Spec): string[][] {
  const out = [['unit', 'coder', 'code', 'value']];
  for (const [code, byCoder] of Object.entries(spec))
    for (const [coder, values] of Object.entries(byCoder))
      values.forEach((v, i) => v !== null && out.push([`u${i + 1}`, coder, code, String(v)]));
  return out;
}

const quote = (f: string) => `"${f.replace(/"/g, '""')}"`;
const csv = (table: string[][], { eol = '\n', quoteAll = false, final = true, bom = false } = {}) =>
  `${bom ? '\uFEFF' : ''}${table.map((r) => r.map((f) => (quoteAll || /[",\r\n]/.test(f) ? quote(f) : f)).join(',')).join(eol)}${final ? eol : ''}`;

const GOOD = write('two.csv', csv(rows(TWO)));

describe('concord stats agreement', () => {
  it('is named and documented for the dispatcher', () => {
    expect(command.name).toBe('stats agreement');
    expect(command.usage).toContain('concord stats agreement <ratings.csv>');
  });

  it('--json: the contract shape, null rules and default bootstrap intervals', async () => {
    const j = await json(GOOD);
    expect(j.codes.map((e: { code: string }) => e.code)).toEqual(['outreach', 'silence', 'steady']);
    const outreach = j.codes[0];
    expect(outreach).toMatchObject({
      n_units: 10,
      n_coders: 2,
      percent_agreement: 0.7,
      cohen_kappa: expect.closeTo(0.4, 12),
    });
    expect(Object.keys(outreach.ci95)).toEqual([
      'percent_agreement',
      'cohen_kappa',
      'krippendorff_alpha',
      'gwet_ac1',
      'brennan_prediger',
      'positive_agreement',
      'negative_agreement',
    ]);
    for (const [name, iv] of Object.entries(outreach.ci95 as Record<string, [number, number]>)) {
      expect(iv[0]).toBeLessThanOrEqual(outreach[name]);
      expect(iv[1]).toBeGreaterThanOrEqual(outreach[name]);
    }
    expect(j.codes[1]).toMatchObject({
      cohen_kappa: null,
      krippendorff_alpha: null,
      positive_agreement: null,
      percent_agreement: 1,
      gwet_ac1: 1,
      brennan_prediger: 1,
    });
    expect(j.codes[1].ci95.cohen_kappa).toBeNull();
    expect(j.codes[2].cohen_kappa).toBe(0);
    expect(j.overall).toMatchObject({ n_units: 30, n_coders: 2 });
    expect('code' in j.overall).toBe(false);
  });

  it('three coders with a missing rating: fleiss_kappa, cohen_kappa null', async () => {
    const f = write('three.csv', csv(rows({ x: { A: [1, 1, 0, 1], B: [1, 0, 0, 1], C: [1, 1, null, 1] } })));
    const j = await json(f);
    expect(j.codes[0]).toMatchObject({ n_units: 4, n_coders: 3, cohen_kappa: null });
    expect(typeof j.codes[0].fleiss_kappa).toBe('number');
  });

  it('--bootstrap 0 leaves out intervals; --seed makes them reproducible', async () => {
    expect((await json(GOOD, '--bootstrap', '0')).codes[0].ci95).toBeNull();
    const a = await json(GOOD, '--seed', '7', '--bootstrap', '200');
    expect(await json(GOOD, '--seed', '7', '--bootstrap', '200')).toEqual(a);
    expect((await json(GOOD, '--seed', '8', '--bootstrap', '200')).codes[0].ci95).not.toEqual(
      a.codes[0].ci95,
    );
  });

  it('RFC 4180: BOM, CRLF, quoted fields with commas and doubled quotes, no final newline', async () => {
    const spec: Spec = {
      [QUIRKY]: { A: [1, 0, 1, 1, 0, 0], B: [1, 0, 0, 1, 0, 1] },
      plain: { A: [0, 1, 0, 0, 1, 0], B: [0, 1, 0, 1, 1, 0] },
    };
    const f = write('quirky.csv', csv(rows(spec), { eol: '\r\n', quoteAll: true, final: false, bom: true }));
    const j = await json(f);
    expect(j.codes.map((e: { code: string }) => e.code)).toEqual([QUIRKY, 'plain']);
  });

  it('the same ratings give the same report through csv-parse (quoted) and the plain fast path', async () => {
    const table = rows(TWO);
    const plain = await json(write('plain.csv', csv(table, { eol: '\r\n', bom: true })), '--bootstrap', '50');
    const quoted = await json(
      write('quoted.csv', csv(table, { quoteAll: true, final: false })),
      '--bootstrap',
      '50',
    );
    expect(quoted).toEqual(plain);
  });

  it('reads the columns by name, in any order and case', async () => {
    const reordered = rows(TWO).map(([unit, coder, code, value]) => [value!, code!, unit!, coder!]);
    reordered[0] = ['Value', 'CODE', ' unit ', 'Coder'];
    const a = await json(write('reordered.csv', csv(reordered)), '--bootstrap', '0');
    expect(a).toEqual(await json(GOOD, '--bootstrap', '0'));
  });

  it('without --json prints a table', async () => {
    const r = await run(GOOD, '--bootstrap', '100');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^code\s+units\s+coders\s+agree\s+kappa/);
    expect(r.stdout).toMatch(/^outreach\s+10\s+2\s+0\.700\s+0\.400/m);
    expect(r.stderr).toBe('');
  });

  it('bad inputs: one-line errors naming the file and the line', async () => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    expect(await failure('missing.csv', '--json')).toMatch(/cannot read missing\.csv: no such file/);
    expect(await failure('folder', '--json')).toMatch(/cannot read folder: is a directory/);
    expect(await failure(write('empty.csv', ''), '--json')).toMatch(/empty\.csv: empty file/);
    expect(await failure(write('bom-only.csv', '\uFEFF\r\n'), '--json')).toMatch(/empty file/);
    expect(await failure(write('header-only.csv', 'unit,coder,code,value\n'), '--json')).toMatch(
      /header-only\.csv: no ratings/,
    );
    expect(await failure(write('bad-header.csv', 'unit,rater,code,value\nu1,A,x,1\n'), '--json')).toMatch(
      /bad-header\.csv line 1: the header must be unit,coder,code,value/,
    );
    expect(
      await failure(write('bad-value.csv', 'unit,coder,code,value\nu1,A,x,1\nu1,B,x,2\n'), '--json'),
    ).toMatch(/bad-value\.csv line 3: value "2" is not 0 or 1/);
    expect(
      await failure(write('yes.csv', 'unit,coder,code,value\r\n"u1","A","x","yes"\r\n'), '--json'),
    ).toMatch(/yes\.csv line 2: value "yes" is not 0 or 1/);
    expect(await failure(write('fields.csv', 'unit,coder,code,value\nu1,A,x\n'), '--json')).toMatch(
      /fields\.csv line 2: expected 4 fields/,
    );
    expect(await failure(write('empty-unit.csv', 'unit,coder,code,value\n,A,x,1\n'), '--json')).toMatch(
      /line 2: empty unit/,
    );
    expect(await failure(write('quote.csv', 'unit,coder,code,value\n"u1,A,x,1\n'), '--json')).toMatch(
      /quote\.csv: malformed CSV/,
    );
    expect(await failure(write('binary.csv', Buffer.from([0xff, 0xfe, 0x00, 0x41])), '--json')).toMatch(
      /binary\.csv: not valid UTF-8/,
    );
  });

  it('a repeated (unit, coder, code) is an error, conflicting or identical, naming both lines', async () => {
    const conflicting = write('dup.csv', 'unit,coder,code,value\nu1,A,x,1\nu1,B,x,1\nu2,A,x,0\nu1,A,x,0\n');
    expect(await failure(conflicting, '--json')).toBe(
      'dup.csv line 5: unit "u1", coder "A", code "x" is rated twice (first on line 2, value 1 then 0); give one rating per unit, coder and code',
    );
    const identical = write('same.csv', 'unit,coder,code,value\nu1,A,x,1\nu1,B,x,1\nu1,A,x,1\n');
    expect(await failure(identical, '--json')).toMatch(
      /same\.csv line 4: .* is rated twice \(first on line 2, same value\)/,
    );
  });

  it('quoted files name the right line, also after a field that spans lines', async () => {
    const multi = write(
      'multi.csv',
      'unit,coder,code,value\r\n"u1","A","two\nlines","1"\r\n"u1","B","two\nlines","1"\r\n"u2","A","x","7"\r\n',
    );
    expect(await failure(multi, '--json')).toMatch(/multi\.csv line 6: value "7" is not 0 or 1/);
    const dup = write(
      'dup-quoted.csv',
      '"unit","coder","code","value"\n"u1","A","x","1"\n"u1","B","x","0"\n"u1","A","x","1"\n',
    );
    expect(await failure(dup, '--json')).toMatch(
      /dup-quoted\.csv line 4: unit "u1", coder "A", code "x" is rated twice \(first on line 2, same value\)/,
    );
    const ok = write(
      'multi-ok.csv',
      'unit,coder,code,value\r\n"u1","A","two\nlines","1"\r\n"u1","B","two\nlines","0"\r\n',
    );
    expect((await json(ok, '--bootstrap', '0')).codes[0].code).toBe('two\nlines');
  });

  it('bad options', async () => {
    expect(await failure(GOOD, '--bootstrap=-3')).toMatch(/--bootstrap must be an integer/);
    expect(await failure(GOOD, '--bootstrap', 'many')).toMatch(/--bootstrap must be an integer/);
    expect(await failure(GOOD, '--bootstrap', '1000000')).toMatch(/at most 100000/);
    expect(await failure(GOOD, '--seed', '1.5')).toMatch(/--seed must be an integer/);
    expect(await failure()).toMatch(/usage: concord stats agreement/);
    expect(await failure(GOOD, GOOD)).toMatch(/wrong number of arguments/);
    await expect(run(GOOD, '--frobnicate')).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  });

  it('copes with 100,000 rows quickly (the fast path), and with the same rows quoted', async () => {
    const lines = ['unit,coder,code,value'];
    for (let u = 0; u < 5000; u++)
      for (let c = 0; c < 10; c++)
        for (const coder of ['A', 'B'])
          lines.push(
            `u${u},${coder},code ${c},${(u * 7 + c * 3 + (coder === 'A' ? 0 : u % 5 === 0 ? 1 : 0)) % 4 === 0 ? 1 : 0}`,
          );
    const f = write('large.csv', `${lines.join('\n')}\n`);
    const t0 = performance.now();
    const j = await json(f, '--bootstrap', '0');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(j.overall.n_units).toBe(50_000);
    const q = write(
      'large-quoted.csv',
      `${lines.map((l) => l.split(',').map(quote).join(',')).join('\r\n')}`,
    );
    expect(await json(q, '--bootstrap', '0')).toEqual(j);
  });
});
