import { describe, expect, it } from 'vitest';
import { METRIC_NAMES, agreementMetrics } from '../../shared/agreement/agreementMetrics';
import { mulberry32 } from '../../shared/agreement/prng';
import { type RatingRow, groupRatings, ratingTableFromRows } from '../../shared/agreement/ratings';
import {
  type AgreementOptions,
  agreementReportJson,
  buildAgreementReport,
} from '../../shared/agreement/report';
import { formatAgreementTable } from '../../shared/agreement/reportTable';
import { unitTableFromRatings } from '../../shared/agreement/unitTable';

/** Same value to 1e-12, or both null. */
function same(got: number | null | undefined, want: number | null | undefined, label = '') {
  if (got === null || got === undefined || want === null || want === undefined)
    expect(got ?? null, label).toBe(want ?? null);
  else expect(got, label).toBeCloseTo(want, 12);
}

type Spec = Record<string, Record<string, (0 | 1 | null)[]>>;

// The contract checker's fixtures (shared/contract-check/lib/fixtures.mjs).
const TWO: Spec = {
  outreach: { A: [1, 1, 0, 1, 0, 0, 1, 1, 0, 1], B: [1, 0, 0, 1, 0, 1, 1, 1, 0, 0] },
  barriers: { A: [0, 0, 1, 0, 0, 1, 0, 0, 0, 0], B: [0, 0, 1, 0, 1, 1, 0, 0, 0, 0] },
  silence: { A: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], B: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
  steady: { A: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], B: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0] },
};
const THREE: Spec = {
  outreach: { A: [1, 1, 0, 1, 0, 0, 1, 1], B: [1, 0, 0, 1, 0, 1, 1, 1], C: [1, 1, null, 1, 0, 0, 1, 0] },
  barriers: { A: [0, 0, 1, 0, 0, 1, 0, 0], B: [0, 0, 1, 0, 1, 1, null, 0], C: [0, 1, 1, 0, 0, 1, 0, 0] },
};

function rowsOf(spec: Spec): RatingRow[] {
  const rows: RatingRow[] = [];
  for (const [code, byCoder] of Object.entries(spec))
    for (const [coder, values] of Object.entries(byCoder))
      values.forEach((v, i) => v !== null && rows.push({ unit: `u${i + 1}`, coder, code, value: v }));
  return rows;
}

function report(rows: RatingRow[], options: AgreementOptions = { bootstrap: 0 }) {
  const g = groupRatings(ratingTableFromRows(rows));
  if (!g.ok) throw new Error('duplicate');
  return buildAgreementReport(g.grouped, options);
}

// The same entry computed the slow, obvious way: a units × coders matrix (every unit of
// every code when pooled), straight into the statistics.
function direct(spec: Spec, codes: string[], coders: string[]) {
  const rows: (0 | 1 | null)[][] = [];
  for (const code of codes) {
    const len = Math.max(...Object.values(spec[code]!).map((v) => v.length));
    for (let i = 0; i < len; i++) rows.push(coders.map((c) => spec[code]![c]?.[i] ?? null));
  }
  return agreementMetrics(unitTableFromRatings(rows, [0, 1]), coders.length);
}

