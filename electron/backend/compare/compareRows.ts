import { compareCodes } from '../../../shared/compare';
import type { CompareLevel, CompareRow } from '../../../shared/contract/compare';
import type { ComparedCode } from './codeList';
import type { GroupTotals, LevelCounts } from './countCodes';

const LEVEL_KEY = { segment: 'segments', document: 'documents', school: 'schools' } as const;

const per1000 = (count: number, words: number) => (words > 0 ? (1000 * count) / words : null);

/**
 * One row per code: the statistics of `stats compare` at the chosen level (computed by
 * shared/compare, so both commands give the same numbers for the same counts), plus the
 * raw counts at every level and the rate per 1,000 words.
 */
export function compareRows(
  codes: readonly ComparedCode[],
  counts: LevelCounts,
  totals: GroupTotals,
  level: CompareLevel,
  a: string,
  b: string,
): CompareRow[] {
  const key = LEVEL_KEY[level];
  // codes of older versions only appear when something in the compared groups uses them
  const kept = codes
    .map((code, i) => ({ code, i }))
    .filter(({ code, i }) => code.active || counts.segments[i * 2]! + counts.segments[i * 2 + 1]! > 0);
  if (kept.length === 0) return [];
  const report = compareCodes(
    kept.flatMap(({ code, i }) => [
      { code: code.key, group: a, count: counts[key][i * 2]!, total: totals[key][0] },
      { code: code.key, group: b, count: counts[key][i * 2 + 1]!, total: totals[key][1] },
    ]),
  );
  return report.codes.map((stats, n) => {
    const { code, i } = kept[n]!;
    return {
      ...stats,
      code: code.name,
      code_id: code.key,
      parent_id: code.parentKey,
      color: code.color,
      warnings: [...stats.warnings],
      segments_a: counts.segments[i * 2]!,
      segments_b: counts.segments[i * 2 + 1]!,
      documents_a: counts.documents[i * 2]!,
      documents_b: counts.documents[i * 2 + 1]!,
      schools_a: counts.schools[i * 2]!,
      schools_b: counts.schools[i * 2 + 1]!,
      per_1000_words_a: per1000(counts.segments[i * 2]!, totals.words[0]),
      per_1000_words_b: per1000(counts.segments[i * 2 + 1]!, totals.words[1]),
    };
  });
}
