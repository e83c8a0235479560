import { useMemo } from 'react';
import type { CompareResult, CompareRow } from '../../../../shared/contract/compare';
import { codeNodes } from './codeTree';
import {
  describeRow,
  effectClass,
  formatPoints,
  formatShare,
  groupLabel,
  LEVEL_UNITS,
  significance,
} from './formatStats';
import { GROUP_COLORS } from './groupColors';

// The comparison within each value of another attribute (role, matched pair, …): the
// two shares and their difference per stratum, side by side, so a difference that only
// one role or one pair carries is easy to spot.

export function BreakdownTable({ result, attribute }: { result: CompareResult; attribute: string }) {
  const breakdown = result.breakdowns.find((b) => b.attribute === attribute);
  const nodes = useMemo(() => codeNodes(result.codes), [result]);
  const cells = useMemo(() => {
    const map = new Map<string, CompareRow>();
    for (const s of breakdown?.strata ?? [])
      for (const row of s.codes) map.set(`${s.value}\u0000${row.code_id}`, row);
    return map;
  }, [breakdown]);
  if (!breakdown) return null;
  const units = LEVEL_UNITS[result.level].many;

  return (
    <section className="cmp-breakdown" data-testid="compare-breakdown-table">
      <h3 className="cmp-section-title">By {attribute}</h3>
      <p className="muted small">
        Share of {units} with each code in {groupLabel(result.a)} and {groupLabel(result.b)}, and their
        difference in percentage points, within each {attribute}. Strata are small: read them as description.
      </p>
      <div className="cmp-table-wrap">
        <table className="cmp-table cmp-table-compact">
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="cmp-code-head">
                Code
              </th>
              {breakdown.strata.map((s) => (
                <th key={s.value} scope="colgroup" colSpan={3} className="cmp-stratum-head">
                  {s.value}
                  <span className="cmp-head-sub">
                    n = {s.codes[0]?.total_a ?? 0} · {s.codes[0]?.total_b ?? 0}
                  </span>
                </th>
              ))}
            </tr>
            <tr>
              {breakdown.strata.flatMap((s) => [
                <th
                  key={`${s.value}-a`}
                  scope="col"
                  className="cmp-num cmp-stratum-first"
                  style={{ color: GROUP_COLORS.a }}
                >
                  {groupLabel(result.a)}
                </th>,
                <th key={`${s.value}-b`} scope="col" className="cmp-num" style={{ color: GROUP_COLORS.b }}>
                  {groupLabel(result.b)}
                </th>,
                <th key={`${s.value}-d`} scope="col" className="cmp-num">
                  Δ
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => (
              <tr key={n.row.code_id} className={n.depth === 0 ? 'cmp-family-row' : ''}>
                <th scope="row" className="cmp-code" style={{ paddingLeft: 12 + n.depth * 18 }}>
                  <span className="cmp-code-dot" style={{ background: n.row.color }} aria-hidden="true" />
                  <span className="cmp-code-name">{n.row.code}</span>
                </th>
                {breakdown.strata.flatMap((s) => {
                  const row = cells.get(`${s.value}\u0000${n.row.code_id}`);
                  const key = `${s.value}-${n.row.code_id}`;
                  if (!row)
                    return [
                      <td key={key} colSpan={3} className="cmp-num cmp-stratum-first muted">
                        —
                      </td>,
                    ];
                  const title = `${s.value} — ${describeRow(row, result.level)}`;
                  return [
                    <td key={`${key}-a`} className="cmp-num cmp-stratum-first" title={title}>
                      {formatShare(row.prop_a)}
                    </td>,
                    <td key={`${key}-b`} className="cmp-num" title={title}>
                      {formatShare(row.prop_b)}
                    </td>,
                    <td key={`${key}-d`} className="cmp-num cmp-delta" title={title}>
                      <span className={effectClass(row.difference)}>{formatPoints(row.difference)}</span>
                      <span className="cmp-mark">{significance(row)}</span>
                    </td>,
                  ];
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
