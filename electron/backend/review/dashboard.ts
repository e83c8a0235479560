import type Database from 'better-sqlite3';
import {
  REVIEW_REASONS,
  REVIEW_STATES,
  type Dashboard,
  type ReviewState,
} from '../../../shared/contract/review';
import { auditEstimates, AUDIT_CI_METHOD, type AuditObservation } from './auditEstimates';
import { activeAuditSample } from './auditSample';
import { loadNameBook } from './itemView';
import { reviewerAgreement } from './reviewerAgreement';
import { reviewRate } from './reviewRate';
import { REASON_BITS } from './riskScore';

const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * The reference for each decided item of the audit sample: the reviewer's verdict on
 * it, or — when a reviewer changed another AI label of the same segment into this
 * code later — present.
 */
const AUDIT_OBSERVATIONS = `
  SELECT i.coder_id, i.code_key, i.ai_present,
    CASE WHEN r.decision_id IS NOT NULL AND (i.verdict IS NULL OR r.decision_id > i.top_decision_id) THEN 1 ELSE i.verdict END AS reference
  FROM review_items i
  LEFT JOIN (
    SELECT segment_id, coder_id, replacement_key AS code_key, max(top_decision_id) AS decision_id FROM review_items
    WHERE replacement_key IS NOT NULL AND verdict IS NOT NULL AND audit_rank IS NOT NULL GROUP BY segment_id, coder_id, replacement_key
  ) r ON r.segment_id = i.segment_id AND r.coder_id = i.coder_id AND r.code_key = i.code_key
  WHERE i.audit_rank IS NOT NULL AND i.orphaned = 0 AND i.source <> 'review'`;

interface Tally {
  code_key: string;
  state: ReviewState;
  ai_present: number;
  by_review: number;
  audited: number;
  orphaned: number;
  reasons: number;
  n: number;
}

/** Coverage, states and what remains, from one grouped pass over the items. */
function itemFigures(tallies: readonly Tally[], names: ReturnType<typeof loadNameBook>) {
  const items = { total: 0, aiLabels: 0, aiAbsent: 0, orphaned: 0 };
  const states = Object.fromEntries(REVIEW_STATES.map((s) => [s, 0])) as Record<ReviewState, number>;
  const remaining = { total: 0, riskQueue: 0, auditQueue: 0 };
  const labels = { n: 0, reviewed: 0 };
  const absent = { n: 0, reviewed: 0 };
  const byCode = new Map<string, { n: number; reviewed: number }>();
  const byReason = new Map(REVIEW_REASONS.map((r) => [r, { n: 0, reviewed: 0 }]));
  for (const t of tallies) {
    items.total += t.n;
    if (t.orphaned) {
      items.orphaned += t.n;
      continue;
    }
    states[t.state] += t.n;
    const reviewed = t.state !== 'pending' ? t.n : 0;
    if (t.state === 'pending') {
      remaining.total += t.n;
      if (t.audited) remaining.auditQueue += t.n;
      else remaining.riskQueue += t.n;
    }
    if (!t.ai_present) {
      if (!t.by_review) {
        items.aiAbsent += t.n;
        absent.n += t.n;
        absent.reviewed += reviewed;
      }
      continue;
    }
    items.aiLabels += t.n;
    labels.n += t.n;
    labels.reviewed += reviewed;
    const code = byCode.get(t.code_key) ?? { n: 0, reviewed: 0 };
    code.n += t.n;
    code.reviewed += reviewed;
    byCode.set(t.code_key, code);
    for (const r of REVIEW_REASONS) {
      if ((t.reasons & REASON_BITS[r]) === 0) continue;
      byReason.get(r)!.n += t.n;
      byReason.get(r)!.reviewed += reviewed;
    }
  }
  const coverage: Dashboard['coverage'] = {
    aiLabels: labels.n,
    reviewed: labels.reviewed,
    share: share(labels.reviewed, labels.n),
    absentTotal: absent.n,
    absentReviewed: absent.reviewed,
    byCode: [...byCode]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([codeKey, c]) => ({
        codeKey,
        codeName: names.code(codeKey)?.name ?? null,
        aiLabels: c.n,
        reviewed: c.reviewed,
        share: share(c.reviewed, c.n),
      })),
    byReason: [...byReason].map(([reason, c]) => ({
      reason,
      aiLabels: c.n,
      reviewed: c.reviewed,
      share: share(c.reviewed, c.n),
    })),
  };
  return { items, states, remaining, coverage };
}

/** The study lead's figures: coverage, what remains, the audit estimates, reviewer agreement and pace. */
export function reviewDashboard(db: Database.Database, opts: { coderId?: number } = {}): Dashboard {
  const names = loadNameBook(db);
  const coder = opts.coderId === undefined ? '' : ` AND i.coder_id = ${Math.trunc(opts.coderId)}`;
  const tallies = db
    .prepare(
      `SELECT code_key, state, ai_present, source = 'review' AS by_review, audit_rank IS NOT NULL AS audited, orphaned, reasons, count(*) AS n
       FROM review_items i WHERE 1${coder} GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    )
    .all() as Tally[];
  const { items, states, remaining, coverage } = itemFigures(tallies, names);

  const observations: AuditObservation[] = [];
  const itemsPerCoder = new Map<number, number>();
  for (const r of db.prepare(`${AUDIT_OBSERVATIONS}${coder}`).all() as {
    coder_id: number;
    code_key: string;
    ai_present: number;
    reference: number | null;
  }[]) {
    itemsPerCoder.set(r.coder_id, (itemsPerCoder.get(r.coder_id) ?? 0) + 1);
    if (r.reference !== null)
      observations.push({
        coderId: r.coder_id,
        codeKey: r.code_key,
        aiPresent: r.ai_present === 1,
        reviewedPresent: r.reference === 1,
      });
  }
  const auditItems = [...itemsPerCoder.values()].reduce((a, b) => a + b, 0);

  return {
    generatedAt: new Date().toISOString(),
    items,
    states,
    coverage,
    remaining,
    audit: {
      sample: activeAuditSample(db),
      items: auditItems,
      decided: observations.length,
      completeness: share(observations.length, auditItems),
      ciMethod: AUDIT_CI_METHOD,
      coders: auditEstimates(observations, itemsPerCoder, names),
    },
    reviewerAgreement: reviewerAgreement(db),
    reviewers: reviewerPace(db),
  };
}

function reviewerPace(db: Database.Database): Dashboard['reviewers'] {
  const rows = db
    .prepare(
      `SELECT reviewer, count(*) AS decisions, count(DISTINCT item_id) AS items, sum(action = 'undo') AS undos, max(decided_at) AS lastAt
       FROM review_decisions GROUP BY reviewer ORDER BY reviewer`,
    )
    .all() as { reviewer: string; decisions: number; items: number; undos: number; lastAt: string | null }[];
  const times = new Map<string, number[]>();
  for (const r of db
    .prepare(
      "SELECT reviewer, decided_at FROM review_decisions WHERE action IN ('accept', 'reject', 'change_code', 'add_code')",
    )
    .all() as { reviewer: string; decided_at: string }[]) {
    const list = times.get(r.reviewer) ?? [];
    list.push(Date.parse(r.decided_at));
    times.set(r.reviewer, list);
  }
  return rows.map((r) => ({ ...r, ...reviewRate(times.get(r.reviewer) ?? []) }));
}
