import type { z } from 'zod';
import type { LabelAuditSchema } from '../../../shared/contract/review';
import { decisionView, outcomeOfRow, type DecisionRow } from '../review/decisionLog';

type DecisionWithBefore = NonNullable<z.infer<typeof LabelAuditSchema>['review']>['decisions'][number];

/** An item's decisions (oldest first), each with the state it found: the state the one before it left. */
export function withBefore(rows: readonly DecisionRow[]): DecisionWithBefore[] {
  return rows.map((r, i) => {
    const prev = outcomeOfRow(i > 0 && rows[i - 1]!.revision === r.revision - 1 ? rows[i - 1] : undefined);
    return {
      ...decisionView(r),
      before: { state: prev.state, verdict: prev.verdict, replacementKey: prev.replacementKey },
    };
  });
}
