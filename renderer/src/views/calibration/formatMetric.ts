// How the agreement report writes its numbers: two decimals, an en dash for undefined,
// intervals as "[lo, hi]".

export function metric(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return value.toFixed(digits).replace('-', '−');
}

export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '–';
  return `${Math.round(value * 100)}%`;
}

export function interval(ci: readonly [number, number] | null | undefined): string {
  if (!ci) return '';
  return `[${metric(ci[0])}, ${metric(ci[1])}]`;
}

/** A cell's tooltip: the interval, or why the value is undefined. */
export function cellTitle(
  label: string,
  ci: readonly [number, number] | null | undefined,
  reason: string | undefined,
): string {
  if (reason) return `${label}: undefined — ${reason}`;
  if (ci) return `${label}, 95% CI ${interval(ci)}`;
  return label;
}

export const STATUS_LABEL: Record<string, string> = {
  ready: 'Ready',
  below_threshold: 'Below threshold',
  below_human: 'Below human–human',
  undefined: 'Undefined',
};

/** The agreement measures a threshold or comparison can use: symbol and full name. */
export const METRIC_NAMES: Record<string, { short: string; long: string }> = {
  cohen_kappa: { short: 'κ', long: 'Cohen’s κ (Fleiss’ κ for three or more coders)' },
  krippendorff_alpha: { short: 'α', long: 'Krippendorff’s α' },
  gwet_ac1: { short: 'AC1', long: 'Gwet’s AC1' },
};
