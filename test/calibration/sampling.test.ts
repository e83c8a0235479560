import { afterEach, describe, expect, it } from 'vitest';
import { recommendedSize } from '../../electron/backend/calibration/recommendedSize';
import { allocate, drawSample } from '../../electron/backend/calibration/sampling';
import { useTmpDir } from '../helpers/tmp';
import { type Study, openStudy } from './fixture';

const candidates = (sizes: Record<string, number>) =>
  Object.entries(sizes).flatMap(([stratum, n], h) =>
    Array.from({ length: n }, (_x, i) => ({ id: h * 1000 + i, stratum })),
  );

describe('drawing a sample (pure)', () => {
  it('is reproducible: same seed, same sample; another seed, another sample', () => {
    const c = candidates({ '': 500 });
    const a = drawSample(c, 40, 11);
    expect(drawSample(c, 40, 11)).toEqual(a);
    expect(drawSample(c, 40, 12).ids).not.toEqual(a.ids);
    expect(a.ids).toHaveLength(40);
    expect(new Set(a.ids).size).toBe(40);
    // in the candidates' order
    expect([...a.ids].sort((x, y) => x - y)).toEqual(a.ids);
  });

  it('draws uniformly: every candidate about equally often over many seeds', () => {
    const c = candidates({ '': 20 });
    const hits = new Array<number>(20).fill(0);
    for (let seed = 0; seed < 2000; seed++) for (const id of drawSample(c, 5, seed).ids) hits[id]!++;
    // expected 500 each; a binomial(2000, 1/4) sd is ~19
    for (const h of hits) expect(Math.abs(h - 500)).toBeLessThan(80);
  });

  it('allocates proportionally by largest remainders, never more than a stratum has', () => {
    // quotas 10·(5, 3, 2)/10 = 5, 3, 2 exactly
    expect(allocate([50, 30, 20], 10, 'proportional')).toEqual([5, 3, 2]);
    // quotas 7·(1/3 each) = 2.33…: the leftover unit goes to the first stratum
    expect(allocate([10, 10, 10], 7, 'proportional')).toEqual([3, 2, 2]);
    // quotas 4·(1, 1, 98)/100 = 0.04, 0.04, 3.92 → 0, 0, 4
    expect(allocate([1, 1, 98], 4, 'proportional')).toEqual([0, 0, 4]);
    expect(allocate([3, 3], 6, 'proportional')).toEqual([3, 3]);
    expect(() => allocate([3, 3], 7, 'proportional')).toThrow(/exceeds/);
  });

  it('allocates equally, handing a small stratum’s share to the others', () => {
    expect(allocate([50, 30, 20], 12, 'equal')).toEqual([4, 4, 4]);
    expect(allocate([50, 2, 20], 12, 'equal')).toEqual([5, 2, 5]);
    expect(allocate([1, 1, 1, 1], 2, 'equal')).toEqual([1, 1, 0, 0]);
    expect(allocate([50, 2, 0], 30, 'equal')).toEqual([28, 2, 0]);
  });

  it('stratifies: each stratum gets its allocation, drawn from its own members', () => {
    const c = candidates({
      'bright × family': 40,
      'bright × teacher': 20,
      'partner × family': 30,
      'partner × teacher': 10,
    });
    const { ids, strata } = drawSample(c, 20, 5);
    expect(strata).toEqual([
      { stratum: 'bright × family', available: 40, drawn: 8 },
      { stratum: 'bright × teacher', available: 20, drawn: 4 },
      { stratum: 'partner × family', available: 30, drawn: 6 },
      { stratum: 'partner × teacher', available: 10, drawn: 2 },
    ]);
    const byStratum = (s: string) => ids.filter((id) => c.find((x) => x.id === id)!.stratum === s).length;
    expect(byStratum('partner × teacher')).toBe(2);
    expect(byStratum('bright × family')).toBe(8);
  });
});

describe('recommended calibration size', () => {
  it('takes the larger of the positives rule and the κ interval rule', () => {
    // p = 0.1: 20 / 0.1 = 200 segments for 20 positives; κ = 0.7: p_e = 0.82, p_o = 0.946,
    // n = 1.96² · 0.946 · 0.054 / (0.1² · 0.18²) = 605.6 → 606
    const r = recommendedSize({ prevalence: 0.1, minPositives: 20, kappa: 0.7, halfWidth: 0.1 });
    expect(r).toMatchObject({ size: 606, byPositives: 200, byKappaInterval: 606, capped: false });
    expect(r.note).toMatch(/about 20 positive segments/);
    // a common code and a loose interval: the positives rule wins
    expect(recommendedSize({ prevalence: 0.02, minPositives: 20, kappa: 0.7, halfWidth: 0.5 }).size).toBe(
      1000,
    );
    const capped = recommendedSize({
      prevalence: 0.1,
      minPositives: 20,
      kappa: 0.7,
      halfWidth: 0.1,
      available: 300,
    });
    expect(capped).toMatchObject({ size: 300, capped: true });
    expect(capped.note).toMatch(/Only 300 segments are eligible/);
  });
});

const tmp = useTmpDir();
let study: Study | null = null;
afterEach(() => {
  study?.close();
  study = null;
});

