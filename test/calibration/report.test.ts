import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgreementEntryView } from '../../shared/contract/calibration';
import { agreementMethodsSentences } from '../../electron/backend/agreement/methodsSentences';
import { runCli } from '../helpers/cli';
import { useTmpDir } from '../helpers/tmp';
import { RATINGS, type Study, openStudy, ratingsCsv } from './fixture';

// The project's agreement report against an independent path to the same numbers: the
// ratings of the fixture written as a `stats agreement` CSV (from the fixture's table of
// values, not from the database) and run through that command. Same statistics, same
// bootstrap streams (code keys, coder order), so the values agree to the last bit.

const tmp = useTmpDir();
let study: Study | null = null;
afterEach(() => {
  study?.close();
  study = null;
});

async function statsAgreement(
  s: Study,
  coders: string[],
  extra: string[] = [],
  keep?: (turn: number) => boolean,
) {
  const file = join(tmp(), `${coders.join('-')}.csv`);
  writeFileSync(file, ratingsCsv(s, coders, keep));
  const r = await runCli(['stats', 'agreement', file, '--json', ...extra], tmp());
  expect(r.stderr).toBe('');
  return r.json<{ codes: (AgreementEntryView & { code: string })[]; overall: AgreementEntryView }>();
}

const STATS = [
  'n_units',
  'n_coders',
  'percent_agreement',
  'cohen_kappa',
  'fleiss_kappa',
  'krippendorff_alpha',
  'gwet_ac1',
  'brennan_prediger',
  'positive_agreement',
  'negative_agreement',
  'prevalence',
  'ci95',
] as const;
const pick = (e: object) =>
  Object.fromEntries(STATS.filter((k) => k in e).map((k) => [k, (e as Record<string, unknown>)[k]]));