describe('agreement report', () => {
  it('two coders: per code and pooled, as the direct computation; the hand-derived values of "outreach"', () => {
    const r = report(rowsOf(TWO));
    const outreach = r.codes.find((e) => e.code === 'outreach')!;
    // a=4 (both 1), b=2 (A only), c=1 (B only), d=3: p_o = .7, p_e = .6·.5 + .4·.5 = .5 → κ = .4
    // π_1 = 11/20 → AC1 = (.7 − .495)/.505; α: n_1 = 11, n_0 = 9, 6 disagreeing coincidences
    // → 1 − 19·6/(400 − 121 − 81) = 84/198; positive 8/11, negative 6/9.
    const want = {
      percent_agreement: 0.7,
      cohen_kappa: 0.4,
      krippendorff_alpha: 84 / 198,
      gwet_ac1: 0.205 / 0.505,
      brennan_prediger: 0.4,
      positive_agreement: 8 / 11,
      negative_agreement: 6 / 9,
    };
    for (const [name, v] of Object.entries(want))
      expect(outreach.metrics[name as keyof typeof want]?.value).toBeCloseTo(v, 12);
    for (const e of r.codes) {
      const d = direct(TWO, [e.code!], ['A', 'B']);
      for (const name of e.metricNames) same(e.metrics[name]?.value, d[name]?.value, `${e.code} ${name}`);
    }
    const pooled = direct(TWO, Object.keys(TWO), ['A', 'B']);
    for (const name of r.overall.metricNames) same(r.overall.metrics[name]?.value, pooled[name]?.value, name);
    expect(r.codes.map((e) => [e.code, e.nUnits, e.nCoders])).toEqual([
      ['outreach', 10, 2],
      ['barriers', 10, 2],
      ['silence', 10, 2],
      ['steady', 10, 2],
    ]);
    expect([r.overall.nUnits, r.overall.nCoders]).toEqual([40, 2]);
  });

  it('three coders with missing ratings: Fleiss form, n_units counts units with ≥ 2 ratings', () => {
    const r = report(rowsOf(THREE));
    for (const e of r.codes) {
      expect(e.nCoders).toBe(3);
      expect(e.nUnits).toBe(8);
      expect(e.metricNames).toContain('fleiss_kappa');
      expect(e.metrics.cohen_kappa?.value).toBeNull();
      const d = direct(THREE, [e.code!], ['A', 'B', 'C']);
      for (const name of e.metricNames) same(e.metrics[name]?.value, d[name]?.value, `${e.code} ${name}`);
    }
    const pooled = direct(THREE, Object.keys(THREE), ['A', 'B', 'C']);
    expect(r.overall.metrics.fleiss_kappa?.value).toBeCloseTo(pooled.fleiss_kappa!.value!, 12);
    expect(r.overall.nUnits).toBe(16);
  });

  it('matches the direct computation on random data: 2–5 coders, missing ratings, codes rated by subsets of coders', () => {
    const random = mulberry32(77);
    for (let trial = 0; trial < 40; trial++) {
      const coders = ['A', 'B', 'C', 'D', 'E'].slice(0, 2 + (trial % 4));
      const spec: Spec = {};
      for (const code of ['x', 'y', 'z']) {
        const raters = coders.filter(() => random() < 0.8);
        spec[code] = Object.fromEntries(
          raters.map((c) => [
            c,
            Array.from({ length: 12 }, () => (random() < 0.2 ? null : random() < 0.35 ? 1 : 0)),
          ]),
        );
      }
      const rows = rowsOf(spec);
      if (rows.length === 0) continue;
      const r = report(rows);
      for (const e of r.codes) {
        const raters = Object.keys(spec[e.code!]!);
        const d = direct(spec, [e.code!], raters);
        for (const name of e.metricNames) same(e.metrics[name]?.value, d[name]?.value, `${e.code} ${name}`);
      }
      const fileCoders = [...new Set(rows.map((row) => row.coder))];
      const codesWithRows = Object.keys(spec).filter((c) => Object.keys(spec[c]!).length > 0);
      // pooled: every (unit, code) pair a unit, the file's coders as columns
      const pooledRows: (0 | 1 | null)[][] = [];
      for (const code of codesWithRows)
        for (let i = 0; i < 12; i++) {
          const row = fileCoders.map((c) => spec[code]![c]?.[i] ?? null);
          if (row.some((v) => v !== null)) pooledRows.push(row);
        }
      const pooled = agreementMetrics(unitTableFromRatings(pooledRows, [0, 1]), fileCoders.length);
      for (const name of r.overall.metricNames)
        same(r.overall.metrics[name]?.value, pooled[name]?.value, `overall ${name}`);
    }
  });

  it('JSON keys in the contract order; fleiss_kappa only with more than two coders; null rules', () => {
    const j = agreementReportJson(report(rowsOf(TWO), { bootstrap: 200, seed: 3 }));
    const keys = [
      'code',
      'n_units',
      'n_coders',
      'percent_agreement',
      'cohen_kappa',
      'krippendorff_alpha',
      'gwet_ac1',
      'brennan_prediger',
      'positive_agreement',
      'negative_agreement',
      'prevalence',
      'ci95',
    ];
    for (const e of j.codes) expect(Object.keys(e)).toEqual(keys);
    expect(Object.keys(j.overall)).toEqual(keys.slice(1));
    const silence = j.codes.find((e) => e.code === 'silence')!;
    expect([silence.cohen_kappa, silence.krippendorff_alpha, silence.positive_agreement]).toEqual([
      null,
      null,
      null,
    ]);
    expect([silence.percent_agreement, silence.gwet_ac1, silence.brennan_prediger]).toEqual([1, 1, 1]);
    expect(silence.ci95?.cohen_kappa).toBeNull();
    expect(silence.ci95?.percent_agreement).toEqual([1, 1]);
    expect(j.codes.find((e) => e.code === 'steady')!.cohen_kappa).toBe(0);
    expect(j.codes[0]!.prevalence).toEqual({ A: 0.6, B: 0.5 });
    const three = agreementReportJson(report(rowsOf(THREE)));
    expect(Object.keys(three.codes[0]!)).toEqual([...keys.slice(0, 5), 'fleiss_kappa', ...keys.slice(5)]);
    expect(three.codes[0]!.ci95).toBeNull();
    expect(JSON.stringify(three)).not.toMatch(/NaN|Infinity/);
  });

  it("a code's interval depends on the seed and its own data only, not on the other codes", () => {
    const withAll = report(rowsOf(TWO), { bootstrap: 300, seed: 9 });
    const alone = report(rowsOf({ outreach: TWO.outreach! }), { bootstrap: 300, seed: 9 });
    expect(alone.codes[0]!.ci95).toEqual(withAll.codes[0]!.ci95);
    expect(report(rowsOf(TWO), { bootstrap: 300, seed: 9 })).toEqual(withAll);
    expect(report(rowsOf(TWO), { bootstrap: 300, seed: 10 }).codes[0]!.ci95).not.toEqual(
      withAll.codes[0]!.ci95,
    );
  });

  it('a code one coder rated: n_units 0, everything but prevalence null with a reason', () => {
    const r = report([...rowsOf({ solo: { A: [1, 0, 1] } }), ...rowsOf({ pair: { A: [1, 0], B: [1, 1] } })]);
    const solo = r.codes.find((e) => e.code === 'solo')!;
    expect([solo.nUnits, solo.nCoders]).toEqual([0, 1]);
    for (const name of solo.metricNames) expect(solo.metrics[name]?.reason).toBeTruthy();
    expect(solo.prevalence).toEqual([{ coder: 'A', estimate: { value: 2 / 3, reason: null } }]);
    expect(r.overall.nUnits).toBe(2);
  });

  it('rejects a repeated (unit, coder, code), identical or not, naming the first repeat in the file', () => {
    const rows: RatingRow[] = [
      { unit: 'u1', coder: 'A', code: 'x', value: 1 },
      { unit: 'u2', coder: 'A', code: 'y', value: 0 },
      { unit: 'u1', coder: 'B', code: 'x', value: 1 },
      { unit: 'u2', coder: 'A', code: 'y', value: 0 },
      { unit: 'u1', coder: 'A', code: 'x', value: 0 },
    ];
    const g = groupRatings(ratingTableFromRows(rows));
    expect(g).toEqual({ ok: false, duplicate: { first: 1, second: 3 } });
    const conflicting = groupRatings(ratingTableFromRows([rows[0]!, rows[2]!, rows[4]!]));
    expect(conflicting).toEqual({ ok: false, duplicate: { first: 0, second: 2 } });
  });

  it('many coders (sparse kind counts) and hostile names', () => {
    const random = mulberry32(4);
    const coders = Array.from({ length: 300 }, (_, i) => (i === 0 ? '__proto__' : `c${i}`));
    const spec: Spec = {
      x: Object.fromEntries(
        coders.map((c) => [
          c,
          Array.from({ length: 5 }, () => (random() < 0.5 ? 1 : random() < 0.5 ? 0 : null)),
        ]),
      ),
    };
    const r = report(rowsOf(spec));
    const d = direct(spec, ['x'], coders);
    for (const name of r.codes[0]!.metricNames) same(r.codes[0]!.metrics[name]?.value, d[name]?.value, name);
    const j = agreementReportJson(r);
    expect(Object.prototype.hasOwnProperty.call(j.codes[0]!.prevalence, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(j.codes[0]!.prevalence)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(j)).codes[0].prevalence.__proto__).toBeTypeOf('number');
  });

  it('prints a readable table with reasons for blanks', () => {
    const text = formatAgreementTable(report(rowsOf(TWO), { bootstrap: 100, seed: 1 }));
    expect(text).toMatch(/^code\s+units\s+coders\s+agree\s+kappa\s+alpha\s+AC1\s+BP\s+pos\.agr\s+neg\.agr$/m);
    expect(text).toMatch(/^outreach\s+10\s+2\s+0\.700\s+0\.400/m);
    expect(text).toMatch(/95% bootstrap intervals \(percentile, 100 resamples of units, seed 1\)/);
    expect(text).toMatch(/silence: kappa — chance agreement is 1/);
    expect(METRIC_NAMES).toContain('negative_agreement');
  });
});
