import { describe, expect, it } from 'vitest';
import { addTranscript, importJsonCodebook, openStudy, smallCodebook } from './studyProject';
import { useTmpDir } from '../helpers/tmp';

async function codingStudy(dir: string) {
  const study = openStudy(dir, 'lead');
  const doc = addTranscript(study.db, 'willow-teacher', [
    'Interviewer: Tell me about the family group.',
    'Teacher: Parents run a Thursday coffee hour. They set the agenda.',
    'Teacher: Students write the invitations by hand 🌟 so families read them.',
  ]);
  const other = addTranscript(study.db, 'cedar-family', ['Parent: The teacher came to our apartment.']);
  await importJsonCodebook(study, smallCodebook());
  const ana = await study.call('coders.create', { name: 'Ana' });
  const bo = await study.call('coders.create', { name: 'Bo' });
  return { study, doc, other, ana, bo };
}

const history = (db: import('better-sqlite3').Database) =>
  db
    .prepare("SELECT action FROM history WHERE entity IN ('label', 'segment') ORDER BY id")
    .pluck()
    .all() as string[];

describe('manual coding', () => {
  const tmp = useTmpDir();

  it('applies a code with coder, version and time, marks the segment coded and records history', async () => {
    const { study, doc, ana } = await codingStudy(tmp());
    const seg = doc.segments[1]!;
    const label = await study.call('coding.apply', {
      segmentId: seg.id,
      codeKey: 'outreach',
      coderId: ana.id,
      memo: 'coffee hour',
    });
    expect(label).toEqual(
      expect.objectContaining({
        segmentId: seg.id,
        codeKey: 'outreach',
        codeName: 'Outreach',
        color: '#1F77B4',
        coderId: ana.id,
        coderName: 'Ana',
        source: 'human',
        span: null,
        memo: 'coffee hour',
        confidence: null,
        codebookVersion: 1,
      }),
    );
    expect(Date.parse(label.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    // applying again is idempotent
    expect(
      (await study.call('coding.apply', { segmentId: seg.id, codeKey: 'outreach', coderId: ana.id })).id,
    ).toBe(label.id);
    expect(
      study.db.prepare('SELECT coder_id, segment_id, codebook_version_id FROM coded_segments').all(),
    ).toEqual([{ coder_id: ana.id, segment_id: seg.id, codebook_version_id: 1 }]);
    expect(await study.call('coding.doneSegments', { documentId: doc.id, coderId: ana.id })).toEqual([
      seg.id,
    ]);
    expect(history(study.db)).toEqual(['label.add']);
    expect((await study.call('coders.list', {})).map((c) => [c.name, c.labels])).toEqual([
      ['Ana', 1],
      ['Bo', 0],
    ]);
  });

  it('keeps an exact evidence span inside the segment, and refuses one outside it', async () => {
    const { study, doc, ana } = await codingStudy(tmp());
    const seg = doc.segments[2]!;
    const text = (await study.db
      .prepare('SELECT text FROM documents WHERE id = ?')
      .pluck()
      .get(doc.id)) as string;
    const phrase = 'so families read them';
    const start = text.indexOf(phrase);
    const label = await study.call('coding.apply', {
      segmentId: seg.id,
      codeKey: 'barriers',
      coderId: ana.id,
      span: { start, end: start + phrase.length },
    });
    expect(label.span).toEqual({ start, end: start + phrase.length });
    expect(text.slice(label.span!.start, label.span!.end)).toBe(phrase);
    await expect(
      study.call('coding.apply', {
        segmentId: seg.id,
        codeKey: 'barriers',
        coderId: ana.id,
        span: { start: seg.start - 1, end: seg.start + 3 },
      }),
    ).rejects.toThrow(/lies outside segment 3/);
    await expect(
      study.call('coding.apply', {
        segmentId: seg.id,
        codeKey: 'barriers',
        coderId: ana.id,
        span: { start: seg.end - 2, end: seg.end + 1 },
      }),
    ).rejects.toThrow(/lies outside/);
    await expect(
      study.call('coding.apply', {
        segmentId: seg.id,
        codeKey: 'barriers',
        coderId: ana.id,
        span: { start: 20, end: 20 },
      }),
    ).rejects.toThrow(/bad_params|end|empty/);
    // a whole-segment label and a span label of the same code can coexist
    const whole = await study.call('coding.apply', {
      segmentId: seg.id,
      codeKey: 'barriers',
      coderId: ana.id,
    });
    expect(whole.id).not.toBe(label.id);
  });

  it("edits memos and removes only the coder's own labels; removing the last one unmarks the segment", async () => {
    const { study, doc, ana, bo } = await codingStudy(tmp());
    const seg = doc.segments[1]!;
    const label = await study.call('coding.apply', {
      segmentId: seg.id,
      codeKey: 'outreach',
      coderId: ana.id,
    });
    expect((await study.call('coding.setMemo', { labelId: label.id, memo: 'check with Bo' })).memo).toBe(
      'check with Bo',
    );
    await expect(study.call('coding.remove', { labelId: label.id, coderId: bo.id })).rejects.toThrow(
      /belongs to another coder \("Ana"\)/,
    );
    const removed = await study.call('coding.remove', { labelId: label.id, coderId: ana.id });
    expect(removed.removed).toEqual(expect.objectContaining({ id: label.id, memo: 'check with Bo' }));
    expect(await study.call('coding.documentLabels', { documentId: doc.id })).toEqual([]);
    expect(await study.call('coding.doneSegments', { documentId: doc.id, coderId: ana.id })).toEqual([]);
    await expect(study.call('coding.remove', { labelId: label.id, coderId: ana.id })).rejects.toThrow(
      /label \d+ does not exist/,
    );
    // undo of the removal = apply again with what the removal returned
    const redo = await study.call('coding.apply', {
      segmentId: seg.id,
      codeKey: removed.removed.codeKey,
      coderId: ana.id,
      memo: removed.removed.memo,
    });
    expect(redo.memo).toBe('check with Bo');
    expect(history(study.db)).toEqual(['label.add', 'label.memo', 'label.remove', 'label.add']);
    // "coded, nothing applies" can be recorded explicitly
    await study.call('coding.setSegmentDone', { segmentId: doc.segments[0]!.id, coderId: bo.id, done: true });
    expect(await study.call('coding.doneSegments', { documentId: doc.id, coderId: bo.id })).toEqual([
      doc.segments[0]!.id,
    ]);
    await expect(
      study.call('coding.setSegmentDone', { segmentId: seg.id, coderId: ana.id, done: false }),
    ).rejects.toThrow(/has codes on this segment/);
  });

  it("blind mode: only the asking coder's labels leave the backend", async () => {
    const { study, doc, ana, bo } = await codingStudy(tmp());
    await study.call('coding.apply', {
      segmentId: doc.segments[1]!.id,
      codeKey: 'outreach',
      coderId: ana.id,
    });
    await study.call('coding.apply', { segmentId: doc.segments[1]!.id, codeKey: 'barriers', coderId: bo.id });
    await study.call('coding.apply', {
      segmentId: doc.segments[2]!.id,
      codeKey: 'outreach-calls',
      coderId: bo.id,
    });
    const all = await study.call('coding.documentLabels', { documentId: doc.id });
    expect(all.map((l) => [l.coderName, l.codeKey])).toEqual([
      ['Ana', 'outreach'],
      ['Bo', 'barriers'],
      ['Bo', 'outreach-calls'],
    ]);
    const blind = await study.call('coding.documentLabels', { documentId: doc.id, onlyCoderId: ana.id });
    expect(blind.map((l) => [l.coderName, l.codeKey])).toEqual([['Ana', 'outreach']]);
    expect(JSON.stringify(blind)).not.toContain('Bo');
    expect(await study.call('coding.segmentsWithCode', { codeKey: 'outreach', coderId: bo.id })).toEqual([]);
    expect(
      await study.call('coding.segmentsWithCode', {
        codeKey: 'outreach',
        coderId: ana.id,
        documentId: doc.id,
      }),
    ).toEqual([{ documentId: doc.id, segmentId: doc.segments[1]!.id, index: 1 }]);
    await expect(
      study.call('coding.documentLabels', { documentId: doc.id, onlyCoderId: 999 }),
    ).rejects.toThrow(/coder 999 does not exist/);
  });

  it('says clearly what is wrong: no codebook, unknown code, segment, coder or an AI coder', async () => {
    const dir = tmp();
    const bare = openStudy(dir);
    const d = addTranscript(bare.db, 'x', ['A: hello']);
    const c = await bare.call('coders.create', { name: 'Ana' });
    await expect(
      bare.call('coding.apply', { segmentId: d.segments[0]!.id, codeKey: 'x', coderId: c.id }),
    ).rejects.toThrow(/no codebook yet/);
    bare.session.close();

    const { study, doc, ana } = await codingStudy(tmp());
    await expect(
      study.call('coding.apply', { segmentId: doc.segments[0]!.id, codeKey: 'nope', coderId: ana.id }),
    ).rejects.toThrow(/has no code "nope"/);
    await expect(
      study.call('coding.apply', { segmentId: 9999, codeKey: 'outreach', coderId: ana.id }),
    ).rejects.toThrow(/segment 9999 does not exist/);
    await expect(
      study.call('coding.apply', { segmentId: doc.segments[0]!.id, codeKey: 'outreach', coderId: 77 }),
    ).rejects.toThrow(/coder 77 does not exist/);
    study.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('gpt', 'ai', 'g-ai', 'now')")
      .run();
    const ai = study.db.prepare("SELECT id FROM coders WHERE name = 'gpt'").pluck().get() as number;
    await expect(
      study.call('coding.apply', { segmentId: doc.segments[0]!.id, codeKey: 'outreach', coderId: ai }),
    ).rejects.toThrow(/is an AI coder/);
    await expect(study.call('coders.create', { name: 'gpt' })).rejects.toThrow(/is an AI coder/);
    expect((await study.call('coders.create', { name: ' Ana ' })).id).toBe(ana.id);
  });
});
