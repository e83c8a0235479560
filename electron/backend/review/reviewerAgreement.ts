import type Database from 'better-sqlite3';
import { groupRatings, ratingTableFromRows, type RatingRow } from '../../../shared/agreement/ratings';
import { buildAgreementReport } from '../../../shared/agreement/report';
import type { Dashboard } from '../../../shared/contract/review';

const VERDICT_ACTIONS = "('accept', 'reject', 'change_code', 'add_code')";
const RESAMPLES = 500;
const SEED = 1;

interface ChainRow {
  id: number;
  item_id: number;
  reviewer: string;
  action: string;
  verdict: number | null;
  parent_id: number | null;
  top_decision_id: number | null;
  code_key: string;
}

/**
 * Each reviewer's verdict on each item that two or more reviewers have decided: the
 * reviewer's latest verdict among the decisions still in force (the chain from the
 * item's current decision back through the ones it replaced; undone decisions are
 * off the chain). A later reviewer replacing an earlier one's verdict does not erase
 * the earlier judgment, which is what agreement needs.
 */
export function doubleReviewRatings(db: Database.Database): RatingRow[] {
  const rows = db
    .prepare(
      `SELECT rd.id, rd.item_id, rd.reviewer, rd.action, rd.verdict, rd.parent_id, i.top_decision_id, i.code_key
       FROM review_decisions rd JOIN review_items i ON i.id = rd.item_id
       WHERE i.orphaned = 0 AND rd.item_id IN (
         SELECT item_id FROM review_decisions WHERE action IN ${VERDICT_ACTIONS} GROUP BY item_id HAVING count(DISTINCT reviewer) >= 2)
       ORDER BY rd.item_id, rd.revision`,
    )
    .all() as ChainRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = new Map<number, ChainRow>();
  for (const r of rows) items.set(r.item_id, r);
  const out: RatingRow[] = [];
  for (const [itemId, any] of items) {
    const seen = new Map<string, 0 | 1>();
    for (
      let d = any.top_decision_id === null ? undefined : byId.get(any.top_decision_id);
      d;
      d = d.parent_id === null ? undefined : byId.get(d.parent_id)
    ) {
      if (d.verdict === null || !VERDICT_ACTIONS.includes(`'${d.action}'`) || seen.has(d.reviewer)) continue;
      seen.set(d.reviewer, d.verdict === 1 ? 1 : 0);
    }
    if (seen.size < 2) continue;
    for (const [reviewer, value] of seen)
      out.push({ unit: String(itemId), coder: reviewer, code: any.code_key, value });
  }
  return out;
}

/** Agreement between reviewers on double-reviewed items (shared/agreement: κ, α, AC1 with bootstrap intervals). */
export function reviewerAgreement(db: Database.Database): Dashboard['reviewerAgreement'] {
  const ratings = doubleReviewRatings(db);
  if (!ratings.length) return null;
  const grouped = groupRatings(ratingTableFromRows(ratings));
  // cannot happen: one rating per (item, reviewer) by construction
  if (!grouped.ok) throw new Error('reviewer agreement: a reviewer rated an item twice');
  const report = buildAgreementReport(grouped.grouped, { bootstrap: RESAMPLES, seed: SEED });
  const o = report.overall;
  const values = new Map<string, Set<number>>();
  for (const r of ratings) values.set(r.unit, (values.get(r.unit) ?? new Set()).add(r.value));
  return {
    items: values.size,
    reviewers: [...new Set(ratings.map((r) => r.coder))].sort(),
    percentAgreement: o.metrics.percent_agreement?.value ?? null,
    cohenKappa: o.metrics.cohen_kappa?.value ?? null,
    fleissKappa: o.metrics.fleiss_kappa?.value ?? null,
    krippendorffAlpha: o.metrics.krippendorff_alpha?.value ?? null,
    gwetAc1: o.metrics.gwet_ac1?.value ?? null,
    ci95: o.ci95
      ? Object.fromEntries(Object.entries(o.ci95).map(([k, v]) => [k, v ? [v[0], v[1]] : null]))
      : null,
    disagreements: [...values.values()].filter((s) => s.size > 1).length,
  };
}
