import type { CompareRow } from '../../../../shared/contract/compare';

// Sorting the comparison table. Nulls (a difference that is not defined because a group
// is empty) always go last, whatever the direction.

export type SortKey = 'order' | 'name' | 'effect' | 'ratio' | 'p' | 'q';
export type SortDirection = 'asc' | 'desc';

export interface SortState {
  key: SortKey;
  dir: SortDirection;
}

/** The direction a column sorts in on its first click: largest effect, smallest p first. */
export const FIRST_DIRECTION: Record<SortKey, SortDirection> = {
  order: 'asc',
  name: 'asc',
  effect: 'desc',
  ratio: 'desc',
  p: 'asc',
  q: 'asc',
};

const value = (row: CompareRow, key: SortKey): number | string | null => {
  switch (key) {
    case 'name':
      return row.code;
    case 'effect':
      return row.difference;
    case 'ratio':
      return row.risk_ratio;
    case 'p':
      return row.p_value;
    case 'q':
      return row.q_value;
    case 'order':
      return null;
  }
};

export function rowComparator(
  sort: SortState,
  order: readonly CompareRow[],
): (x: CompareRow, y: CompareRow) => number {
  if (sort.key === 'order') {
    const at = new Map(order.map((r, i) => [r.code_id, i]));
    const sign = sort.dir === 'asc' ? 1 : -1;
    return (x, y) => sign * ((at.get(x.code_id) ?? 0) - (at.get(y.code_id) ?? 0));
  }
  const sign = sort.dir === 'asc' ? 1 : -1;
  return (x, y) => {
    const vx = value(x, sort.key);
    const vy = value(y, sort.key);
    if (vx === null || vy === null) {
      if (vx === vy) return x.code.localeCompare(y.code);
      return vx === null ? 1 : -1;
    }
    const c = typeof vx === 'string' ? vx.localeCompare(vy as string) : vx - (vy as number);
    // ties (many p = 1) fall back to the name, so the order is stable between runs
    return c === 0 ? x.code.localeCompare(y.code) : sign * c;
  };
}
