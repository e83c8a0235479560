import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  asList,
  asNode,
  attr,
  parseUntrustedXml,
  textOf,
  type XmlNode,
} from '../../electron/backend/codebook/safeXml';
import { importJsonCodebook, openStudy, smallCodebook, type TestStudy } from '../coding/studyProject';
import { useTmpDir } from '../helpers/tmp';
import { CODEBOOK_XSD, xsdProblems } from '../support/xmllint';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, '..', 'fixtures', 'qdc');
const xsdErrors = (file: string) => xsdProblems(file, CODEBOOK_XSD);

const source = (name: string, content: string | Buffer) => ({
  name,
  contentBase64: Buffer.from(content).toString('base64'),
});
const importFixture = (study: TestStudy, file: string) =>
  study.call('codebook.importFile', { source: { path: join(FIXTURES, file) } });
const exportText = async (study: TestStudy, format: 'qdc' | 'json' | 'md', version?: number) =>
  Buffer.from(
    (await study.call('codebook.exportFile', { format, version })).contentBase64,
    'base64',
  ).toString('utf8');

interface FlatCode {
  guid: string;
  name: string;
  parent: string | null;
  color: string | null;
  description: string;
}

/** Every Code of a .qdc with its parent's guid, read independently of the importer. */
function flatCodes(xml: string): FlatCode[] {
  const root = asNode(parseUntrustedXml(xml, 'test').CodeBook)!;
  const out: FlatCode[] = [];
  const walk = (node: XmlNode, parent: string | null) => {
    const guid = attr(node, 'guid')!.replace(/[{}]/g, '').toLowerCase();
    out.push({
      guid,
      name: attr(node, 'name')!,
      parent,
      color: attr(node, 'color') ?? null,
      description: textOf(node.Description),
    });
    for (const c of asList(node.Code)) walk(c, guid);
  };
  for (const c of asList(asNode(root.Codes)!.Code)) walk(c, null);
  return out;
}

