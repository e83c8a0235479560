// `concord review-stats <file.concord> [--json] [--coder NAME]`: the review dashboard
// (DESIGN §1.7): coverage of AI labels by reviewers, what remains, the AI's precision
// and recall estimated from the random audit sample, reviewer agreement and pace.
// `--json` prints the object the app's dashboard reads (RPC `review.dashboard`).

import type { Dashboard, Proportion } from '../../../shared/contract/review';
import { reviewDashboard } from '../../backend/review/dashboard';
import { refreshReviewQueue } from '../../backend/review/syncQueue';
import { parseCommandArgs } from '../args';
import { CliError, type CliCommand } from '../command';
import { withProject } from './projectFile';

const usage = 'concord review-stats <file.concord> [--json] [--coder NAME]';

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);
const dec = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));
const ci = (i: readonly [number, number] | null | undefined) => (i ? ` [${dec(i[0])}, ${dec(i[1])}]` : '');
const prop = (p: Proportion) => `${dec(p.value)}${ci(p.ci95)} (${p.successes}/${p.n})`;

export function formatDashboard(file: string, d: Dashboard): string {
  const c = d.coverage;
  const lines = [
    `Review of ${file}`,
    `  AI labels: ${c.aiLabels}, reviewed ${c.reviewed} (${pct(c.share)}); AI "absent" decisions: ${c.absentTotal}, reviewed ${c.absentReviewed}`,
    `  States: ${Object.entries(d.states)
      .map(([s, n]) => `${s} ${n}`)
      .join(', ')}${d.items.orphaned ? `; ${d.items.orphaned} items of deleted segments or coders` : ''}`,
    `  Remaining: ${d.remaining.total} (risk queue ${d.remaining.riskQueue}, audit queue ${d.remaining.auditQueue})`,
    `  Coverage by reason: ${c.byReason.map((r) => `${r.reason.replace(/_/g, ' ')} ${r.reviewed}/${r.aiLabels}`).join(', ')}`,
  ];
  if (c.byCode.length)
    lines.push(
      `  Coverage by code: ${c.byCode.map((r) => `${r.codeName ?? r.codeKey} ${r.reviewed}/${r.aiLabels}`).join(', ')}`,
    );
  const a = d.audit;
  if (!a.sample) lines.push('  Audit sample: none drawn yet (precision and recall need one)');
  else {
    lines.push(
      `  Audit sample "${a.sample.name}" (seed ${a.sample.seed ?? '—'}): ${a.sample.segments} segments, ${a.items} items, ${a.decided} decided (${pct(a.completeness)})`,
    );
    for (const e of a.coders)
      lines.push(
        `    ${e.coderName ?? `coder ${e.coderId}`}: precision ${prop(e.precision)}, recall ${prop(e.recall)}, F1 ${dec(e.f1)}`,
      );
    lines.push(`    ${a.ciMethod}`);
  }
  const g = d.reviewerAgreement;
  lines.push(
    g
      ? `  Reviewer agreement on ${g.items} double-reviewed items (${g.reviewers.join(', ')}): ${pct(g.percentAgreement)} agreement, ` +
          `${g.cohenKappa !== null ? `Cohen's κ ${dec(g.cohenKappa)}${ci(g.ci95?.cohen_kappa)}` : `Fleiss' κ ${dec(g.fleissKappa)}${ci(g.ci95?.fleiss_kappa)}`}, ` +
          `α ${dec(g.krippendorffAlpha)}, AC1 ${dec(g.gwetAc1)}; ${g.disagreements} disagreements`
      : '  Reviewer agreement: no item has been decided by two reviewers',
  );
  for (const r of d.reviewers)
    lines.push(
      `  ${r.reviewer}: ${r.decisions} decisions on ${r.items} items, ${r.undos} undone, ${r.itemsPerHour === null ? '—' : r.itemsPerHour.toFixed(0)} items/hour`,
    );
  return `${lines.join('\n')}\n`;
}

export const reviewStatsCommand: CliCommand = {
  name: 'review-stats',
  summary:
    'review dashboard: coverage, remaining items, AI precision/recall from the audit sample, reviewer agreement',
  usage: `Usage: ${usage}

Figures of the human review of AI labels: share of AI labels reviewed (by code and by
risk reason), items remaining, the AI's precision and recall estimated from the random
audit sample with 95% Wilson intervals, agreement between reviewers on items two of
them decided, and each reviewer's pace (items/hour).

Options:
  --json          print the dashboard as one JSON document (the app's review.dashboard)
  --coder NAME    only the items of this AI coder`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' }, coder: { type: 'string' } },
      { min: 1, max: 1, usage },
    );
    const file = positionals[0]!;
    return withProject(file, io.cwd, (p) => {
      let coderId: number | undefined;
      if (values.coder !== undefined) {
        const row = p.db.prepare('SELECT id, kind FROM coders WHERE name = ?').get(values.coder.trim()) as
          { id: number; kind: string } | undefined;
        if (!row) throw new CliError(`no coder named "${values.coder}" in ${file}`);
        if (row.kind !== 'ai')
          throw new CliError(`"${values.coder}" is a human coder; review figures are about AI coders`);
        coderId = row.id;
      }
      refreshReviewQueue(p.db);
      const d = reviewDashboard(p.db, { coderId });
      io.stdout(values.json ? `${JSON.stringify(d)}\n` : formatDashboard(file, d));
      return 0;
    });
  },
};