describe('agreement report of a project', () => {
  it('matches `stats agreement` on the same ratings: all coders, with bootstrap intervals', async () => {
    study = openStudy(tmp());
    const report = await study.call('agreement.report', {
      coders: ['Ana', 'Ben', 'Gpt'],
      bootstrap: 200,
      seed: 7,
    });
    // the overlap leaves out turn 19, which Ben did not finish
    const expected = await statsAgreement(
      study,
      ['Ana', 'Ben', 'Gpt'],
      ['--bootstrap', '200', '--seed', '7'],
      (i) => i !== 19,
    );
    expect(report.scope).toEqual({ kind: 'overlap', sample: null, purpose: null, segments: 19 });
    expect(report.codes.map((c) => c.code_id).sort()).toEqual(['barriers', 'outreach', 'visits']);
    for (const e of report.codes)
      expect(pick(e)).toEqual(pick(expected.codes.find((c) => c.code === e.code_id)!));
    expect(pick(report.overall)).toEqual(pick(expected.overall));
    expect(report.codes[0]!.n_units).toBe(19);
    expect(report.bootstrap).toMatchObject({ resamples: 200, seed: 7 });
    expect(report.coders.map((c) => [c.name, c.role])).toEqual([
      ['Ana', 'human'],
      ['Ben', 'human'],
      ['Gpt', 'ai'],
    ]);
  });

  it('on a sample it keeps every unit rated by two coders, as `stats agreement` does', async () => {
    study = openStudy(tmp());
    const s = study;
    // a sample of all participant turns; Ben's unfinished turn 19 is missing for him only
    s.db
      .prepare(
        "INSERT INTO samples (name, purpose, seed, created_at, created_by) VALUES ('all-participants', 'calibration', 1, 'now', 'me')",
      )
      .run();
    for (let i = 0; i < 20; i++) s.db.prepare('INSERT INTO sample_segments VALUES (1, ?)').run(s.turn(i));
    const report = await s.call('agreement.report', {
      coders: ['Ana', 'Ben', 'Gpt'],
      sample: 'all-participants',
      bootstrap: 100,
      seed: 3,
    });
    const expected = await statsAgreement(s, ['Ana', 'Ben', 'Gpt'], ['--bootstrap', '100', '--seed', '3']);
    for (const e of report.codes)
      expect(pick(e)).toEqual(pick(expected.codes.find((c) => c.code === e.code_id)!));
    expect(pick(report.overall)).toEqual(pick(expected.overall));
    expect(report.warnings.join(' ')).toMatch(/"Ben" has finished 19 of the 20 segments/);
    // every pair is the two-coder report of those coders
    const pair = report.pairs.find((p) => p.a === 'Ana' && p.b === 'Gpt')!;
    expect(pair.kind).toBe('human-ai');
    const anaGpt = await statsAgreement(s, ['Ana', 'Gpt'], ['--bootstrap', '100', '--seed', '3']);
    for (const e of pair.codes)
      expect(pick(e)).toEqual(pick(anaGpt.codes.find((c) => c.code === e.code_id)!));
    expect(pick(pair.overall)).toEqual(pick(anaGpt.overall));
  });

  it('judges the AI against the humans: precision, recall, F1 and confusion counts by hand', async () => {
    study = openStudy(tmp());
    const report = await study.call('agreement.report', { coders: ['Ana', 'Gpt'], bootstrap: 0 });
    const [ai] = report.ai_vs_reference;
    expect(ai!.reference).toEqual({ kind: 'human', coders: ['Ana'] });
    const outreach = ai!.codes.find((c) => c.code_id === 'outreach')!;
    // Ana: turns 0,3,6,9,12,15,18 (7); Gpt adds 1, 2, 4 → TP 7, FP 3, FN 0, TN 10
    expect([
      outreach.true_positives,
      outreach.false_positives,
      outreach.false_negatives,
      outreach.true_negatives,
    ]).toEqual([7, 3, 0, 10]);
    expect(outreach.precision).toBeCloseTo(0.7, 12);
    expect(outreach.recall).toBe(1);
    expect(outreach.f1).toBeCloseTo(14 / 17, 12);
    const visits = ai!.codes.find((c) => c.code_id === 'visits')!;
    // Ana: 5, 12; Gpt: 5 → TP 1, FN 1
    expect([
      visits.true_positives,
      visits.false_positives,
      visits.false_negatives,
      visits.true_negatives,
    ]).toEqual([1, 0, 1, 18]);
    expect(visits.f1).toBeCloseTo(2 / 3, 12);
    // pooled over the 60 decisions
    expect(ai!.overall.units).toBe(60);
    // F1 against one human coder equals their positive agreement
    expect(outreach.f1).toBeCloseTo(
      report.codes.find((c) => c.code_id === 'outreach')!.positive_agreement!,
      12,
    );
  });

  it('with two humans and no consensus, the AI is judged where the humans agree', async () => {
    study = openStudy(tmp());
    const report = await study.call('agreement.report', { coders: ['Ana', 'Ben', 'Gpt'] });
    const [ai] = report.ai_vs_reference;
    expect(ai!.reference).toEqual({ kind: 'human_agreement', coders: ['Ana', 'Ben'] });
    // Ana and Ben disagree on outreach at turns 3 and 8, barriers at 5 (turn 19 is outside the overlap)
    expect(ai!.excluded_units).toBe(3);
    expect(ai!.codes.find((c) => c.code_id === 'outreach')!.units).toBe(17);
  });

  it('flags codes below the threshold and below the human–human baseline; thresholds are stored', async () => {
    study = openStudy(tmp());
    let report = await study.call('agreement.report', { coders: ['Ana', 'Ben', 'Gpt'] });
    const kappa = (a: string, b: string, code: string) =>
      report.pairs.find((p) => p.a === a && p.b === b)!.codes.find((c) => c.code_id === code)!.cohen_kappa!;
    const flag = (code: string) => report.flags.codes.find((c) => c.code_id === code)!;
    const outreach = flag('outreach');
    expect(outreach.human_human).toBeCloseTo(kappa('Ana', 'Ben', 'outreach'), 12);
    expect(outreach.ai[0]!.vs_humans).toBeCloseTo(
      (kappa('Ana', 'Gpt', 'outreach') + kappa('Ben', 'Gpt', 'outreach')) / 2,
      12,
    );
    // Gpt's three extra outreach codes put it below 0.70 and below the humans
    expect(outreach.ai[0]!.vs_humans!).toBeLessThan(0.7);
    expect(outreach.status).toBe('below_threshold');
    expect(outreach.ai[0]!.reasons.join(' ')).toMatch(/below the human–human/);
    expect(flag('visits').notes.join(' ')).toMatch(/only 2 segments carry the code/);
    expect(report.flags.ready + report.flags.flagged).toBe(3);

    const lowered = await study.call('agreement.thresholds.set', { minimum: 0.2, notBelowHuman: false });
    expect(lowered).toMatchObject({ metric: 'cohen_kappa', minimum: 0.2, notBelowHuman: false });
    expect(await study.call('agreement.thresholds.get', {})).toEqual(lowered);
    report = await study.call('agreement.report', { coders: ['Ana', 'Ben', 'Gpt'] });
    expect(report.flags.codes.find((c) => c.code_id === 'outreach')!.status).toBe('ready');
    await expect(study.call('agreement.thresholds.set', { minimum: 2 })).rejects.toThrow(/minimum/);
    expect(
      study.db.prepare("SELECT count(*) FROM history WHERE action = 'agreement.thresholds'").pluck().get(),
    ).toBe(1);
  });

  it('records a report once in the history, and again when the labels change', async () => {
    study = openStudy(tmp());
    const first = await study.call('agreement.report', { coders: ['Ana', 'Gpt'], record: true });
    const again = await study.call('agreement.report', { coders: ['Ana', 'Gpt'], record: true });
    expect(again.run_id).toBe(first.run_id);
    study.db
      .prepare('DELETE FROM labels WHERE coder_id = ? AND segment_id = ?')
      .run(study.coder('Gpt'), study.turn(1));
    const changed = await study.call('agreement.report', { coders: ['Ana', 'Gpt'], record: true });
    expect(changed.run_id).not.toBe(first.run_id);
    const history = await study.call('agreement.history', {});
    expect(history.map((r) => r.id)).toEqual([first.run_id, changed.run_id]);
    expect(history[0]).toMatchObject({
      kind: 'calibration',
      coders: [{ name: 'Ana' }, { name: 'Gpt', configHash: 'hash-gpt' }],
      configHashes: ['hash-gpt'],
      codebookVersions: [1],
      nUnits: 60,
    });
    const before = history[0]!.summary.codes.find((c) => c.code_id === 'outreach')!.ai[0]!;
    const after = history[1]!.summary.codes.find((c) => c.code_id === 'outreach')!.ai[0]!;
    expect(after.vs_humans!).toBeGreaterThan(before.vs_humans!);
    // pooled per AI coder: the pair's pooled κ, and a sentence for the methods paragraph
    expect(history[1]!.summary.ai).toEqual([
      expect.objectContaining({
        coder: 'Gpt',
        config_hash: 'hash-gpt',
        vs_humans: changed.pairs[0]!.overall.cohen_kappa,
        f1: changed.ai_vs_reference[0]!.overall.f1,
      }),
    ]);
    expect(agreementMethodsSentences(study.db)).toEqual([
      expect.stringMatching(
        /^On the 20 segments all coders had coded, the AI coder "Gpt" reached a pooled Cohen's κ of 0\.\d\d with the human coders and F1 0\.\d\d against the human reference; \d of 3 codes met the readiness criterion\.$/,
      ),
    ]);
  });

  it('treats a code the coder’s codebook version lacks as missing and warns about changed wording', async () => {
    study = openStudy(tmp());
    const s = study;
    // version 2: "barriers" reworded, a new code "language"; Ben recodes turn 0 under it
    s.db.exec(`
      INSERT INTO codebook_versions (version, name, created_at, created_by) VALUES (2, 'v2', 'now', 'me');
      INSERT INTO codes (codebook_version_id, code_key, guid, parent_key, name, definition, sort_order)
        SELECT 2, code_key, guid, parent_key, name, CASE code_key WHEN 'barriers' THEN 'Anything that keeps families away.' ELSE definition END, sort_order FROM codes WHERE codebook_version_id = 1;
      INSERT INTO codes (codebook_version_id, code_key, guid, name, sort_order) VALUES (2, 'language', 'g-lang', 'Language', 9);
    `);
    s.db
      .prepare('UPDATE coded_segments SET codebook_version_id = 2 WHERE coder_id = ? AND segment_id = ?')
      .run(s.coder('Ben'), s.turn(0));
    const report = await s.call('agreement.report', { coders: ['Ana', 'Ben'] });
    expect(report.codebook.changed_codes.map((c) => [c.code_id, c.fields])).toEqual([
      ['barriers', ['definition']],
      ['language', ['absent from version 1']],
    ]);
    expect(report.warnings.join(' ')).toMatch(/codebook versions 1, 2/);
    const language = report.codes.find((c) => c.code_id === 'language')!;
    // only Ben (on one turn) could rate it: no unit has two ratings
    expect(language.n_units).toBe(0);
    expect(language.n_coders).toBe(1);
    expect(language.reasons.percent_agreement).toMatch(/no unit/);
    expect(report.flags.codes.find((c) => c.code_id === 'barriers')!.notes.join(' ')).toMatch(
      /versions 1, 2 whose definition differ/,
    );
  });

  it('compares two AI configurations side by side on the same segments', async () => {
    study = openStudy(tmp(), { ...RATINGS, Gpt2: RATINGS.Ana! });
    // Gpt2 is stored as a human by the fixture; make it an AI coder with its own configuration
    study.db
      .prepare(
        "UPDATE coders SET kind = 'ai', config = '{\"model\":\"other\"}', config_hash = 'hash-2' WHERE name = 'Gpt2'",
      )
      .run();
    const cmp = await study.call('agreement.compare', {
      a: { coders: ['Ana', 'Gpt'], label: 'prompt A' },
      b: { coders: ['Ana', 'Gpt2'], label: 'prompt B' },
    });
    const outreach = cmp.codes.find((c) => c.code_id === 'outreach')!;
    expect(outreach.b!.value).toBe(1);
    expect(outreach.difference).toBeCloseTo(1 - outreach.a!.value!, 12);
    expect(outreach.b!.f1).toBe(1);
    expect(cmp.a).toMatchObject({ label: 'prompt A', coders: ['Ana', 'Gpt'], n_units: 60 });
    expect(cmp.warnings).toEqual([]);
  });

  it('refuses unknown coders, a coder twice, and coders without common segments', async () => {
    study = openStudy(tmp());
    await expect(study.call('agreement.report', { coders: ['Ana', 'Nobody', 'Ghost'] })).rejects.toThrow(
      /unknown coders "Nobody", "Ghost"; the project has: Ana, Ben, Gpt/,
    );
    await expect(study.call('agreement.report', { coders: ['Ana', 'ana'] })).rejects.toThrow(/listed twice/);
    study.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('Cleo', 'human', 'g-cleo', 'now')")
      .run();
    await expect(study.call('agreement.report', { coders: ['Ana', 'Cleo'] })).rejects.toThrow(
      /no overlap: no segment has been finished by all of "Ana", "Cleo" \(segments finished: Ana: 20, Cleo: 0\)/,
    );
    await expect(study.call('agreement.report', { coders: ['Ana'] })).rejects.toThrow(/coders/);
  });

  it('exports the table, the workbook and the methods paragraph over RPC', async () => {
    study = openStudy(tmp());
    const csv = await study.call('agreement.export', {
      coders: ['Ana', 'Gpt'],
      format: 'csv',
      bootstrap: 20,
    });
    expect(csv).toMatchObject({ fileName: 'calibration-agreement.csv', path: null });
    const text = Buffer.from(csv.contentBase64!, 'base64').toString('utf8');
    expect(text.split('\r\n')[1]).toMatch(/^Ana \+ Gpt,all,/);
    const path = join(tmp(), 'out.xlsx');
    const xlsx = await study.call('agreement.export', {
      coders: ['Ana', 'Gpt'],
      format: 'xlsx',
      bootstrap: 0,
      path,
    });
    expect(xlsx.path).toBe(path);
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
    const methods = await study.call('agreement.export', {
      coders: ['Ana', 'Gpt'],
      format: 'methods',
      bootstrap: 0,
    });
    expect(Buffer.from(methods.contentBase64!, 'base64').toString()).toMatch(
      /No confidence intervals were computed\./,
    );
  });
});