describe('.qdc import and export', () => {
  const tmp = useTmpDir();

  it('round trip .qdc → Concord → .qdc keeps every code, hierarchy, colour and description; XSD-valid', async () => {
    const dir = tmp();
    const study = openStudy(dir);
    const original = readFileSync(join(FIXTURES, 'concord-layout.qdc'), 'utf8');
    const r = await importFixture(study, 'concord-layout.qdc');
    expect(r).toEqual({
      version: 1,
      codes: 5,
      warnings: ['code "Mass messages" has no definition', 'code "Barriers" has no definition'],
    });
    const v = (await study.call('codebook.get', {}))!;
    const one = v.codes.find((c) => c.name === 'One-on-one & personal')!;
    expect(one.examples.positive).toEqual([
      '"I text Maria\'s mom every Friday."',
      '',
      '"  leading spaces kept"',
    ]);
    expect(one.inclusion).toBe(
      'The speaker describes contact aimed at a single family.\n\nAlso counts when a student carries the message.',
    );
    const comm = v.codes.find((c) => c.name === 'Communication')!;
    expect(comm).toEqual(
      expect.objectContaining({ shortLabel: 'COMM', exclusion: 'Contact among staff only.' }),
    );
    expect(comm.examples.positive[1]).toBe('"Teachers text parents,\nand parents text back."');
    expect(v.codes.find((c) => c.name === 'Barriers')!.exclusion).toBe('<Hypothetical> obstacles & wishes.');

    const exported = await exportText(study, 'qdc');
    const file = join(dir, 'out.qdc');
    writeFileSync(file, exported);
    expect(xsdErrors(file)).toBeNull();
    expect(flatCodes(exported)).toEqual(flatCodes(original));

    // and again: importing our own export changes nothing, keys included
    const again = await study.call('codebook.importFile', { source: source('again.qdc', exported) });
    expect(again.version).toBe(2);
    expect((await study.call('codebook.diff', { from: 1, to: 2 })).changes).toEqual([]);
    expect((await study.call('codebook.get', {}))!.codes.map((c) => c.key)).toEqual(
      v.codes.map((c) => c.key),
    );
  });

  it('exports the shipped 38-code codebook as valid .qdc that reads back losslessly', async () => {
    const dir = tmp();
    const study = openStudy(dir);
    const shipped = JSON.parse(
      readFileSync(join(here, '..', '..', 'codebooks', 'family-engagement.json'), 'utf8'),
    ) as ReturnType<typeof smallCodebook>;
    await importJsonCodebook(study, shipped);
    const file = join(dir, 'fe.qdc');
    writeFileSync(file, await exportText(study, 'qdc'));
    expect(xsdErrors(file)).toBeNull();
    await study.call('codebook.importFile', { source: { path: file } });
    const back = JSON.parse(await exportText(study, 'json')) as typeof shipped;
    const strip = (cb: typeof shipped) =>
      cb.codes.map(({ id, name, parent_id, definition, inclusion, exclusion, examples, color }) => ({
        id,
        name,
        parent_id,
        definition,
        inclusion,
        exclusion,
        examples,
        color,
      }));
    expect(back.codes).toHaveLength(38);
    expect(strip(back)).toEqual(strip(shipped));
  });

  it('imports codebooks written by ATLAS.ti, MAXQDA, NVivo and QualCoder', async () => {
    const study = openStudy(tmp());
    const atlas = await importFixture(study, 'atlasti.qdc');
    expect(atlas.codes).toBe(4);
    expect(atlas.warnings).toEqual([
      'code sets are not kept (Concord has no code sets): "Outreach (code group)"',
      'code "Barrier: work schedules" has no definition',
    ]);
    let cb = (await study.call('codebook.get', {}))!;
    expect(cb.codes.map((c) => [c.name, c.parentKey, c.color])).toEqual([
      ['Outreach: phone calls', null, '#3399FF'],
      ['Outreach: home visits', null, '#FF8000'],
      ['Barrier: work schedules', null, '#E60000'],
      ['Translation & interpreting', null, '#00A86B'],
    ]);
    expect(cb.codes[0]!.guid).toBe('6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f');
    expect(cb.codes[1]!.definition).toBe(
      'A teacher or counselor meets the family at home.\nOnly visits that actually happened, not plans.',
    );
    expect(cb.codes[3]!.definition).toBe(
      'Flyers, calls or meetings offered in a family\'s home language ("every flyer in both languages").',
    );

    const maxqda = await importFixture(study, 'maxqda.qdc');
    expect(maxqda.warnings).toEqual([
      'code sets are not kept (Concord has no code sets): "Code set: calibration"',
      'code "Mass messages" has no definition',
      'code "Robocalls" has no definition',
      'code "Relationships" has no definition',
    ]);
    cb = (await study.call('codebook.get', {}))!;
    const byName = new Map(cb.codes.map((c) => [c.name, c]));
    expect(byName.get('Robocalls')!.parentKey).toBe(byName.get('Mass messages')!.key);
    expect(byName.get('Mass messages')!.parentKey).toBe(byName.get('Communication')!.key);
    expect(byName.get('Mass messages')!.color).toBe('#cc0000');
    // MAXQDA writes memo line breaks as &#13; plus a CRLF; they read as plain line breaks
    expect(byName.get('One-on-one')!.definition).toBe(
      'Personal contact with a single family.\n\nCode the whole turn.',
    );

    const nvivo = await importFixture(study, 'nvivo.qdc');
    expect(nvivo.warnings).toContain('3 codes had no colour; Concord chose one');
    cb = (await study.call('codebook.get', {}))!;
    expect(cb.codes.map((c) => c.name)).toEqual([
      'Mindsets',
      'Families as partners',
      'Deficit views',
      'Leadership',
    ]);
    expect(cb.codes.every((c) => /^#[0-9A-F]{6}$/i.test(c.color))).toBe(true);
    expect(cb.codes[2]!.definition).toBe('Families are described as uninterested or unable to help.');
    expect(cb.codes[1]!.guid).toBe('1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e');

    const qualcoder = await importFixture(study, 'qualcoder.qdc');
    expect(qualcoder.warnings[0]).toBe(
      '2 codes are marked not codable (a grouping in the other tool); in Concord every code can be applied',
    );
    cb = (await study.call('codebook.get', {}))!;
    expect(
      cb.codes.map((c) => `${c.name}<${cb.codes.find((p) => p.key === c.parentKey)?.name ?? ''}`),
    ).toEqual([
      'Barriers<',
      'Language<Barriers',
      'Time<Barriers',
      'Interaction types<',
      'School event<Interaction types',
    ]);
    expect(cb.codes[0]!.definition).toBe('Category: things that keep families from taking part');
    expect((await study.call('codebook.versions', {})).map((v) => v.version)).toEqual([1, 2, 3, 4]);
  });

  it("re-exports other tools' codebooks as valid .qdc with their descriptions unchanged", async () => {
    const dir = tmp();
    for (const fixture of ['atlasti.qdc', 'maxqda.qdc', 'nvivo.qdc', 'qualcoder.qdc']) {
      const sub = join(dir, fixture.replace('.qdc', ''));
      mkdirSync(sub);
      const study = openStudy(sub);
      await importFixture(study, fixture);
      const out = join(dir, `re-${fixture}`);
      const text = await exportText(study, 'qdc');
      writeFileSync(out, text);
      expect(xsdErrors(out), fixture).toBeNull();
      const before = flatCodes(readFileSync(join(FIXTURES, fixture), 'utf8'));
      const after = flatCodes(text);
      expect(
        after.map((c) => [c.guid, c.name, c.parent]),
        fixture,
      ).toEqual(before.map((c) => [c.guid, c.name, c.parent]));
      // other tools' descriptions come back as they were, up to line ends and surrounding blanks
      expect(
        after.map((c) => c.description),
        fixture,
      ).toEqual(before.map((c) => c.description.replace(/\r\n?/g, '\n').trim()));
      study.session.close();
    }
  });

  it('keeps GUIDs that are valid for REFI but not RFC 4122 through the JSON form', async () => {
    const study = openStudy(tmp());
    const guid = 'AAAAAAAA-AAAA-AAAA-AAAA-AAAAAAAAAAAA';
    await study.call('codebook.importFile', {
      source: source(
        'odd.qdc',
        `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="${guid}" name="Odd" isCodable="true"/></Codes></CodeBook>`,
      ),
    });
    const json = await exportText(study, 'json');
    expect(JSON.parse(json)).toEqual(
      expect.objectContaining({ codes: [expect.objectContaining({ guid: guid.toLowerCase() })] }),
    );
    await study.call('codebook.importFile', { source: source('odd.json', json) });
    expect((await study.call('codebook.get', {}))!.codes[0]!.guid).toBe(guid.toLowerCase());
  });

  describe('bad input is rejected whole, with a clear message', () => {
    const rejects = async (
      study: TestStudy,
      src: { path: string } | { name: string; contentBase64: string },
      message: RegExp,
    ) => {
      const before = await study.call('codebook.versions', {});
      await expect(study.call('codebook.importFile', { source: src })).rejects.toThrow(message);
      expect(await study.call('codebook.versions', {})).toEqual(before);
    };

    it('malformed XML, DOCTYPE / entity tricks, duplicate guids, empty names, dangling set members', async () => {
      const dir = tmp();
      const study = openStudy(dir);
      await importJsonCodebook(study, smallCodebook());
      const at = (f: string) => ({ path: join(FIXTURES, f) });
      await rejects(study, at('malformed.qdc'), /not well-formed XML: .*line \d+/);
      await rejects(study, at('billion-laughs.qdc'), /DOCTYPE or ENTITY declaration, which Concord refuses/);
      await rejects(
        study,
        at('duplicate-guid.qdc'),
        /duplicate guid 5e6f7a8b-9c0d-4e1f-8a2b-4c5d6e7f8a9b: codes "Outreach" and "Home visits"/,
      );
      await rejects(study, at('empty-name.qdc'), /a code under "Outreach" has an empty name/);
      await rejects(
        study,
        at('unknown-set-member.qdc'),
        /set "Calibration set" refers to a code that is not in the file/,
      );
      await rejects(
        study,
        source(
          'x.qdc',
          '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="not-a-guid" name="A" isCodable="true"/></Codes></CodeBook>',
        ),
        /malformed guid "not-a-guid"/,
      );
      await rejects(
        study,
        source(
          'x.qdc',
          '<CodeBook><Codes><Code guid="0d1e2f3a-4b5c-4d6e-9f7a-9b0c1d2e3f4a" name="A &amp B" isCodable="true"/></Codes></CodeBook>',
        ),
        /a bare "&" on line 1/,
      );
      await rejects(
        study,
        source('x.qdc', '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes/></CodeBook>'),
        /the \.qdc file has no codes/,
      );
      await rejects(study, source('x.qdc', '<Sources/>'), /root element is <Sources>, expected <CodeBook>/);
      await rejects(
        study,
        source('x.qdc', Buffer.from([0xff, 0xfe, 0x00, 0xd8])),
        /not UTF-8 or UTF-16 text/,
      );
      await rejects(study, source('x.txt', 'name'), /cannot import "\.txt" as a codebook/);
    });

    it('an external entity never reads a local file', async () => {
      const dir = tmp();
      const secret = join(dir, 'secret.txt');
      writeFileSync(secret, 'TOP-SECRET-MARKER');
      const study = openStudy(dir);
      const hostile = `<?xml version="1.0"?>\n<!DOCTYPE CodeBook [ <!ENTITY leak SYSTEM "file://${secret}"> ]>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="3f2b8a6e-1c4d-4e5f-8a9b-0c1d2e3f4a5b" name="Leaked" isCodable="true"><Description>&leak;</Description></Code></Codes></CodeBook>`;
      const err = await study
        .call('codebook.importFile', { source: source('hostile.qdc', hostile) })
        .catch((e: Error) => e);
      expect(String(err)).toMatch(/DOCTYPE/);
      expect(String(err)).not.toMatch(/TOP-SECRET/);
      expect(await study.call('codebook.versions', {})).toEqual([]);
      // the same entity without a DOCTYPE is an undefined entity, also refused
      await expect(
        study.call('codebook.importFile', {
          source: source('h.qdc', hostile.replace(/<!DOCTYPE[^\n]*\n/, '')),
        }),
      ).rejects.toThrow(/&leak;/);
    });

    it('JSON: malformed, unknown parents, parent cycles, duplicate ids and guids, empty names', async () => {
      const study = openStudy(tmp());
      await importJsonCodebook(study, smallCodebook());
      const json = (cb: unknown) => source('cb.json', typeof cb === 'string' ? cb : JSON.stringify(cb));
      const cb = smallCodebook();
      await rejects(study, json('{"name": "Broken", "codes": [ {"id": "x", "name": '), /not valid JSON/);
      await rejects(
        study,
        json({ ...cb, codes: [...cb.codes, { id: 'x', name: 'X', parent_id: 'nowhere' }] }),
        /code "X" refers to an unknown parent "nowhere"/,
      );
      await rejects(
        study,
        json({
          ...cb,
          codes: [
            { id: 'a', name: 'A', parent_id: 'c' },
            { id: 'b', name: 'B', parent_id: 'a' },
            { id: 'c', name: 'C', parent_id: 'b' },
          ],
        }),
        /"a" → "c" → "b" → "a" form a cycle of parents/,
      );
      await rejects(
        study,
        json({ ...cb, codes: [...cb.codes, { ...cb.codes[0], name: 'Other' }] }),
        /code id "outreach" appears twice/,
      );
      const g = '3f2b8a6e-1c4d-4e5f-8a9b-0c1d2e3f4a5b';
      await rejects(
        study,
        json({
          ...cb,
          codes: [
            { id: 'a', name: 'A', guid: g },
            { id: 'b', name: 'B', guid: g.toUpperCase() },
          ],
        }),
        /guid .* is used by two codes \("A" and "B"\)/,
      );
      await rejects(
        study,
        json({ ...cb, codes: [{ id: 'a', name: '  ' }] }),
        /codes\[0\]\.name: a code name is empty/,
      );
      await rejects(study, json({ name: 'No codes', codes: [] }), /has no codes/);
      await rejects(study, json([1, 2]), /does not have the expected form/);
    });
  });

  it('imports a 5,000-code codebook quickly, as JSON and as .qdc', async () => {
    const dir = tmp();
    const study = openStudy(dir);
    const codes = Array.from({ length: 5000 }, (_, i) => ({
      id: `c${i}`,
      name: `Code ${i}`,
      parent_id: i < 50 ? null : `c${Math.floor(i / 50) - 1 + (i % 7 === 0 ? 0 : 0)}`,
      definition: `Definition of code ${i}, long enough to be realistic for a codebook entry.`,
      inclusion: 'Apply when it fits.',
      exclusion: 'Do not apply otherwise.',
      examples: { positive: [`example ${i}`], negative: [] },
      color: '#336699',
    }));
    let t = performance.now();
    const r = await importJsonCodebook(study, { name: 'Huge', codes });
    expect(r.codes).toBe(5000);
    console.log(`5,000 codes: JSON import ${Math.round(performance.now() - t)} ms`);
    expect(performance.now() - t).toBeLessThan(3000);
    const file = join(dir, 'huge.qdc');
    writeFileSync(file, await exportText(study, 'qdc'));
    expect(xsdErrors(file)).toBeNull();
    t = performance.now();
    const back = await study.call('codebook.importFile', { source: { path: file } });
    expect(back).toEqual({ version: 2, codes: 5000, warnings: [] });
    console.log(`5,000 codes: .qdc import ${Math.round(performance.now() - t)} ms`);
    expect(performance.now() - t).toBeLessThan(3000);
    expect((await study.call('codebook.diff', { from: 1, to: 2 })).changes).toEqual([]);
  });
});
