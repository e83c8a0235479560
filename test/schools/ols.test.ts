import { describe, expect, it } from 'vitest';
import { designMatrix, predictorKinds } from '../../shared/schools/designMatrix';
import { fitOls } from '../../shared/schools/ols';

// R's mtcars (mpg, cyl, wt), for lm() results published in countless tutorials
const MTCARS: [number, number, number][] = [
  [21.0, 6, 2.62],
  [21.0, 6, 2.875],
  [22.8, 4, 2.32],
  [21.4, 6, 3.215],
  [18.7, 8, 3.44],
  [18.1, 6, 3.46],
  [14.3, 8, 3.57],
  [24.4, 4, 3.19],
  [22.8, 4, 3.15],
  [19.2, 6, 3.44],
  [17.8, 6, 3.44],
  [16.4, 8, 4.07],
  [17.3, 8, 3.73],
  [15.2, 8, 3.78],
  [10.4, 8, 5.25],
  [10.4, 8, 5.424],
  [14.7, 8, 5.345],
  [32.4, 4, 2.2],
  [30.4, 4, 1.615],
  [33.9, 4, 1.835],
  [21.5, 4, 2.465],
  [15.5, 8, 3.52],
  [15.2, 8, 3.435],
  [13.3, 8, 3.84],
  [19.2, 8, 3.845],
  [27.3, 4, 1.935],
  [26.0, 4, 2.14],
  [30.4, 4, 1.513],
  [15.8, 8, 3.17],
  [19.7, 6, 2.77],
  [15.0, 8, 3.57],
  [21.4, 4, 2.78],
];

describe('ordinary least squares', () => {
  it('fits the textbook line through (1,2) (2,4) (3,5) (4,4) (5,5): 2.2 + 0.6x, R² 0.6', () => {
    const fit = fitOls(
      [1, 2, 3, 4, 5].map((x) => [1, x]),
      [2, 4, 5, 4, 5],
    );
    expect(fit.coefficients[0]).toBeCloseTo(2.2, 12);
    expect(fit.coefficients[1]).toBeCloseTo(0.6, 12);
    expect(fit.r2).toBeCloseTo(0.6, 12);
    expect(fit.fitted.map((v) => Number(v.toFixed(10)))).toEqual([2.8, 3.4, 4, 4.6, 5.2]);
    expect(fit.fullRank).toBe(true);
  });

  it("matches R's lm(mpg ~ wt) and lm(mpg ~ wt + factor(cyl)) on mtcars", () => {
    const simple = fitOls(
      MTCARS.map(([, , wt]) => [1, wt]),
      MTCARS.map(([mpg]) => mpg),
    );
    expect(simple.coefficients[0]).toBeCloseTo(37.2851, 4);
    expect(simple.coefficients[1]).toBeCloseTo(-5.3445, 4);
    expect(simple.r2).toBeCloseTo(0.7528, 4);

    const values = MTCARS.map(([, cyl, wt]) => ({ wt: String(wt), cyl: `c${cyl}` }));
    const kinds = predictorKinds(values, ['wt', 'cyl']);
    expect([...kinds]).toEqual([
      ['wt', 'numeric'],
      ['cyl', 'categorical'],
    ]);
    const design = designMatrix(values, ['wt', 'cyl'], kinds);
    // cyl = 4 sorts first and is the reference level
    expect(design.columns).toEqual(['(intercept)', 'wt', 'cyl=c6', 'cyl=c8']);
    const fit = fitOls(
      design.rows,
      MTCARS.map(([mpg]) => mpg),
    );
    const [b0, bWt, b6, b8] = fit.coefficients;
    expect(b0).toBeCloseTo(33.9908, 4);
    expect(bWt).toBeCloseTo(-3.2056, 4);
    expect(b6).toBeCloseTo(-4.2556, 4);
    expect(b8).toBeCloseTo(-6.0709, 4);
    expect(fit.r2).toBeCloseTo(0.8374, 4);
  });

  it('with only a categorical predictor, predicts each level by its mean (computed independently)', () => {
    const levels = ['rural', 'urban', 'suburb', 'urban', 'rural', 'urban'];
    const y = [3, 10, 6, 12, 5, 8];
    const values = levels.map((locale) => ({ locale }));
    const design = designMatrix(values, ['locale'], predictorKinds(values, ['locale']));
    expect(design.columns).toEqual(['(intercept)', 'locale=suburb', 'locale=urban']);
    const fit = fitOls(design.rows, y);
    const mean = (l: string) => {
      const v = y.filter((_, i) => levels[i] === l);
      return v.reduce((s, x) => s + x, 0) / v.length;
    };
    fit.fitted.forEach((f, i) => expect(f).toBeCloseTo(mean(levels[i]!), 12));
  });

  it('gives a solution with collinear columns and says the design is not full rank', () => {
    const fit = fitOls(
      [
        [1, 1, 2],
        [1, 2, 4],
        [1, 3, 6],
        [1, 4, 8],
      ],
      [1, 2, 3, 5],
    );
    expect(fit.fullRank).toBe(false);
    // the fitted values are still the projection onto the columns' span: a line in x
    const line = fitOls(
      [1, 2, 3, 4].map((x) => [1, x]),
      [1, 2, 3, 5],
    );
    fit.fitted.forEach((f, i) => expect(f).toBeCloseTo(line.fitted[i]!, 10));
    expect(fit.r2).toBeCloseTo(line.r2!, 10);
  });
});
