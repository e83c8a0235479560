import { describe, expect, it } from 'vitest';
import { resolveCodeInVersion } from '../../electron/backend/codebook/lineage';
import {
  addTranscript,
  importJsonCodebook,
  openStudy,
  smallCodebook,
  type TestStudy,
} from '../coding/studyProject';
import { useTmpDir } from '../helpers/tmp';

async function studyWithLabel(dir: string) {
  const study = openStudy(dir);
  const doc = addTranscript(study.db, 'harbor-principal', [
    'Interviewer: How do families hear from you?',
    'Principal: Every teacher calls two families a week.',
    'Principal: The counselor visits homes in August.',
  ]);
  await importJsonCodebook(study, smallCodebook());
  const ana = await study.call('coders.create', { name: 'Ana' });
  const label = await study.call('coding.apply', {
    segmentId: doc.segments[1]!.id,
    codeKey: 'outreach-calls',
    coderId: ana.id,
  });
  return { study, doc, ana, label };
}

const codeInput = (study: TestStudy, version: number, key: string) =>
  study.call('codebook.get', { version }).then((cb) => {
    const c = cb!.codes.find((x) => x.key === key)!;
    return {
      key: c.key,
      parentKey: c.parentKey,
      name: c.name,
      shortLabel: c.shortLabel,
      definition: c.definition,
      inclusion: c.inclusion,
      exclusion: c.exclusion,
      examples: c.examples,
      color: c.color,
    };
  });

