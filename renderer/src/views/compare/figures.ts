import type { CompareLevel, CompareResult } from '../../../../shared/contract/compare';
import { codeFamilies } from './codeTree';
import { effectPanel } from './effectFigure';
import type { FigureSpec, LegendItem } from './figureExport';
import { groupLabel, LEVEL_UNITS, SIGNIFICANCE_NOTE } from './formatStats';
import { GROUP_COLORS } from './groupColors';
import { heatmapLegend, heatmapPanel, shareDomain } from './heatmapFigure';
import { schoolHeatmap, type HeatmapMeasure } from './schoolShares';

// The two figures of a comparison, described once: the view shows their parts as HTML
// around the Plot panels, the exports compose them into one SVG.

export const FIGURE_WIDTH = 900;

const SOURCE_WORDS: Record<string, string> = {
  human: 'human labels',
  ai: 'AI labels',
  all: 'all labels (human and AI)',
  consensus: 'human consensus labels',
  effective: 'effective labels (AI as corrected in review)',
};

export const sourceWords = (source: string) => SOURCE_WORDS[source] ?? `${source} labels`;

const LEVEL_PHRASE: Record<CompareLevel, string> = {
  segment: 'segments coded with',
  document: 'interviews mentioning',
  school: 'schools where any interview mentions',
};

export function groupsLine(result: CompareResult): string {
  const side = (name: string, g: CompareResult['groups']['a']) =>
    `${groupLabel(name)}: ${g.documents} interviews at ${g.schools} schools (${g.segments} segments)`;
  return `${side(result.a, result.groups.a)}; ${side(result.b, result.groups.b)}. Source: ${sourceWords(result.source)}.`;
}

export function effectTitle(result: CompareResult): string {
  return `Codes mentioned more often at ${groupLabel(result.a)} vs ${groupLabel(result.b)}`;
}

export function effectSubtitle(result: CompareResult): string {
  return (
    `Difference in the share of ${LEVEL_PHRASE[result.level]} each code (${groupLabel(result.a)} − ${groupLabel(result.b)}), ` +
    `in percentage points, with 95% confidence intervals. ${groupsLine(result)}`
  );
}

export function effectLegend(result: CompareResult): LegendItem[] {
  return [
    { kind: 'swatch', color: GROUP_COLORS.a, label: `More often at ${groupLabel(result.a)}` },
    { kind: 'swatch', color: GROUP_COLORS.b, label: `More often at ${groupLabel(result.b)}` },
    { kind: 'swatch', color: '#8a919c', opacity: 0.55, label: 'lighter: q ≥ .05' },
    { kind: 'whisker', label: '95% CI' },
  ];
}

export function effectNotes(result: CompareResult): string[] {
  const units = LEVEL_UNITS[result.level].many;
  return [
    `Right column: share of ${units} in ${groupLabel(result.a)} vs ${groupLabel(result.b)}. ${SIGNIFICANCE_NOTE}.`,
    result.methods,
  ];
}

export function effectFigure(result: CompareResult, width = FIGURE_WIDTH): FigureSpec {
  return {
    title: effectTitle(result),
    subtitle: effectSubtitle(result),
    legend: effectLegend(result),
    panels: codeFamilies(result.codes).map((family) => ({
      heading: family.name,
      svg: effectPanel({ family, result, width, interactive: false }),
    })),
    notes: effectNotes(result),
  };
}

export function heatmapTitle(result: CompareResult, measure: HeatmapMeasure): string {
  return `Where each code appears: share of each school's ${measure === 'documents' ? 'interviews' : 'segments'}`;
}

export function heatmapFigure(result: CompareResult, measure: HeatmapMeasure): FigureSpec | null {
  const heatmap = schoolHeatmap(result, measure);
  if (!heatmap) return null;
  return {
    title: heatmapTitle(result, measure),
    subtitle: `Codes × schools, schools grouped by ${result.by}. ${groupsLine(result)}`,
    legend: [],
    panels: [
      { svg: heatmapLegend(measure, shareDomain(heatmap, measure)) },
      { svg: heatmapPanel({ heatmap, a: result.a, b: result.b, measure, interactive: false }) },
    ],
    notes: [
      `Cell value: percentage of the school's ${measure === 'documents' ? 'interviews that mention the code at least once' : 'segments coded with the code'}.` +
        (result.rollup ? ' Family codes include their subcodes.' : ''),
    ],
  };
}