describe('samples in a project', () => {
  it('draws a stratified sample without interviewer turns, reproducibly from its seed', async () => {
    const s = (study = openStudy(tmp()));
    expect(await s.call('calibration.speakers', {})).toEqual([
      { speaker: 'Interviewer', segments: 20 },
      { speaker: 'Participant', segments: 20 },
    ]);
    const sample = await s.call('calibration.samples.create', {
      name: 'cal-1',
      size: 8,
      seed: 42,
      strata: ['group', 'role'],
      excludeSpeakers: ['interviewer'],
    });
    expect(sample).toMatchObject({ name: 'cal-1', purpose: 'calibration', seed: 42, size: 8 });
    expect(sample.strata).toEqual([
      { stratum: 'bright × family', available: 5, drawn: 2 },
      { stratum: 'bright × teacher', available: 5, drawn: 2 },
      { stratum: 'partner × family', available: 5, drawn: 2 },
      { stratum: 'partner × teacher', available: 5, drawn: 2 },
    ]);
    expect(sample.spec).toMatchObject({
      method: 'stratified',
      eligible: 20,
      excludeSpeakers: ['interviewer'],
    });
    const first = await s.call('calibration.samples.segments', { sample: 'cal-1', limit: 100 });
    expect(first.total).toBe(8);
    expect(first.segments.every((x) => x.speaker === 'Participant')).toBe(true);
    await s.call('calibration.samples.delete', { name: 'cal-1' });
    await s.call('calibration.samples.create', {
      name: 'cal-1',
      size: 8,
      seed: 42,
      strata: ['group', 'role'],
      excludeSpeakers: ['Interviewer'],
    });
    const again = await s.call('calibration.samples.segments', { sample: 'cal-1', limit: 100 });
    expect(again.segments.map((x) => x.segmentId)).toEqual(first.segments.map((x) => x.segmentId));
    // without a seed one is drawn and stored
    const random = await s.call('calibration.samples.create', { name: 'other', purpose: 'audit', size: 3 });
    expect(random.seed).toEqual(expect.any(Number));
    expect(random.spec).toMatchObject({ method: 'random' });
  });

  it('keeps a held-out sample disjoint from every calibration sample', async () => {
    const s = (study = openStudy(tmp()));
    await s.call('calibration.samples.create', {
      name: 'cal',
      size: 15,
      seed: 1,
      excludeSpeakers: ['Interviewer'],
    });
    const hold = await s.call('calibration.samples.create', {
      name: 'hold',
      purpose: 'holdout',
      size: 5,
      seed: 1,
      excludeSpeakers: ['Interviewer'],
    });
    expect(hold.spec).toMatchObject({ excludeSamples: ['cal'], eligible: 5 });
    const ids = async (name: string) =>
      new Set(
        (await s.call('calibration.samples.segments', { sample: name, limit: 100 })).segments.map(
          (x) => x.segmentId,
        ),
      );
    const cal = await ids('cal');
    for (const id of await ids('hold')) expect(cal.has(id)).toBe(false);
    await expect(
      s.call('calibration.samples.create', {
        name: 'hold-2',
        purpose: 'holdout',
        size: 6,
        excludeSpeakers: ['Interviewer'],
      }),
    ).rejects.toThrow(
      /only 5 segments are eligible after leaving out the chosen speakers and leaving out the segments of "cal"; ask for at most 5/,
    );
    // and a later calibration sample cannot take held-out segments either
    const cal2 = await s.call('calibration.samples.create', { name: 'cal-2', size: 20, seed: 3 });
    for (const id of await ids('hold')) expect((await ids('cal-2')).has(id)).toBe(false);
    expect(cal2.spec).toMatchObject({ excludeSamples: ['hold'] });
    // the database refuses it whoever writes
    expect(() => s.db.prepare('INSERT INTO sample_segments VALUES (?, ?)').run(hold.id, [...cal][0])).toThrow(
      /held-out/,
    );
  });

  it('says why a sample cannot be drawn', async () => {
    const s = (study = openStudy(tmp()));
    await expect(s.call('calibration.samples.create', { name: 'x', size: 41 })).rejects.toThrow(
      /only 40 segments are eligible; ask for at most 40/,
    );
    await expect(
      s.call('calibration.samples.create', { name: 'x', size: 4, strata: ['school'] }),
    ).rejects.toThrow(/no document has the attribute "school" \(attributes: group, role\)/);
    await s.call('calibration.samples.create', { name: 'x', size: 4 });
    await expect(s.call('calibration.samples.create', { name: 'x', size: 4 })).rejects.toThrow(
      /already exists/,
    );
    await expect(s.call('calibration.samples.create', { name: 'y', size: 0 })).rejects.toThrow(/size/);
  });

  it('assigns coders blind and reports progress from their finished segments', async () => {
    const s = (study = openStudy(tmp()));
    await s.call('calibration.samples.create', {
      name: 'cal',
      size: 6,
      seed: 9,
      excludeSpeakers: ['Interviewer'],
    });
    s.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('Cleo', 'human', 'g-cleo', 'now')")
      .run();
    const progress = await s.call('calibration.assign', { sample: 'cal', coders: ['Ana', 'Cleo'] });
    expect(progress.segments).toBe(6);
    const row = (name: string) => progress.coders.find((c) => c.name === name)!;
    expect(row('Ana')).toMatchObject({ assigned: true, blind: true, done: 6, total: 6, share: 1 });
    expect(row('Cleo')).toMatchObject({ assigned: true, done: 0, share: 0 });
    // the AI coder has coded the sample's segments without being assigned
    expect(row('Gpt')).toMatchObject({ assigned: false, done: 6, role: 'ai' });
    const segs = await s.call('calibration.samples.segments', { sample: 'cal', coder: 'Cleo' });
    expect(segs.segments.every((x) => x.done === false)).toBe(true);
    const after = await s.call('calibration.unassign', { sample: 'cal', coders: ['Cleo'] });
    expect(after.coders.some((c) => c.name === 'Cleo')).toBe(false);
    const list = await s.call('calibration.samples.list', {});
    expect(list[0]!.assignments.map((a) => [a.name, a.blind])).toEqual([['Ana', true]]);
    expect(s.db.prepare("SELECT count(*) FROM history WHERE action LIKE 'sample.%'").pluck().get()).toBe(4);
  });
});
