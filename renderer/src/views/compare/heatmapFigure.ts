import * as Plot from '@observablehq/plot';
import { groupLabel } from './formatStats';
import { FIGURE_FONT, GROUP_COLORS, INK, INK_2 } from './groupColors';
import { buttonAttributes, tagRects } from './plotMarks';
import type { HeatmapCell, HeatmapMeasure, SchoolHeatmap } from './schoolShares';

// Codes × schools: the share of each school's documents (or segments) with the code, on
// a single-hue scale. Columns are grouped by side (group a, then b), families are
// separated by a rule, and family codes are set in bold.

const CELL_W = 78;
const CELL_H = 19;
const LABEL_MARGIN = 300;
const HEADER = 74;
const SCHEME = 'blues';

export interface HeatmapInput {
  heatmap: SchoolHeatmap;
  a: string;
  b: string;
  measure: HeatmapMeasure;
  interactive: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The colour scale's top: all of a school's interviews can mention a code, but a code
 * rarely covers more than a fifth of the segments, so the segment scale ends at the
 * largest share (rounded up to 5 %) to keep differences visible.
 */
export function shareDomain(heatmap: SchoolHeatmap, measure: HeatmapMeasure): [number, number] {
  if (measure === 'documents') return [0, 1];
  const max = Math.max(0, ...heatmap.cells.map((c) => c.share));
  return [0, Math.min(1, Math.max(0.05, Math.ceil(max * 20) / 20))];
}

export function heatmapPanel(input: HeatmapInput): SVGSVGElement {
  const { heatmap, measure } = input;
  const schools = heatmap.columns.map((c) => c.school);
  const ids = heatmap.rows.map((r) => r.code_id);
  const rowOf = new Map(heatmap.rows.map((r) => [r.code_id, r]));
  const width = LABEL_MARGIN + schools.length * CELL_W + 20;
  const units = measure === 'documents' ? 'interviews' : 'segments';
  const domain = shareDomain(heatmap, measure);
  const tip = (c: HeatmapCell) =>
    `${c.code} at ${c.school}: ${c.count} of ${c.total} ${units} (${Math.round(c.share * 100)}%)`;

  // group headers above the columns and rules between families, drawn with the plot's own scales
  const decorations = (_index: number[], scales: Plot.ScaleFunctions): SVGElement => {
    const g = document.createElementNS(SVG_NS, 'g');
    const x = scales.x!;
    const y = scales.y!;
    for (const side of ['a', 'b', 'both'] as const) {
      const cols = heatmap.columns.filter((c) => c.side === side);
      if (!cols.length) continue;
      const x0 = x(cols[0]!.school) as number;
      const x1 = (x(cols[cols.length - 1]!.school) as number) + CELL_W;
      const color = side === 'a' ? GROUP_COLORS.a : side === 'b' ? GROUP_COLORS.b : INK_2;
      const label = side === 'both' ? 'Both groups' : groupLabel(side === 'a' ? input.a : input.b);
      const rule = document.createElementNS(SVG_NS, 'rect');
      rule.setAttribute('x', String(x0 + 2));
      rule.setAttribute('y', '8');
      rule.setAttribute('width', String(x1 - x0 - 4));
      rule.setAttribute('height', '3');
      rule.setAttribute('fill', color);
      const text = document.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', String((x0 + x1) / 2));
      text.setAttribute('y', '4');
      text.setAttribute('text-anchor', 'middle');
      text.setAttribute('font-weight', '650');
      text.setAttribute('fill', color);
      text.textContent = `${label} (${cols.length})`;
      g.append(rule, text);
    }
    for (const row of heatmap.rows) {
      if (row.depth !== 0 || row.code_id === ids[0]) continue;
      const top = y(row.code_id) as number;
      const line = document.createElementNS(SVG_NS, 'line');
      line.setAttribute('x1', '8');
      line.setAttribute('x2', String(width - 20));
      line.setAttribute('y1', String(top));
      line.setAttribute('y2', String(top));
      line.setAttribute('stroke', INK_2);
      line.setAttribute('stroke-width', '0.8');
      g.append(line);
    }
    return g;
  };

  const svg = Plot.plot({
    width,
    height: HEADER + ids.length * CELL_H + 8,
    marginLeft: LABEL_MARGIN,
    marginRight: 20,
    marginTop: HEADER,
    marginBottom: 8,
    style: {
      fontFamily: FIGURE_FONT,
      fontSize: '11.5px',
      color: INK,
      background: 'white',
      overflow: 'visible',
    },
    x: { domain: schools, label: null, padding: 0 },
    y: { domain: ids, label: null, padding: 0 },
    color: { type: 'linear', scheme: SCHEME, domain, clamp: true },
    marks: [
      Plot.axisX({ anchor: 'top', label: null, tickSize: 0, lineWidth: 6, fill: INK_2 }),
      // labels flush left, subcodes indented under their family
      Plot.axisY({
        tickSize: 0,
        tickPadding: LABEL_MARGIN - 8,
        textAnchor: 'start',
        label: null,
        tickFormat: (id: string) => {
          const row = rowOf.get(id);
          return row ? `${'\u00a0\u00a0\u00a0\u00a0'.repeat(row.depth)}${row.code}` : id;
        },
      }),
      Plot.cell(heatmap.cells, {
        x: 'school',
        y: 'code_id',
        fill: 'share',
        inset: 0.5,
        title: tip,
        render: tagRects(heatmap.cells, (c) => ({
          'data-code': c.code_id,
          'data-school': c.school,
          ...(input.interactive ? buttonAttributes(tip(c)) : {}),
        })),
      }),
      Plot.text(
        heatmap.cells.filter((c) => c.count > 0),
        {
          x: 'school',
          y: 'code_id',
          text: (c: HeatmapCell) => `${Math.round(c.share * 100)}`,
          fill: (c: HeatmapCell) => (c.share / domain[1] > 0.55 ? 'white' : INK),
          fontSize: 10.5,
          pointerEvents: 'none',
        },
      ),
      decorations,
    ],
  }) as SVGSVGElement;

  // family codes in bold: the y axis labels are plain text, one per code, in domain order
  const labels = svg.querySelectorAll('g[aria-label="y-axis tick label"] text');
  labels.forEach((t, i) => {
    if (rowOf.get(ids[i]!)?.depth === 0) t.setAttribute('font-weight', '650');
  });
  svg
    .querySelectorAll('g[aria-label="x-axis tick label"] text')
    .forEach((t) => t.setAttribute('fill', INK_2));
  svg.setAttribute('aria-label', `Share of each school's ${units} with each code`);
  return svg;
}

/** The colour ramp legend (an SVG of its own, so it can go into exported files). */
export function heatmapLegend(measure: HeatmapMeasure, domain: [number, number]): SVGSVGElement {
  return Plot.legend({
    color: { type: 'linear', scheme: SCHEME, domain },
    label: `Share of the school's ${measure === 'documents' ? 'interviews' : 'segments'} with the code`,
    tickFormat: (x: number) => `${Math.round(x * 100)}%`,
    width: 320,
    style: { fontFamily: FIGURE_FONT, fontSize: '11px', color: INK },
  }) as SVGSVGElement;
}
