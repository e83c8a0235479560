import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { QueuePage, QueueParamsSchema } from '../../../shared/contract/review';
import { decodeCursor, encodeCursor } from './queueCursor';
import { ITEM_SELECT, loadNameBook, toQueueItem, type ItemRow } from './itemView';
import { maskOfReasons } from './riskScore';

type Params = z.output<typeof QueueParamsSchema>;

/** The filters as SQL over review_items i; literal `IN (?, ?)` lists so a single state stays an index equality. */
function filterSql(p: Params): { where: string[]; args: unknown[] } {
  const f = p.filters;
  const where: string[] = [];
  const args: unknown[] = [];
  // these two terms match the partial indexes' conditions word for word, so SQLite can use them
  if (!f.includeOrphaned) where.push('i.orphaned = 0');
  where.push(p.queue === 'risk' ? 'i.audit_rank IS NULL' : 'i.audit_rank IS NOT NULL');
  where.push(`i.state IN (${f.states.map(() => '?').join(', ')})`);
  args.push(...f.states);
  if (f.kind !== 'all') where.push(`i.ai_present = ${f.kind === 'present' ? 1 : 0}`);
  const list = (column: string, values: readonly unknown[] | undefined) => {
    if (!values) return;
    where.push(`${column} IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(values));
  };
  list('i.code_key', f.codeKeys);
  list('i.document_id', f.documentIds);
  list('i.coder_id', f.coderIds);
  for (const a of f.attributes ?? []) {
    where.push('i.document_id IN (SELECT document_id FROM document_attributes WHERE name = ? AND value = ?)');
    args.push(a.name, a.value);
  }
  if (f.reasons) {
    where.push('(i.reasons & ?) != 0');
    args.push(maskOfReasons(f.reasons));
  }
  if (f.reviewedBy !== undefined) {
    where.push('i.last_reviewer = ?');
    args.push(f.reviewedBy);
  }
  if (f.notReviewedBy !== undefined) {
    where.push('NOT EXISTS (SELECT 1 FROM review_decisions rd WHERE rd.item_id = i.id AND rd.reviewer = ?)');
    args.push(f.notReviewedBy);
  }
  return { where, args };
}

/**
 * One page of the risk queue (highest risk first, ties newest first) or of the audit
 * queue (the sample's random order). The caller scores new items first
 * (refreshReviewQueue): an unscored item (risk NULL, only in a read-only file) sorts
 * last and is not reached through a cursor.
 */
export function queuePage(db: Database.Database, p: Params): QueuePage {
  const { where, args } = filterSql(p);
  const total = db
    .prepare(`SELECT count(*) FROM review_items i WHERE ${where.join(' AND ')}`)
    .pluck()
    .get(...args) as number;
  const pageWhere = [...where];
  const pageArgs = [...args];
  if (p.cursor) {
    const c = decodeCursor(p.cursor, p.queue);
    // row values let SQLite seek the index straight to the cursor (risk runs downwards, audit rank upwards)
    pageWhere.push(p.queue === 'risk' ? '(i.risk, i.id) < (?, ?)' : '(i.audit_rank, i.id) > (?, ?)');
    pageArgs.push(c.key, c.id);
  }
  const order = p.queue === 'risk' ? 'i.risk DESC, i.id DESC' : 'i.audit_rank, i.id';
  const rows = db
    .prepare(`${ITEM_SELECT} WHERE ${pageWhere.join(' AND ')} ORDER BY ${order} LIMIT ?`)
    .all(...pageArgs, p.limit + 1) as ItemRow[];
  const more = rows.length > p.limit;
  const page = more ? rows.slice(0, p.limit) : rows;
  const names = loadNameBook(db);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => toQueueItem(r, names)),
    nextCursor:
      more && last
        ? encodeCursor({ queue: p.queue, key: p.queue === 'risk' ? last.risk : last.audit_rank, id: last.id })
        : null,
    total,
  };
}
