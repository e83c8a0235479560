import { describe, expect, it } from 'vitest';
import { addTranscript, importJsonCodebook, openStudy, smallCodebook } from './studyProject';
import { useTmpDir } from '../helpers/tmp';

async function csvStudy(dir: string) {
  const study = openStudy(dir);
  const harbor = addTranscript(study.db, 'harbor-principal', [
    'Interviewer: How?',
    'Principal: We call.',
    'Principal: Shifts get in the way.',
  ]);
  const willow = addTranscript(study.db, 'willow-teacher', ['Interviewer: And?', 'Teacher: Home visits.']);
  await importJsonCodebook(study, smallCodebook());
  const importCsv = (csv: string) =>
    study.call('coding.importLabelsCsv', {
      source: { name: 'labels.csv', contentBase64: Buffer.from(csv).toString('base64') },
    });
  const counts = () =>
    study.db
      .prepare(
        'SELECT (SELECT count(*) FROM labels) AS labels, (SELECT count(*) FROM coders) AS coders, (SELECT count(*) FROM coded_segments) AS coded',
      )
      .get();
  return { study, harbor, willow, importCsv, counts };
}

describe('human labels CSV import', () => {
  const tmp = useTmpDir();

  it('imports labels by document name, segment index or uid, code name or key; creates coders; marks coded segments', async () => {
    const { study, harbor, willow, importCsv } = await csvStudy(tmp());
    const csv = [
      '\uFEFFdocument,segment,coder,code,note',
      'harbor-principal,1,Ana,Phone calls,first',
      'harbor-principal,2,Ana,barriers,',
      `willow-teacher,${willow.segments[1]!.uid},Ana,outreach-visits,`,
      'harbor-principal,1,Bo,phone calls,case-insensitive name',
      'harbor-principal,2,Bo,,"coded, nothing applies"',
      'harbor-principal,1,Ana,Phone calls,duplicate row',
    ].join('\r\n');
    const r = await importCsv(csv);
    expect(r).toEqual({
      labels: 4,
      coders: ['Ana', 'Bo'],
      warnings: ['ignored columns: note', '1 row repeated a label already in the file'],
    });
    const labels = await study.call('coding.documentLabels', { documentId: harbor.id });
    expect(labels.map((l) => [l.coderName, l.segmentId, l.codeKey, l.source, l.codebookVersion])).toEqual([
      ['Ana', harbor.segments[1]!.id, 'outreach-calls', 'human', 1],
      ['Bo', harbor.segments[1]!.id, 'outreach-calls', 'human', 1],
      ['Ana', harbor.segments[2]!.id, 'barriers', 'human', 1],
    ]);
    const coded = study.db
      .prepare(
        'SELECT k.name, c.segment_id FROM coded_segments c JOIN coders k ON k.id = c.coder_id ORDER BY k.name, c.segment_id',
      )
      .all();
    expect(coded).toEqual([
      { name: 'Ana', segment_id: harbor.segments[1]!.id },
      { name: 'Ana', segment_id: harbor.segments[2]!.id },
      { name: 'Ana', segment_id: willow.segments[1]!.id },
      { name: 'Bo', segment_id: harbor.segments[1]!.id },
      { name: 'Bo', segment_id: harbor.segments[2]!.id },
    ]);
    expect(
      study.db.prepare("SELECT count(*) FROM history WHERE action = 'labels.import'").pluck().get(),
    ).toBe(1);
    // importing the same file again adds nothing
    const again = await importCsv(csv);
    expect(again.labels).toBe(0);
    expect(again.warnings).toContain('4 labels were already in the project');
  });

  it('rejects the whole file on any unknown document, segment or code, naming the lines', async () => {
    const { importCsv, counts } = await csvStudy(tmp());
    const before = counts();
    const csv = [
      'document,segment,coder,code',
      'harbor-principal,1,Ana,Phone calls',
      'nowhere,1,Ana,Phone calls',
      'harbor-principal,7,Ana,Phone calls',
      'harbor-principal,1,Ana,Telepathy',
      'harbor-principal,not-a-uid,Ana,Barriers',
      'harbor-principal,1,,Barriers',
    ].join('\n');
    const err = await importCsv(csv).catch((e: Error) => e.message);
    expect(err).toMatch(
      /^nothing imported: 5 bad rows in labels\.csv: line 3: unknown document "nowhere"; line 4: document "harbor-principal" has no segment 7/,
    );
    expect(err).toMatch(/line 5: unknown code "Telepathy" \(not in the active codebook, version 1\)/);
    expect(err).toMatch(/line 6: unknown segment "not-a-uid"/);
    expect(err).toMatch(/line 7: the coder is empty$/);
    expect(counts()).toEqual(before);
  });

  it('refuses a missing header, a malformed CSV, an empty file, a segment uid of another document and an AI coder', async () => {
    const { study, willow, importCsv, counts } = await csvStudy(tmp());
    const before = counts();
    await expect(importCsv('doc,seg,coder,code\nharbor-principal,1,Ana,Barriers')).rejects.toThrow(
      /needs the header document,segment,coder,code \(missing: document, segment/,
    );
    await expect(importCsv('document,segment,coder,code\n"harbor-principal,1,Ana,Barriers')).rejects.toThrow(
      /labels CSV is malformed/,
    );
    await expect(importCsv('document,segment,coder,code\nharbor-principal,1,Ana')).rejects.toThrow(
      /malformed/,
    );
    await expect(importCsv('')).rejects.toThrow(/is empty/);
    await expect(importCsv('document,segment,coder,code\n')).rejects.toThrow(/header but no rows/);
    await expect(
      importCsv(`document,segment,coder,code\nharbor-principal,${willow.segments[0]!.uid},Ana,Barriers`),
    ).rejects.toThrow(/belongs to another document/);
    study.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('gpt', 'ai', 'g-ai', 'now')")
      .run();
    const withAi = counts();
    await expect(importCsv('document,segment,coder,code\nharbor-principal,1,gpt,Barriers')).rejects.toThrow(
      /line 2: "gpt" is an AI coder/,
    );
    expect(counts()).toEqual(withAi);
    expect(before).not.toEqual(withAi);
  });

  it('asks for a key when two codes share a name, and for a uid when two documents do', async () => {
    const { study, importCsv } = await csvStudy(tmp());
    await study.call('codebook.saveCode', {
      version: 1,
      code: { parentKey: 'barriers', name: 'Phone calls' },
    });
    addTranscript(study.db, 'harbor-principal', ['A: duplicate name']);
    const err = await importCsv(
      'document,segment,coder,code\nwillow-teacher,1,Ana,Phone calls\nharbor-principal,0,Ana,Barriers',
    ).catch((e: Error) => e.message);
    expect(err).toMatch(/line 2: several codes are named "Phone calls"; use the code's key/);
    expect(err).toMatch(/line 3: several documents are named "harbor-principal"; use the document's uid/);
  });
});
