// Benjamini–Hochberg step-up adjustment (Benjamini & Hochberg 1995, JRSS B 57:289–300),
// computed exactly as R's p.adjust(p, method = "BH"):
//   i <- n:1; o <- order(p, decreasing = TRUE); pmin(1, cummin(n / i * p[o]))[order(o)]
// i.e. q_(i) = min over j ≥ i of n·p_(j)/j, capped at 1. Ties get equal q-values.

/** BH q-values for `pValues`, in the same order. Every input must be a number in [0, 1]. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const n = pValues.length;
  for (const p of pValues)
    if (typeof p !== 'number' || !(p >= 0 && p <= 1))
      throw new RangeError(`p-values must be numbers in [0, 1], got ${p}`);
  const order = pValues
    .map((_, index) => index)
    .sort((x, y) => (pValues[y] ?? 0) - (pValues[x] ?? 0) || x - y);
  const q = new Array<number>(n);
  let running = Infinity;
  order.forEach((index, k) => {
    const rank = n - k; // rank among the ascending p-values
    running = Math.min(running, (n / rank) * (pValues[index] ?? 0));
    q[index] = Math.min(1, running);
  });
  return q;
}
