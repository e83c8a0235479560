// Choosing bright-spot and partner schools (DESIGN §4 `schools select`). For each year,
// the outcome (e.g. family engagement) is regressed on the schools' context (size,
// locale, poverty…); a school's residual says how far it is above or below what its
// context predicts, and its percentile is the share of that year's schools with a
// smaller residual. A school is bright when it sits in the top share in each of the
// last years, a partner when it sits in the bottom share in each of them; each bright
// school is then paired with a partner of its district whose context is most alike.
import { designMatrix, isMissing, predictorKinds } from './designMatrix';
import { fitOls } from './ols';

export interface SchoolRow {
  /** 1-based data row of the input (the header not counted) */
  row: number;
  school: string;
  year: string;
  district: string;
  outcome: string;
  /** predictor name → raw value */
  predictors: Record<string, string>;
}

export interface SelectOptions {
  predictors: string[];
  /** bright: percentile ≥ 1 − top in each of the last `years` years */
  top: number;
  /** partner: percentile < bottom in each of them */
  bottom: number;
  years: number;
}

export type Group = 'bright' | 'partner' | 'neither';

export interface SchoolSelection {
  models: {
    year: number | string;
    n: number;
    r2: number | null;
    coefficients: Record<string, number | null>;
    dropped: { row: number; reason: string }[];
  }[];
  schools: {
    school_id: string;
    year: number | string;
    actual: number;
    expected: number;
    residual: number;
    percentile: number;
  }[];
  selection: { school_id: string; district: string; group: Group }[];
  pairs: { district: string; bright: string; partner: string }[];
}

const byText = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** How many values of the ascending list are strictly below x (binary search: a state has thousands of schools). */
function countBelow(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const number = (text: string) => (text.trim() === '' ? NaN : Number(text));

/** Why a row cannot enter its year's model, or null. */
function problemOf(r: SchoolRow, numeric: (p: string) => boolean): string | null {
  if (isMissing(r.outcome)) return 'no outcome';
  if (!Number.isFinite(number(r.outcome))) return `outcome "${r.outcome}" is not a number`;
  for (const [p, v] of Object.entries(r.predictors)) {
    if (isMissing(v)) return `no value for ${p}`;
    if (numeric(p) && !Number.isFinite(number(v))) return `${p} "${v}" is not a number`;
  }
  return null;
}

export function selectSchools(rows: readonly SchoolRow[], o: SelectOptions): SchoolSelection {
  const kinds = predictorKinds(
    rows.map((r) => r.predictors),
    o.predictors,
  );
  const numericYears = rows.every((r) => Number.isFinite(number(r.year)));
  const yearValue = (y: string) => (numericYears ? Number(y) : y);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) =>
    numericYears ? Number(a) - Number(b) : byText(a, b),
  );

  const models: SchoolSelection['models'] = [];
  const schools: SchoolSelection['schools'] = [];
  for (const year of years) {
    const dropped: { row: number; reason: string }[] = [];
    const seen = new Map<string, number>();
    const kept: SchoolRow[] = [];
    for (const r of rows.filter((x) => x.year === year)) {
      const earlier = seen.get(r.school);
      const problem =
        earlier !== undefined
          ? `school ${r.school} already has a row for ${year} (row ${earlier})`
          : problemOf(r, (p) => kinds.get(p) === 'numeric');
      if (problem) dropped.push({ row: r.row, reason: problem });
      else kept.push(r);
      if (earlier === undefined) seen.set(r.school, r.row);
    }
    if (kept.length === 0) {
      models.push({ year: yearValue(year), n: 0, r2: null, coefficients: {}, dropped });
      continue;
    }
    const design = designMatrix(
      kept.map((r) => r.predictors),
      o.predictors,
      kinds,
    );
    const y = kept.map((r) => Number(r.outcome));
    const fit = fitOls(design.rows, y);
    models.push({
      year: yearValue(year),
      n: kept.length,
      r2: fit.r2,
      coefficients: Object.fromEntries(design.columns.map((c, i) => [c, fit.coefficients[i] ?? null])),
      dropped,
    });
    const residuals = y.map((v, i) => v - fit.fitted[i]!);
    const sorted = [...residuals].sort((a, b) => a - b);
    kept.forEach((r, i) => {
      const residual = residuals[i]!;
      schools.push({
        school_id: r.school,
        year: yearValue(year),
        actual: y[i]!,
        expected: fit.fitted[i]!,
        residual,
        percentile: countBelow(sorted, residual) / kept.length,
      });
    });
  }

  // the last `years` years of the data, and each school's standing in them
  const recent = years.slice(-Math.max(1, o.years));
  const standing = new Map<string, Map<string, { percentile: number; expected: number }>>();
  for (const s of schools) {
    const key = String(s.year);
    if (!recent.includes(key)) continue;
    if (!standing.has(s.school_id)) standing.set(s.school_id, new Map());
    standing.get(s.school_id)!.set(key, { percentile: s.percentile, expected: s.expected });
  }
  const districtOf = new Map<string, string>();
  for (const r of [...rows].sort((a, b) => a.row - b.row)) districtOf.set(r.school, r.district);
  const ids = [...districtOf.keys()].sort(byText);
  const selection = ids.map((id) => {
    const mine = standing.get(id);
    const all = recent.map((y) => mine?.get(y)).filter((x) => x !== undefined);
    const complete = all.length === recent.length;
    const group: Group =
      complete && all.every((x) => x.percentile >= 1 - o.top)
        ? 'bright'
        : complete && all.every((x) => x.percentile < o.bottom)
          ? 'partner'
          : 'neither';
    return { school_id: id, district: districtOf.get(id)!, group };
  });

  // within a district, the closest context first: the smallest gap in mean expected outcome
  const context = (id: string) => {
    const e = [...(standing.get(id)?.values() ?? [])].map((x) => x.expected);
    return e.reduce((s, v) => s + v, 0) / Math.max(1, e.length);
  };
  const pairs: SchoolSelection['pairs'] = [];
  const districts = [...new Set(selection.map((s) => s.district))].sort(byText);
  for (const district of districts) {
    const here = selection.filter((s) => s.district === district);
    const candidates = here
      .filter((s) => s.group === 'bright')
      .flatMap((b) =>
        here
          .filter((s) => s.group === 'partner')
          .map((p) => ({
            b: b.school_id,
            p: p.school_id,
            gap: Math.abs(context(b.school_id) - context(p.school_id)),
          })),
      )
      .sort((x, y) => x.gap - y.gap || byText(x.b, y.b) || byText(x.p, y.p));
    const used = new Set<string>();
    for (const c of candidates) {
      if (used.has(c.b) || used.has(c.p)) continue;
      used.add(c.b);
      used.add(c.p);
      pairs.push({ district, bright: c.b, partner: c.p });
    }
  }
  return { models, schools, selection, pairs };
}
