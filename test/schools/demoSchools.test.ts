import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

// The demo's fictional school-level data: the selection finds the study's five
// bright-spot schools and their matched partners (meta.csv of the demo interviews).
const STUDY = join(__dirname, '../../electron/backend/demo/study');

function csvRows(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(STUDY, file), 'utf8').trim().split('\n');
  const names = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
}

describe('the demo school data', () => {
  it('selects the demo study’s bright-spot schools, their partners and the five pairs', async () => {
    const r = await runCli(
      [
        'schools',
        'select',
        join(STUDY, 'school-outcomes.csv'),
        '--outcome',
        'engagement',
        '--predictors',
        'enrollment,poverty_pct,locale',
        '--json',
      ],
      STUDY,
    );
    expect(r.code).toBe(0);
    const j = r.json<{
      selection: { school_id: string; group: string }[];
      pairs: { district: string; bright: string; partner: string }[];
    }>();
    const idOf = new Map(csvRows('school-outcomes.csv').map((row) => [row.school!, row.school_id!]));
    const meta = csvRows('meta.csv');
    const groupOf = new Map(j.selection.map((s) => [s.school_id, s.group]));
    for (const m of meta) expect(groupOf.get(idOf.get(m.school!)!), m.school).toBe(m.group);
    for (const pair of new Set(meta.map((m) => m.pair))) {
      const [bright, partner] = ['bright', 'partner'].map((g) =>
        idOf.get(meta.find((m) => m.pair === pair && m.group === g)!.school!)!,
      );
      expect(j.pairs).toContainEqual(expect.objectContaining({ bright, partner }));
    }
  });
});
