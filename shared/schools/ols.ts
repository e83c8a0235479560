import { Matrix, QrDecomposition, solve } from 'ml-matrix';

/** An ordinary least-squares fit of y on the columns of x (x holds the intercept column itself). */
export interface OlsFit {
  coefficients: number[];
  fitted: number[];
  /** 1 − SS_res / SS_tot; null when y does not vary */
  r2: number | null;
  /** false when columns are collinear: the minimum-norm solution is given (coefficients not unique) */
  fullRank: boolean;
}

export function fitOls(x: readonly (readonly number[])[], y: readonly number[]): OlsFit {
  const n = y.length;
  if (n === 0) throw new Error('no observations to fit');
  const X = new Matrix(x.map((r) => [...r]));
  const Y = Matrix.columnVector([...y]);
  const qr = n >= X.columns ? new QrDecomposition(X) : null;
  const fullRank = qr?.isFullRank() ?? false;
  // QR for a full-rank design (as R's lm), else the SVD pseudo-inverse
  const beta = fullRank ? qr!.solve(Y) : solve(X, Y, true);
  const coefficients = beta.getColumn(0);
  const fitted = X.mmul(beta).getColumn(0);
  const mean = y.reduce((s, v) => s + v, 0) / n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (y[i]! - fitted[i]!) ** 2;
    ssTot += (y[i]! - mean) ** 2;
  }
  const r2 = ssTot > 0 ? Math.min(1, Math.max(0, 1 - ssRes / ssTot)) : null;
  return { coefficients, fitted, r2, fullRank };
}
