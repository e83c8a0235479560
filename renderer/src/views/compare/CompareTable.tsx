import { useMemo } from 'react';
import type { CompareResult, CompareRow } from '../../../../shared/contract/compare';
import { useCompare } from '../../stores/compare';
import { codeNodes, sortTree, type CodeNode } from './codeTree';
import {
  describeRow,
  effectClass,
  formatInterval,
  formatP,
  formatPoints,
  formatRate,
  formatRatio,
  formatShare,
  groupLabel,
  LEVEL_UNITS,
  significance,
  SIGNIFICANCE_NOTE,
} from './formatStats';
import { GROUP_COLORS } from './groupColors';
import { FIRST_DIRECTION, rowComparator, type SortKey } from './rowOrder';
import { rowWarnings, RowWarnings } from './rowWarnings';

// The comparison as a table: one row per code, subcodes indented under their family,
// sortable by effect, p, q or name. The counts open the excerpts behind them.

function SortHeader({
  label,
  sortKey,
  className,
  title,
}: {
  label: string;
  sortKey: SortKey;
  className?: string;
  title?: string;
}) {
  const sort = useCompare((s) => s.sort);
  const setSort = useCompare((s) => s.setSort);
  const active = sort.key === sortKey;
  const next = () =>
    setSort(
      active
        ? { key: sortKey, dir: sort.dir === 'asc' ? 'desc' : 'asc' }
        : { key: sortKey, dir: FIRST_DIRECTION[sortKey] },
    );
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button type="button" className="cmp-sort" onClick={next} title={title} data-testid={`sort-${sortKey}`}>
        {label}
        <span className="cmp-sort-arrow" aria-hidden="true">
          {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}

function CountCell({ row, side }: { row: CompareRow; side: 'a' | 'b' }) {
  const openExcerpts = useCompare((s) => s.openExcerpts);
  const count = side === 'a' ? row.count_a : row.count_b;
  const total = side === 'a' ? row.total_a : row.total_b;
  const share = side === 'a' ? row.prop_a : row.prop_b;
  const segments = side === 'a' ? row.segments_a : row.segments_b;
  return (
    <td className={`cmp-num cmp-count cmp-side-${side}`}>
      <button
        type="button"
        className="cmp-count-button"
        disabled={segments === 0}
        onClick={() => void openExcerpts({ kind: 'group', code: row.code_id, group: side })}
        title={
          segments
            ? `Show the ${segments} coded segments in ${groupLabel(side === 'a' ? row.a : row.b)}`
            : 'No coded segments'
        }
        data-testid={`count-${side}`}
      >
        <span className="cmp-share">{formatShare(share)}</span>
        <span className="cmp-frac">
          {count}/{total}
        </span>
        <span className="cmp-share-bar" aria-hidden="true">
          <span style={{ width: `${(share ?? 0) * 100}%`, background: GROUP_COLORS[side] }} />
        </span>
      </button>
    </td>
  );
}

function Row({ node, result, grouped }: { node: CodeNode; result: CompareResult; grouped: boolean }) {
  const { row } = node;
  const selected = useCompare((s) => s.drawer?.target.code === row.code_id);
  const mark = significance(row);
  const depth = grouped ? node.depth : 0;
  return (
    <tr
      className={[
        depth === 0 && grouped ? 'cmp-family-row' : '',
        mark && mark !== '†' ? 'is-significant' : '',
        selected ? 'is-selected' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      data-testid="compare-row"
      data-code={row.code_id}
      title={describeRow(row, result.level)}
    >
      <th scope="row" className="cmp-code" style={{ paddingLeft: 12 + depth * 18 }}>
        <span className="cmp-code-dot" style={{ background: row.color }} aria-hidden="true" />
        <span className="cmp-code-name">{row.code}</span>
      </th>
      <CountCell row={row} side="a" />
      <CountCell row={row} side="b" />
      <td className="cmp-num cmp-rate">
        <span style={{ color: GROUP_COLORS.a }}>{formatRate(row.per_1000_words_a)}</span>
        <span className="cmp-rate-sep">·</span>
        <span style={{ color: GROUP_COLORS.b }}>{formatRate(row.per_1000_words_b)}</span>
      </td>
      <td className="cmp-num cmp-effect">
        <span className={effectClass(row.difference)}>{formatPoints(row.difference)}</span>
        <span className="cmp-ci">
          {row.difference_ci95 ? `[${formatInterval(row.difference_ci95, formatPoints)}]` : ''}
        </span>
      </td>
      <td className="cmp-num cmp-effect">
        {formatRatio(row.risk_ratio)}
        <span className="cmp-ci">
          {row.risk_ratio_ci95 ? `[${formatInterval(row.risk_ratio_ci95, formatRatio)}]` : ''}
        </span>
      </td>
      <td className="cmp-num">{formatP(row.p_value)}</td>
      <td className="cmp-num">
        {formatP(row.q_value)}
        <span className="cmp-mark" data-testid="significance">
          {mark}
        </span>
      </td>
      <td className="cmp-warn-cell">
        <RowWarnings warnings={rowWarnings(row, result)} />
      </td>
    </tr>
  );
}

export function CompareTable({ result }: { result: CompareResult }) {
  const sort = useCompare((s) => s.sort);
  const grouped = useCompare((s) => s.grouped);
  const setGrouped = useCompare((s) => s.setGrouped);
  const setSort = useCompare((s) => s.setSort);
  const nodes = useMemo(() => {
    const all = codeNodes(result.codes);
    const compare = rowComparator(sort, result.codes);
    return grouped ? sortTree(all, compare) : [...all].sort((x, y) => compare(x.row, y.row));
  }, [result, sort, grouped]);
  const units = LEVEL_UNITS[result.level].many;

  return (
    <section className="cmp-table-section">
      <div className="cmp-table-tools">
        <label className="cmp-check">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
          Group by family
        </label>
        {sort.key !== 'order' && (
          <button
            type="button"
            className="link-button small"
            onClick={() => setSort({ key: 'order', dir: 'asc' })}
          >
            Codebook order
          </button>
        )}
        <span className="spacer" />
        <span className="muted small">Click a count to read the excerpts behind it.</span>
      </div>
      <div className="cmp-table-wrap">
        <table className="cmp-table" data-testid="compare-table">
          <caption className="cmp-sr">
            Code frequencies, {groupLabel(result.a)} vs {groupLabel(result.b)}, share of {units}
          </caption>
          <thead>
            <tr>
              <SortHeader label="Code" sortKey="name" className="cmp-code-head" />
              <th scope="col" className="cmp-num cmp-side-head">
                <span className="cmp-head-swatch" style={{ background: GROUP_COLORS.a }} aria-hidden="true" />
                {groupLabel(result.a)}
                <span className="cmp-head-sub">{units} with code</span>
              </th>
              <th scope="col" className="cmp-num cmp-side-head">
                <span className="cmp-head-swatch" style={{ background: GROUP_COLORS.b }} aria-hidden="true" />
                {groupLabel(result.b)}
                <span className="cmp-head-sub">{units} with code</span>
              </th>
              <th
                scope="col"
                className="cmp-num"
                title="Coded segments per 1,000 words of the group's interviews"
              >
                Per 1,000 words
                <span className="cmp-head-sub">
                  {groupLabel(result.a)} · {groupLabel(result.b)}
                </span>
              </th>
              <SortHeader
                label="Difference"
                sortKey="effect"
                className="cmp-num"
                title="Difference of shares a − b in percentage points, 95% CI (Newcombe)"
              />
              <SortHeader
                label="Risk ratio"
                sortKey="ratio"
                className="cmp-num"
                title="Ratio of shares a / b, 95% CI (Katz log)"
              />
              <SortHeader label="p" sortKey="p" className="cmp-num" title="Two-sided Fisher exact test" />
              <SortHeader
                label="q"
                sortKey="q"
                className="cmp-num"
                title="Benjamini–Hochberg across all codes"
              />
              <th scope="col" className="cmp-warn-cell">
                <span className="cmp-sr">Warnings</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => (
              <Row key={n.row.code_id} node={n} result={result} grouped={grouped} />
            ))}
          </tbody>
        </table>
      </div>
      <p className="cmp-footnote">
        Difference in percentage points ({groupLabel(result.a)} − {groupLabel(result.b)}) with 95% CI.{' '}
        {SIGNIFICANCE_NOTE}. {result.methods}
      </p>
    </section>
  );
}
