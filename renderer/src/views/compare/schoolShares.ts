import type { CompareResult } from '../../../../shared/contract/compare';
import { codeNodes } from './codeTree';

// The heatmap's numbers: for each code and school, the share of the school's documents
// (or segments) with the code, read from the comparison's breakdown by school. A school
// is on side a or b when all its compared documents are; 'both' otherwise (an attribute
// that varies within schools, such as role).

export type HeatmapMeasure = 'documents' | 'segments';

export interface SchoolColumn {
  school: string;
  side: 'a' | 'b' | 'both';
  documents: number;
  segments: number;
}

export interface HeatmapRow {
  code_id: string;
  code: string;
  depth: number;
}

export interface HeatmapCell {
  code_id: string;
  code: string;
  school: string;
  count: number;
  total: number;
  share: number;
}

export interface SchoolHeatmap {
  columns: SchoolColumn[];
  rows: HeatmapRow[];
  cells: HeatmapCell[];
}

const SIDE_ORDER = { a: 0, b: 1, both: 2 } as const;

export function schoolHeatmap(result: CompareResult, measure: HeatmapMeasure): SchoolHeatmap | null {
  const breakdown = result.breakdowns.find((b) => b.attribute === result.school_attribute);
  if (!breakdown || breakdown.strata.length === 0) return null;
  const columns: SchoolColumn[] = breakdown.strata
    .map((s) => {
      const { a, b } = s.groups;
      const side: SchoolColumn['side'] =
        a.documents > 0 && b.documents > 0 ? 'both' : a.documents > 0 ? 'a' : 'b';
      return {
        school: s.value,
        side,
        documents: a.documents + b.documents,
        segments: a.segments + b.segments,
      };
    })
    .sort((x, y) => SIDE_ORDER[x.side] - SIDE_ORDER[y.side] || x.school.localeCompare(y.school));
  const rows = codeNodes(result.codes).map((n) => ({
    code_id: n.row.code_id,
    code: n.row.code,
    depth: n.depth,
  }));
  const cells: HeatmapCell[] = [];
  for (const stratum of breakdown.strata) {
    const total =
      measure === 'documents'
        ? stratum.groups.a.documents + stratum.groups.b.documents
        : stratum.groups.a.segments + stratum.groups.b.segments;
    for (const row of stratum.codes) {
      const count =
        measure === 'documents' ? row.documents_a + row.documents_b : row.segments_a + row.segments_b;
      cells.push({
        code_id: row.code_id,
        code: row.code,
        school: stratum.value,
        count,
        total,
        share: total > 0 ? count / total : 0,
      });
    }
  }
  return { columns, rows, cells };
}
