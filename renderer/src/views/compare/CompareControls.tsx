import { useMemo } from 'react';
import {
  COMPARE_LABEL_SOURCES,
  COMPARE_LEVELS,
  type CompareLevel,
} from '../../../../shared/contract/compare';
import { useDocuments } from '../../stores/documents';
import { REST, SCHOOL_ATTRIBUTE, useCompare, type CompareSettings } from '../../stores/compare';
import { groupLabel } from './formatStats';

// The question being asked: which attribute splits the documents, which two groups,
// at which level, from which labels, broken down by what.

const LEVEL_NAMES: Record<CompareLevel, string> = {
  segment: 'Segment',
  document: 'Interview',
  school: 'School',
};
const SOURCE_NAMES: Record<string, string> = {
  all: 'All labels',
  human: 'Human',
  ai: 'AI',
  consensus: 'Human consensus',
  effective: 'Effective (reviewed)',
};
/** Breakdowns a study usually wants first. */
const PREFERRED_BREAKDOWNS = ['role', 'pair', 'district'];
const MAX_BREAKDOWN_VALUES = 8;
const EACH = '\u0000each';

export function CompareControls() {
  const settings = useCompare((s) => s.settings);
  const configure = useCompare((s) => s.configure);
  const attributes = useDocuments((s) => s.attributes);
  const documentCount = useMemo(
    () => Math.max(0, ...attributes.map((a) => a.values.reduce((n, v) => n + v.documents, 0))),
    [attributes],
  );

  // attributes that form groups: more than one value, and not one value per document (names, dates)
  const groupable = useMemo(
    () =>
      attributes
        .filter((a) => a.values.length >= 2 && (a.values.length < documentCount || a.name === settings.by))
        .sort(
          (x, y) => Number(y.name === 'group') - Number(x.name === 'group') || x.name.localeCompare(y.name),
        ),
    [attributes, documentCount, settings.by],
  );
  const values = attributes.find((a) => a.name === settings.by)?.values.map((v) => v.value) ?? [];
  const breakdowns = groupable
    .filter(
      (a) => a.name !== settings.by && a.values.length <= MAX_BREAKDOWN_VALUES && a.name !== SCHOOL_ATTRIBUTE,
    )
    .sort((x, y) => rank(x.name) - rank(y.name) || x.name.localeCompare(y.name));

  const chooseAttribute = (by: string) => {
    const count = attributes.find((a) => a.name === by)?.values.length ?? 0;
    configure({
      by,
      a: null,
      b: null,
      each: count > 2,
      breakdown: settings.breakdown === by ? null : settings.breakdown,
    });
  };
  const aValue = settings.each ? EACH : (settings.a ?? values[0] ?? '');
  const bValue = settings.b ?? values.find((v) => v !== aValue) ?? '';

  return (
    <div className="cmp-controls" data-testid="compare-controls">
      <label className="cmp-control">
        <span className="cmp-control-label">Compare by</span>
        <select
          className="select input-small"
          value={settings.by}
          onChange={(e) => chooseAttribute(e.target.value)}
          data-testid="compare-by"
        >
          {!groupable.some((a) => a.name === settings.by) && (
            <option value={settings.by}>{settings.by}</option>
          )}
          {groupable.map((a) => (
            <option key={a.name} value={a.name}>
              {a.name} ({a.values.length} values)
            </option>
          ))}
        </select>
      </label>

      <div className="cmp-control">
        <span className="cmp-control-label">Groups</span>
        <div className="cmp-groups">
          <select
            className="select input-small"
            aria-label="Group a"
            value={aValue}
            data-testid="compare-a"
            onChange={(e) =>
              e.target.value === EACH
                ? configure({ each: true, a: null, b: null })
                : configure({
                    each: false,
                    a: e.target.value,
                    b: settings.b === e.target.value ? null : settings.b,
                  })
            }
          >
            {values.length > 2 && <option value={EACH}>Each value vs the rest</option>}
            {values.map((v) => (
              <option key={v} value={v}>
                {groupLabel(v)}
              </option>
            ))}
          </select>
          {!settings.each && (
            <>
              <span className="cmp-vs">vs</span>
              <select
                className="select input-small"
                aria-label="Group b"
                value={bValue}
                data-testid="compare-b"
                onChange={(e) => configure({ a: aValue, b: e.target.value, each: false })}
              >
                {values
                  .filter((v) => v !== aValue)
                  .map((v) => (
                    <option key={v} value={v}>
                      {groupLabel(v)}
                    </option>
                  ))}
                {values.length > 2 && <option value={REST}>All other values</option>}
              </select>
              {values.length === 2 && (
                <button
                  type="button"
                  className="btn btn-ghost btn-small cmp-swap"
                  title="Swap the groups"
                  aria-label="Swap the groups"
                  onClick={() => configure({ a: bValue, b: aValue })}
                >
                  ⇄
                </button>
              )}
            </>
          )}
        </div>
      </div>

      <div className="cmp-control">
        <span className="cmp-control-label" id="cmp-level-label">
          Unit
        </span>
        <div className="cmp-segmented" role="radiogroup" aria-labelledby="cmp-level-label">
          {COMPARE_LEVELS.map((level) => (
            <button
              key={level}
              type="button"
              role="radio"
              aria-checked={settings.level === level}
              className={settings.level === level ? 'is-on' : ''}
              data-testid={`compare-level-${level}`}
              onClick={() => configure({ level })}
            >
              {LEVEL_NAMES[level]}
            </button>
          ))}
        </div>
      </div>

      <label className="cmp-control">
        <span className="cmp-control-label">Labels</span>
        <select
          className="select input-small"
          value={settings.source}
          data-testid="compare-source"
          onChange={(e) => configure({ source: e.target.value as CompareSettings['source'] })}
        >
          {COMPARE_LABEL_SOURCES.map((s) => (
            <option key={s} value={s}>
              {SOURCE_NAMES[s] ?? s}
            </option>
          ))}
        </select>
      </label>

      <label className="cmp-control">
        <span className="cmp-control-label">Breakdown</span>
        <select
          className="select input-small"
          value={settings.breakdown ?? ''}
          data-testid="compare-breakdown"
          onChange={(e) => configure({ breakdown: e.target.value || null })}
        >
          <option value="">None</option>
          {breakdowns.map((a) => (
            <option key={a.name} value={a.name}>
              By {a.name}
            </option>
          ))}
        </select>
      </label>

      <label className="cmp-check" title="A family code also counts where any of its subcodes was applied">
        <input
          type="checkbox"
          checked={settings.rollup}
          onChange={(e) => configure({ rollup: e.target.checked })}
          data-testid="compare-rollup"
        />
        Include subcodes
      </label>
    </div>
  );
}

function rank(name: string): number {
  const at = PREFERRED_BREAKDOWNS.indexOf(name);
  return at < 0 ? PREFERRED_BREAKDOWNS.length : at;
}
