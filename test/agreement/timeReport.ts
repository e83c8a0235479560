// Timing of the agreement report on the benchmark's shape (DESIGN §5: 10,000 units ×
// 40 codes × 3 coders ≤ 1 s), without and with bootstrap. Not a test; run with
//   node_modules/.bin/tsx test/agreement/timeReport.ts [units] [codes] [coders] [resamples]

import { RatingTableBuilder, groupRatings } from '../../shared/agreement/ratings';
import { mulberry32 } from '../../shared/agreement/prng';
import { buildAgreementReport } from '../../shared/agreement/report';

const [units = 10_000, codes = 40, coders = 3, resamples = 1000] = process.argv.slice(2).map(Number);
const random = mulberry32(2024);
const builder = new RatingTableBuilder();
for (let u = 0; u < units; u++)
  for (let c = 0; c < codes; c++) {
    const truth = random() < 0.15 ? 1 : 0;
    for (let k = 0; k < coders; k++)
      if (random() < 0.97)
        builder.add(`unit ${u}`, `coder ${k}`, `code ${c}`, random() < 0.9 ? truth : ((1 - truth) as 0 | 1));
  }
const table = builder.build();

function time(label: string, run: () => void): void {
  const t0 = performance.now();
  run();
  console.log(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
}

console.log(`${table.length} ratings (${units} units × ${codes} codes × ${coders} coders, 3% missing)`);
for (let i = 0; i < 3; i++) {
  time('report without bootstrap (group + tally + statistics)', () => {
    const g = groupRatings(table);
    if (!g.ok) throw new Error('duplicate');
    buildAgreementReport(g.grouped, { bootstrap: 0 });
  });
}
time(`report with bootstrap (${resamples} resamples)`, () => {
  const g = groupRatings(table);
  if (!g.ok) throw new Error('duplicate');
  buildAgreementReport(g.grouped, { bootstrap: resamples });
});
