import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importQdpxToNewProject } from '../../electron/backend/exchange/importQdpx';
import { readZipEntries } from '../../electron/backend/exchange/zipRead';
import { useTmpDir } from '../helpers/tmp';
import { FIXTURES, fixtureEntries, rawZip, zipEntries } from './archives';

// Hostile or inconsistent archives are rejected whole: a clear message, and no project
// file (nor -wal, -shm or temporary file) left behind.

const tmp = useTmpDir();
const MAXQDA_SOURCE = 'sources/9B1DEB4D-3B7D-4BAD-9BDD-2B0D7B3DCB6D.txt';

/** The MAXQDA fixture with project.qde edited (and other entries changed or added). */
function variant(
  edit: (qde: string) => string,
  extra: Record<string, Buffer | string | null> = {},
): Map<string, Buffer | string> {
  const entries = new Map<string, Buffer | string>(fixtureEntries('maxqda'));
  entries.set('project.qde', edit(entries.get('project.qde')!.toString('utf8')));
  for (const [k, v] of Object.entries(extra)) {
    if (v === null) entries.delete(k);
    else entries.set(k, v);
  }
  return entries;
}

async function expectRejected(bytes: Buffer, message: RegExp) {
  const dir = tmp();
  const target = join(dir, 'target.concord');
  await expect(importQdpxToNewProject(bytes, target, 'test')).rejects.toThrow(message);
  expect(readdirSync(dir).filter((f) => f.includes('target'))).toEqual([]);
}

const stored = (entries: Map<string, Buffer | string>) =>
  rawZip([...entries].map(([name, data]) => ({ name, data })));

