import type { CompareResult, CompareRow } from '../../../shared/contract/compare';
import type { CsvCell } from './csvFormat';

// The comparison as one flat table (CSV, the XLSX sheet): the main comparison first,
// then each breakdown stratum, told apart by the `breakdown` and `stratum` columns.

export const COMPARISON_COLUMNS = [
  'breakdown',
  'stratum',
  'level',
  'code',
  'code_id',
  'parent_id',
  'a',
  'b',
  'count_a',
  'total_a',
  'prop_a',
  'count_b',
  'total_b',
  'prop_b',
  'difference',
  'difference_ci95_low',
  'difference_ci95_high',
  'risk_ratio',
  'risk_ratio_ci95_low',
  'risk_ratio_ci95_high',
  'p_value',
  'q_value',
  'segments_a',
  'segments_b',
  'documents_a',
  'documents_b',
  'schools_a',
  'schools_b',
  'per_1000_words_a',
  'per_1000_words_b',
  'warnings',
] as const;

function rowCells(breakdown: string, stratum: string, level: string, r: CompareRow): CsvCell[] {
  return [
    breakdown,
    stratum,
    level,
    r.code,
    r.code_id,
    r.parent_id,
    r.a,
    r.b,
    r.count_a,
    r.total_a,
    r.prop_a,
    r.count_b,
    r.total_b,
    r.prop_b,
    r.difference,
    r.difference_ci95?.[0],
    r.difference_ci95?.[1],
    r.risk_ratio,
    r.risk_ratio_ci95?.[0],
    r.risk_ratio_ci95?.[1],
    r.p_value,
    r.q_value,
    r.segments_a,
    r.segments_b,
    r.documents_a,
    r.documents_b,
    r.schools_a,
    r.schools_b,
    r.per_1000_words_a,
    r.per_1000_words_b,
    r.warnings.join(';'),
  ];
}

/** Header plus one row per code (and per code and stratum of each breakdown). */
export function comparisonTable(results: readonly CompareResult[]): CsvCell[][] {
  const rows: CsvCell[][] = [[...COMPARISON_COLUMNS]];
  for (const result of results) {
    for (const r of result.codes) rows.push(rowCells('', '', result.level, r));
    for (const b of result.breakdowns)
      for (const s of b.strata)
        for (const r of s.codes) rows.push(rowCells(b.attribute, s.value, result.level, r));
  }
  return rows;
}
