import * as Plot from '@observablehq/plot';
import type { CompareResult, CompareRow } from '../../../../shared/contract/compare';
import type { CodeFamily } from './codeTree';
import { sortTree } from './codeTree';
import { describeRow, formatPoints, formatShare, groupLabel, significance } from './formatStats';
import { FIGURE_FONT, GROUP_COLORS, INK, INK_2, INK_3, RULE } from './groupColors';
import { buttonAttributes, tagRects } from './plotMarks';
import { rowComparator } from './rowOrder';

// One panel of the effect chart: the codes of a family as a diverging bar chart of the
// difference in shares (a − b), bars to the right for codes found more often in group a,
// to the left for group b, with the 95% CI as whiskers and the significance marks in a
// column on the right.

export const EFFECT_ROW = 24;
const LABEL_MARGIN = 300;
const RIGHT_MARGIN = 150;

export interface EffectPanelInput {
  family: CodeFamily;
  result: Pick<CompareResult, 'a' | 'b' | 'level' | 'rollup'>;
  width: number;
  /** tag bars and rows for clicks and keyboard (left out of exported files) */
  interactive: boolean;
}

interface Datum {
  row: CompareRow;
  label: string;
  lo: number | null;
  hi: number | null;
  significant: boolean;
}

const byEffect = rowComparator({ key: 'effect', dir: 'desc' }, []);

function rowLabel(row: CompareRow, depth: number, rollup: boolean): string {
  if (depth === 0) return rollup ? `${row.code} (incl. subcodes)` : `${row.code} (general)`;
  // no-break spaces survive SVG's whitespace collapsing
  return `${'\u00a0\u00a0\u00a0\u00a0'.repeat(depth - 1)}${row.code}`;
}

export function effectPanelData(input: Pick<EffectPanelInput, 'family' | 'result'>): Datum[] {
  return sortTree(input.family.nodes, byEffect).map((n) => ({
    row: n.row,
    label: rowLabel(n.row, n.depth, input.result.rollup),
    lo: n.row.difference_ci95?.[0] ?? null,
    hi: n.row.difference_ci95?.[1] ?? null,
    significant: n.row.q_value < 0.05,
  }));
}

export function effectPanel(input: EffectPanelInput): SVGSVGElement {
  const data = effectPanelData(input);
  const { a, b, level } = input.result;
  const withCi = data.filter((d) => d.lo !== null && d.hi !== null && d.row.difference !== null);
  const withBar = data.filter((d) => d.row.difference !== null);
  const y = (d: Datum) => d.row.code_id;
  const rowTag = (d: Datum) => ({
    'data-code': d.row.code_id,
    'data-group': (d.row.difference ?? 0) >= 0 ? 'a' : 'b',
    ...(input.interactive ? buttonAttributes(`Excerpts for ${d.row.code}`) : {}),
  });

  const svg = Plot.plot({
    width: input.width,
    height: data.length * EFFECT_ROW + 30,
    marginLeft: LABEL_MARGIN,
    marginRight: RIGHT_MARGIN,
    marginTop: 4,
    marginBottom: 26,
    style: {
      fontFamily: FIGURE_FONT,
      fontSize: '12px',
      color: INK,
      background: 'white',
      overflow: 'visible',
    },
    x: {
      domain: [-1, 1],
      ticks: [-1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1],
      tickFormat: (x: number) => formatPoints(x),
      label: null,
      grid: true,
    },
    y: { domain: data.map(y), label: null, padding: 0 },
    marks: [
      // labels set flush left, so a sub-subcode's indent shows
      Plot.axisY({
        tickSize: 0,
        tickPadding: LABEL_MARGIN - 4,
        textAnchor: 'start',
        label: null,
        tickFormat: (id: string) => data.find((d) => d.row.code_id === id)?.label ?? id,
      }),
      // a faint band on every other row helps the eye from label to bar
      Plot.barX(
        data.filter((_, i) => i % 2 === 1),
        { y, x1: -1, x2: 1, fill: '#f4f6f9' },
      ),
      Plot.ruleX([0], { stroke: INK_3 }),
      Plot.barX(withBar, {
        y,
        x1: 0,
        x2: (d: Datum) => d.row.difference,
        fill: (d: Datum) => ((d.row.difference ?? 0) >= 0 ? GROUP_COLORS.a : GROUP_COLORS.b),
        fillOpacity: (d: Datum) => (d.significant ? 1 : 0.55),
        insetTop: 5,
        insetBottom: 5,
        title: (d: Datum) => describeRow(d.row, level),
        render: tagRects(withBar, rowTag),
      }),
      Plot.ruleY(withCi, { y, x1: 'lo', x2: 'hi', stroke: INK, strokeWidth: 1.2 }),
      Plot.tickX(withCi, { y, x: 'lo', stroke: INK, strokeWidth: 1.2, insetTop: 7, insetBottom: 7 }),
      Plot.tickX(withCi, { y, x: 'hi', stroke: INK, strokeWidth: 1.2, insetTop: 7, insetBottom: 7 }),
      // the shares behind each bar and its significance mark, in the right margin
      Plot.text(data, {
        y,
        x: 1,
        dx: 12,
        textAnchor: 'start',
        fill: INK_2,
        text: (d: Datum) => `${formatShare(d.row.prop_a)} vs ${formatShare(d.row.prop_b)}`,
      }),
      Plot.text(data, {
        y,
        x: 1,
        dx: 112,
        textAnchor: 'start',
        fontWeight: 700,
        fill: INK,
        text: (d: Datum) => significance(d.row),
      }),
      // transparent row-wide targets: a click anywhere on a row opens its excerpts
      ...(input.interactive
        ? [
            Plot.barX(data, {
              y,
              x1: -1,
              x2: 1,
              fill: 'transparent',
              className: 'cmp-row-target',
              title: (d: Datum) => describeRow(d.row, level),
              render: tagRects(data, rowTag),
            }),
          ]
        : []),
    ],
  }) as SVGSVGElement;
  svg.setAttribute('aria-label', `Difference in shares, ${groupLabel(a)} minus ${groupLabel(b)}`);
  styleGrid(svg);
  return svg;
}

/** Plot's grid is drawn in currentColor at 10 % opacity; the report style wants a solid hairline. */
function styleGrid(svg: SVGSVGElement): void {
  svg.querySelectorAll('g[aria-label="x-grid"]').forEach((g) => {
    g.setAttribute('stroke', RULE);
    g.setAttribute('stroke-opacity', '1');
  });
}