describe('import-qdpx refuses hostile and inconsistent archives', () => {
  it('a file that is not a zip, and a zip without project.qde', async () => {
    await expectRejected(Buffer.from('just text, not an archive'), /not a zip archive/);
    await expectRejected(await zipEntries(new Map([['readme.txt', 'hello']])), /no project\.qde/);
  });

  it('a DTD with an external entity, and an undefined entity', async () => {
    const secret = join(tmp(), 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET');
    const dtd = variant((q) =>
      q
        .replace('<Project', `<!DOCTYPE Project [ <!ENTITY leak SYSTEM "file://${secret}"> ]>\n<Project`)
        .replace('>Jonas<', '>&leak;<'),
    );
    await expectRejected(await zipEntries(dtd), /DTD/);
    const bare = variant((q) => q.replace('name="Jonas"', 'name="&leak;"'));
    await expectRejected(await zipEntries(bare), /not well-formed XML.*leak/);
    const lol = variant((q) =>
      q.replace(
        '<?xml version="1.0" encoding="utf-8"?>',
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>',
      ),
    );
    await expectRejected(await zipEntries(lol), /DTD/);
  });

  it('entries outside the archive root: ../, absolute, drive letter', async () => {
    for (const name of ['../escape.txt', '/etc/escape.txt', 'C:/escape.txt', 'sources/../../escape.txt']) {
      const entries = variant((q) => q);
      entries.set(name, 'escaped');
      await expectRejected(stored(entries), /outside the archive root/);
    }
    expect(existsSync(join(tmp(), '..', 'escape.txt'))).toBe(false);
  });

  it('zip bombs: a huge expansion ratio, a total above the limit, sizes that lie', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024);
    const bomb = variant((q) => q);
    const entries = [...bomb].map(([name, data]) => ({ name, data }));
    const deflated = deflateRawSync(zeros, { level: 9 });
    await expectRejected(
      rawZip([...entries, { name: 'sources/zeros.txt', data: zeros, method: 8, compressed: deflated }]),
      /expands.*zip bomb/,
    );
    const small = await zipEntries(variant((q) => q));
    await expect(
      readZipEntries(small, {
        maxEntries: 100,
        maxTotalBytes: 1000,
        maxRatio: 200,
        ratioFloorBytes: 1 << 20,
      }),
    ).rejects.toThrow(/more than.*zip bomb/);
    // declares 10 bytes, inflates to 20 MB: caught while reading
    await expectRejected(
      rawZip([
        ...entries,
        { name: 'sources/liar.txt', data: zeros, method: 8, compressed: deflated, declaredSize: 10 },
      ]),
      /zip bomb|sizes|larger than it declares/,
    );
  });

  it('duplicate GUIDs and malformed GUIDs', async () => {
    const dup = variant((q) =>
      q.replace('guid="3F2504E0-4F89-41D3-9A0C-0305E82C3302"', 'guid="3F2504E0-4F89-41D3-9A0C-0305E82C3301"'),
    );
    await expectRejected(await zipEntries(dup), /duplicate guid 3f2504e0-4f89-41d3-9a0c-0305e82c3301/);
    const bad = variant((q) => q.replace('guid="54C1A6F2-1111-4A2B-8C3D-000000000004"', 'guid="not-a-guid"'));
    await expectRejected(await zipEntries(bad), /malformed guid "not-a-guid"/);
  });

  it('dangling references: a code, a user, a variable', async () => {
    const code = variant((q) =>
      q.replace(
        '<CodeRef targetGUID="54C1A6F2-1111-4A2B-8C3D-000000000004"/>',
        '<CodeRef targetGUID="54C1A6F2-1111-4A2B-8C3D-0000000000FF"/>',
      ),
    );
    await expectRejected(await zipEntries(code), /CodeRef.*refers to nothing/);
    const user = variant((q) =>
      q.replace(
        /creatingUser="3F2504E0-4F89-41D3-9A0C-0305E82C3302"/g,
        'creatingUser="3F2504E0-4F89-41D3-9A0C-0305E82C33FF"',
      ),
    );
    await expectRejected(await zipEntries(user), /creatingUser=.*refers to nothing/);
    const variable = variant((q) =>
      q.replace(
        '<VariableRef targetGUID="7C9E6679-7425-40DE-944B-E07FC1F90A03"/>',
        '<VariableRef targetGUID="7C9E6679-7425-40DE-944B-E07FC1F90AFF"/>',
      ),
    );
    await expectRejected(await zipEntries(variable), /VariableRef.*refers to nothing/);
    const wrongKind = variant((q) =>
      q.replace(
        '<CodeRef targetGUID="54C1A6F2-1111-4A2B-8C3D-000000000004"/>',
        '<CodeRef targetGUID="3F2504E0-4F89-41D3-9A0C-0305E82C3301"/>',
      ),
    );
    await expectRejected(await zipEntries(wrongKind), /refers to a <User>, expected <Code>/);
  });

  it('a missing source, a source outside the archive', async () => {
    await expectRejected(
      await zipEntries(variant((q) => q, { [MAXQDA_SOURCE]: null })),
      /source "Harborview teacher" is missing from the archive/,
    );
    const external = variant((q) =>
      q.replace(
        /plainTextPath="internal:\/\/[^"]+"/,
        'plainTextPath="absolute:///home/someone/interview.txt"',
      ),
    );
    await expectRejected(await zipEntries(external), /outside the archive/);
  });

  it('selections outside the text (counted in code points) or not integers', async () => {
    const length = [...readFileSync(join(FIXTURES, 'maxqda', MAXQDA_SOURCE), 'utf8')].length;
    const past = variant((q) => q.replace(/endPosition="\d+"/, `endPosition="${length + 1}"`));
    await expectRejected(await zipEntries(past), new RegExp(`outside the text \\(${length} characters`));
    const negative = variant((q) => q.replace(/startPosition="\d+"/, 'startPosition="-3"'));
    await expectRejected(await zipEntries(negative), /outside the text/);
    const words = variant((q) => q.replace(/startPosition="\d+"/, 'startPosition="ten"'));
    await expectRejected(await zipEntries(words), /not an integer/);
  });

  it('an existing target is refused and left untouched', async () => {
    const dir = tmp();
    const target = join(dir, 'existing.concord');
    writeFileSync(target, 'not mine to overwrite');
    await expect(importQdpxToNewProject(await zipEntries(variant((q) => q)), target, 'test')).rejects.toThrow(
      /already exists/,
    );
    expect(readFileSync(target, 'utf8')).toBe('not mine to overwrite');
    expect(readdirSync(dir)).toEqual(['existing.concord']);
  });
});
