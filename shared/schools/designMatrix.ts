// The regression's design matrix: an intercept, numeric predictors as they are, and
// categorical predictors one-hot encoded with their first level (sorted) as the
// reference, as R's lm does with treatment contrasts. Column names follow DESIGN §4:
// a numeric predictor by its name, a level as `column=level`.

export type PredictorKind = 'numeric' | 'categorical';

const isNumber = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));

/** How a spreadsheet says "no value" (besides an empty cell). */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '.', '-', '—']);
export const isMissing = (text: string | undefined) => MISSING.has((text ?? '').trim().toLowerCase());

/**
 * A predictor is numeric when at least half of the values given (missing ones aside)
 * are numbers: the odd typo ("4O0") then drops its row with a reason instead of turning
 * enrollment into a category with a level per school.
 */
export function predictorKinds(
  values: readonly Record<string, string>[],
  predictors: readonly string[],
): Map<string, PredictorKind> {
  return new Map(
    predictors.map((p) => {
      const given = values.map((v) => v[p] ?? '').filter((t) => !isMissing(t));
      const numbers = given.filter(isNumber).length;
      return [p, given.length > 0 && numbers * 2 >= given.length ? 'numeric' : 'categorical'];
    }),
  );
}

const byText = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

export interface Design {
  columns: string[];
  rows: number[][];
}

/** The design for these rows (every predictor value present; numeric ones numbers). */
export function designMatrix(
  values: readonly Record<string, string>[],
  predictors: readonly string[],
  kinds: ReadonlyMap<string, PredictorKind>,
): Design {
  const columns = ['(intercept)'];
  const encoders: ((v: Record<string, string>) => number[])[] = [];
  for (const p of predictors) {
    if (kinds.get(p) === 'numeric') {
      columns.push(p);
      encoders.push((v) => [Number(v[p])]);
      continue;
    }
    const levels = [...new Set(values.map((v) => (v[p] ?? '').trim()))].sort(byText);
    const others = levels.slice(1);
    columns.push(...others.map((level) => `${p}=${level}`));
    encoders.push((v) => {
      const level = (v[p] ?? '').trim();
      return others.map((o) => (o === level ? 1 : 0));
    });
  }
  return { columns, rows: values.map((v) => [1, ...encoders.flatMap((e) => e(v))]) };
}
