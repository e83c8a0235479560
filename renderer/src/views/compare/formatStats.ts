import type { CompareLevel, CompareRow } from '../../../../shared/contract/compare';

// How the numbers of a comparison are written in tables, tooltips and figures. A minus
// sign (not a hyphen) and a fixed number of decimals keep the columns readable.

const MINUS = '\u2212';
const withMinus = (s: string) => s.replace('-', MINUS);

/** A share as a percentage: one decimal below 10 %, whole numbers above. */
export function formatShare(x: number | null): string {
  if (x === null) return '—';
  const pct = x * 100;
  if (pct === 0 || pct === 100) return `${pct}%`;
  return `${pct < 10 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/** A difference of shares in percentage points, always signed. */
export function formatPoints(x: number | null): string {
  if (x === null) return '—';
  const pts = x * 100;
  const abs = Math.abs(pts);
  const digits = abs < 10 && abs >= 0.05 ? 1 : 0;
  const text = abs.toFixed(digits);
  if (Number(text) === 0) return '0';
  return `${pts > 0 ? '+' : MINUS}${text}`;
}

export function formatRatio(x: number | null): string {
  if (x === null) return '—';
  if (!Number.isFinite(x)) return '∞';
  if (x === 0) return '0';
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

export function formatInterval(ci: [number, number] | null, format: (x: number) => string): string {
  return ci ? `${format(ci[0])}, ${format(ci[1])}` : '';
}

export function formatP(p: number): string {
  if (p < 0.001) return '<0.001';
  // three decimals near the usual thresholds, so 0.048 does not read as 0.05
  if (p < 0.1) return p.toFixed(3);
  return p.toFixed(2);
}

export function formatRate(x: number | null): string {
  return x === null ? '—' : withMinus(x.toFixed(x >= 10 ? 1 : 2));
}

export type Significance = '***' | '**' | '*' | '†' | '';

/**
 * Marks follow the BH q-value (the table tests every code at once); a dagger flags a
 * nominal p < .05 that does not survive the correction.
 */
export function significance(row: Pick<CompareRow, 'p_value' | 'q_value'>): Significance {
  if (row.q_value < 0.001) return '***';
  if (row.q_value < 0.01) return '**';
  if (row.q_value < 0.05) return '*';
  if (row.p_value < 0.05) return '†';
  return '';
}

export const SIGNIFICANCE_NOTE =
  '* q < .05, ** q < .01, *** q < .001 (Benjamini–Hochberg); † p < .05 before correction';

export const LEVEL_UNITS: Record<CompareLevel, { one: string; many: string }> = {
  segment: { one: 'segment', many: 'segments' },
  document: { one: 'interview', many: 'interviews' },
  school: { one: 'school', many: 'schools' },
};

/** "bright" → "Bright"; the values stay as the project spells them otherwise. */
export function groupLabel(value: string): string {
  return value.length ? value[0]!.toUpperCase() + value.slice(1) : value;
}

/** One line that says what a row's numbers are, for tooltips and screen readers. */
export function describeRow(row: CompareRow, level: CompareLevel): string {
  const units = LEVEL_UNITS[level].many;
  const a = `${groupLabel(row.a)} ${row.count_a}/${row.total_a} ${units} (${formatShare(row.prop_a)})`;
  const b = `${groupLabel(row.b)} ${row.count_b}/${row.total_b} (${formatShare(row.prop_b)})`;
  const diff =
    row.difference === null
      ? 'difference not defined'
      : `difference ${formatPoints(row.difference)} pp` +
        (row.difference_ci95 ? ` [95% CI ${formatInterval(row.difference_ci95, formatPoints)}]` : '');
  return `${row.code}: ${a} vs ${b}; ${diff}; p = ${formatP(row.p_value)}, q = ${formatP(row.q_value)}`;
}

/** The class of a difference in a table: no difference reads quieter than one either way. */
export function effectClass(difference: number | null): string {
  if (difference === null || Math.abs(difference) < 0.0005) return 'cmp-zero';
  return difference < 0 ? 'cmp-neg' : 'cmp-pos';
}