describe('codebook versions', () => {
  const tmp = useTmpDir();

  it('a label made under v1 still points to v1 after v2 renames the code, and the diff lists the rename', async () => {
    const { study, label } = await studyWithLabel(tmp());
    expect(label.codebookVersion).toBe(1);
    const versions = await study.call('codebook.versions', {});
    expect(versions[0]!.frozen).toBe(true);

    const edit = await study.call('codebook.saveCode', {
      version: 1,
      code: { ...(await codeInput(study, 1, 'outreach-calls')), name: 'Proactive calls' },
    });
    expect(edit).toEqual({ version: 2, createdVersion: true, key: 'outreach-calls' });

    const labels = await study.call('coding.documentLabels', { documentId: 1 });
    expect(labels).toEqual([
      expect.objectContaining({
        id: label.id,
        codeId: label.codeId,
        codeName: 'Phone calls',
        codebookVersion: 1,
      }),
    ]);
    const v2 = await study.call('codebook.get', {});
    expect(v2!.version).toBe(2);
    expect(v2!.active).toBe(true);
    expect(v2!.codes.find((c) => c.key === 'outreach-calls')).toEqual(
      expect.objectContaining({ name: 'Proactive calls', usage: 0, usageAllVersions: 1 }),
    );
    expect(v2!.changeLog).toEqual([
      expect.objectContaining({
        kind: 'renamed',
        key: 'outreach-calls',
        detail: '"Phone calls" → "Proactive calls"',
      }),
    ]);

    const diff = await study.call('codebook.diff', { from: 1, to: 2 });
    expect(diff.changes).toEqual([
      {
        kind: 'renamed',
        key: 'outreach-calls',
        name: 'Proactive calls',
        detail: '"Phone calls" → "Proactive calls"',
      },
    ]);
    // the renamed code keeps its key and guid, so analyses follow it
    const resolved = resolveCodeInVersion(study.db, label.codeId, 2);
    expect(resolved.codes.map((c) => c.name)).toEqual(['Proactive calls']);
    expect(resolved.codes[0]!.guid).toBe(v2!.codes.find((c) => c.key === 'outreach-calls')!.guid);
  });

  it('edits an unfrozen version in place (logged), and later edits of a frozen version go to its open draft', async () => {
    const study = openStudy(tmp());
    await importJsonCodebook(study, smallCodebook());
    const added = await study.call('codebook.saveCode', {
      version: 1,
      code: { parentKey: 'barriers', name: 'Work schedules', definition: 'Shifts.' },
    });
    expect(added).toEqual({ version: 1, createdVersion: false, key: 'work-schedules' });
    const v1 = await study.call('codebook.get', { version: 1 });
    expect(v1!.codes.map((c) => c.key)).toContain('work-schedules');
    expect(v1!.changeLog.map((e) => e.kind)).toEqual(['imported', 'added']);

    const doc = addTranscript(study.db, 'd', ['A: one', 'B: two']);
    const ana = await study.call('coders.create', { name: 'Ana' });
    await study.call('coding.apply', {
      segmentId: doc.segments[0]!.id,
      codeKey: 'barriers',
      coderId: ana.id,
    });
    const first = await study.call('codebook.saveCode', {
      version: 1,
      code: { ...(await codeInput(study, 1, 'barriers')), color: '#000000' },
    });
    expect(first).toEqual({ version: 2, createdVersion: true, key: 'barriers' });
    // a UI that still shows version 1 edits the same draft instead of forking another
    const second = await study.call('codebook.deleteCode', { version: 1, key: 'work-schedules' });
    expect(second).toEqual({ version: 2, createdVersion: false, key: 'work-schedules' });
    const v2 = await study.call('codebook.get', { version: 2 });
    expect(v2!.changeLog.map((e) => e.kind)).toEqual(['recolored', 'removed']);
    expect(
      (await study.call('codebook.versions', {})).map((v) => [v.version, v.frozen, v.active, v.codes]),
    ).toEqual([
      [1, true, false, 5],
      [2, false, true, 4],
    ]);
    // an unchanged save creates nothing
    const none = await study.call('codebook.saveCode', {
      version: 2,
      code: await codeInput(study, 2, 'outreach'),
    });
    expect(none).toEqual({ version: 2, createdVersion: false, key: 'outreach' });
  });

  it('refuses to delete a code with labels from an unfrozen version, and a frozen version refuses writes', async () => {
    const { study } = await studyWithLabel(tmp());
    // a version can only hold labels unfrozen if someone unfroze it by hand; the backend still says why it refuses
    study.db.prepare('UPDATE codebook_versions SET frozen = 0 WHERE version = 1').run();
    await expect(study.call('codebook.deleteCode', { version: 1, key: 'outreach-calls' })).rejects.toThrow(
      /code "Phone calls" has 1 label in codebook version 1; remove or move them first/,
    );
    expect((await study.call('codebook.get', { version: 1 }))!.codes).toHaveLength(4);
    study.db.prepare('UPDATE codebook_versions SET frozen = 1 WHERE version = 1').run();
    expect(() => study.db.prepare("UPDATE codes SET name = 'x' WHERE code_key = 'outreach'").run()).toThrow(
      /frozen/,
    );
  });

  it('merges codes in a new version; old labels stay on v1 rows and resolve to the target', async () => {
    const { study, doc, ana, label } = await studyWithLabel(tmp());
    const r = await study.call('codebook.mergeCodes', {
      version: 1,
      sourceKeys: ['outreach-calls'],
      targetKey: 'outreach-visits',
    });
    expect(r).toEqual({ version: 2, createdVersion: true, key: 'outreach-visits' });
    const v2 = await study.call('codebook.get', {});
    expect(v2!.codes.map((c) => c.key)).toEqual(['outreach', 'outreach-visits', 'barriers']);
    expect(v2!.changeLog[0]).toEqual({
      kind: 'merged',
      key: 'outreach-calls',
      name: 'Phone calls',
      detail: 'merged into "Home visits"',
      into: ['outreach-visits'],
    });

    const labels = await study.call('coding.documentLabels', { documentId: doc.id });
    expect(labels.map((l) => [l.id, l.codeKey, l.codebookVersion])).toEqual([
      [label.id, 'outreach-calls', 1],
    ]);
    const resolved = resolveCodeInVersion(study.db, label.codeId, 2);
    expect(resolved.codes.map((c) => c.code_key)).toEqual(['outreach-visits']);
    expect(resolved.via.map((e) => e.kind)).toEqual(['merged']);
    // filtering the reader by the target finds the segment coded with the merged code
    expect(await study.call('coding.segmentsWithCode', { codeKey: 'outreach-visits' })).toEqual([
      { documentId: doc.id, segmentId: doc.segments[1]!.id, index: 1 },
    ]);
    // new coding uses v2
    const fresh = await study.call('coding.apply', {
      segmentId: doc.segments[2]!.id,
      codeKey: 'outreach-visits',
      coderId: ana.id,
    });
    expect(fresh.codebookVersion).toBe(2);
    expect(
      await study
        .call('coding.apply', { segmentId: doc.segments[2]!.id, codeKey: 'outreach-calls', coderId: ana.id })
        .catch((e: Error) => e.message),
    ).toMatch(/active codebook \(version 2\) has no code "outreach-calls"/);
    const diff = await study.call('codebook.diff', { from: 1, to: 2 });
    expect(diff.changes).toEqual([
      expect.objectContaining({ kind: 'merged', key: 'outreach-calls', into: ['outreach-visits'] }),
    ]);
  });

  it('splits a code: old labels stay on the old version, the log and resolution name every part', async () => {
    const { study, label } = await studyWithLabel(tmp());
    const parts = [
      { parentKey: 'outreach', name: 'Good-news calls', definition: 'Calls with good news.' },
      { parentKey: 'outreach', name: 'Problem calls', definition: 'Calls about problems.' },
    ];
    const r = await study.call('codebook.splitCode', { version: 1, key: 'outreach-calls', into: parts });
    expect(r).toEqual({ version: 2, createdVersion: true, key: 'good-news-calls' });
    const v2 = await study.call('codebook.get', {});
    expect(v2!.codes.map((c) => c.name)).toEqual([
      'Outreach',
      'Good-news calls',
      'Problem calls',
      'Home visits',
      'Barriers',
    ]);
    expect(v2!.changeLog[0]).toEqual(
      expect.objectContaining({
        kind: 'split',
        key: 'outreach-calls',
        into: ['good-news-calls', 'problem-calls'],
      }),
    );
    expect(resolveCodeInVersion(study.db, label.codeId, 2).codes.map((c) => c.code_key)).toEqual([
      'good-news-calls',
      'problem-calls',
    ]);
    expect(resolveCodeInVersion(study.db, label.codeId, 1).codes.map((c) => c.id)).toEqual([label.codeId]);
    expect((await study.call('coding.documentLabels', { documentId: 1 }))[0]!.codebookVersion).toBe(1);
  });

  it('a split that keeps the original narrowed: only labels from before the split count for the new part', async () => {
    const { study, doc, ana, label } = await studyWithLabel(tmp());
    const kept = {
      ...(await codeInput(study, 1, 'outreach-calls')),
      definition: 'Only calls with good news.',
    };
    await study.call('codebook.splitCode', {
      version: 1,
      key: 'outreach-calls',
      into: [kept, { parentKey: 'outreach', name: 'Problem calls' }],
    });
    const after = await study.call('coding.apply', {
      segmentId: doc.segments[2]!.id,
      codeKey: 'outreach-calls',
      coderId: ana.id,
    });
    expect(after.codebookVersion).toBe(2);
    const seg = (i: number) => ({ documentId: doc.id, segmentId: doc.segments[i]!.id, index: i });
    expect(await study.call('coding.segmentsWithCode', { codeKey: 'problem-calls' })).toEqual([seg(1)]);
    expect(await study.call('coding.segmentsWithCode', { codeKey: 'outreach-calls' })).toEqual([
      seg(1),
      seg(2),
    ]);
    expect(resolveCodeInVersion(study.db, label.codeId, 2).codes.map((c) => c.code_key)).toEqual([
      'outreach-calls',
      'problem-calls',
    ]);
    expect(resolveCodeInVersion(study.db, after.codeId, 2).codes.map((c) => c.code_key)).toEqual([
      'outreach-calls',
    ]);
    const diff = await study.call('codebook.diff', { from: 1, to: 2 });
    expect(diff.changes.map((e) => e.kind)).toEqual(['split', 'redefined', 'added']);
  });

  it('moves codes, switches the active version and counts usage per code', async () => {
    const { study, doc, ana } = await studyWithLabel(tmp());
    await study.call('coding.apply', {
      segmentId: doc.segments[2]!.id,
      codeKey: 'outreach-calls',
      coderId: ana.id,
    });
    const bo = await study.call('coders.create', { name: 'Bo' });
    await study.call('coding.apply', { segmentId: doc.segments[2]!.id, codeKey: 'barriers', coderId: bo.id });
    const v1 = await study.call('codebook.get', {});
    expect(Object.fromEntries(v1!.codes.map((c) => [c.key, c.usage]))).toEqual({
      outreach: 0,
      'outreach-calls': 2,
      'outreach-visits': 0,
      barriers: 1,
    });

    const moved = await study.call('codebook.moveCode', {
      version: 1,
      key: 'barriers',
      parentKey: null,
      index: 0,
    });
    expect(moved.version).toBe(2);
    expect((await study.call('codebook.get', {}))!.codes.map((c) => c.key)).toEqual([
      'barriers',
      'outreach',
      'outreach-calls',
      'outreach-visits',
    ]);
    await study.call('codebook.setActive', { version: 1 });
    expect((await study.call('codebook.get', {}))!.version).toBe(1);
    expect((await study.call('codebook.versions', {})).map((v) => v.active)).toEqual([true, false]);
    await expect(study.call('codebook.setActive', { version: 9 })).rejects.toThrow(
      /version 9 does not exist/,
    );
  });
});
