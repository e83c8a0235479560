import { compareAttributeNames, attributeLabel } from '../../format/attributes';
import { useDocuments, type AttributeInfo } from '../../stores/documents';

/** Attributes that get a filter of their own; the rest sit behind "More filters". */
const PRIMARY = ['group', 'role', 'school', 'district', 'language'];
const MAX_CHIPS = 3;
const MAX_CHIP_TEXT = 26;

/** Few, short values fit as chips in the sidebar; anything longer becomes a select. */
const asChips = (attr: AttributeInfo) =>
  attr.values.length <= MAX_CHIPS && attr.values.reduce((n, v) => n + v.value.length, 0) <= MAX_CHIP_TEXT;

function AttributeFilter({ attr, value }: { attr: AttributeInfo; value: string | undefined }) {
  const setFilter = useDocuments((s) => s.setFilter);
  const label = attributeLabel(attr.name);
  const values = [...attr.values].sort((a, b) => a.value.localeCompare(b.value));

  if (asChips(attr)) {
    return (
      <div className="filter-row" role="group" aria-label={`Filter by ${label}`}>
        <span className="filter-label">{label}</span>
        <div className="chips">
          {values.map((v) => {
            const active = value === v.value;
            return (
              <button
                key={v.value}
                type="button"
                className={active ? 'chip chip-active' : 'chip'}
                aria-pressed={active}
                onClick={() => setFilter(attr.name, active ? null : v.value)}
                data-testid={`filter-${attr.name}-${v.value}`}
              >
                {v.value}
                <span className="chip-count">{v.documents}</span>
              </button>
            );
          })}
        </div>
      </div>
    );
  }

  return (
    <label className="filter-row">
      <span className="filter-label">{label}</span>
      <select
        className={value ? 'select select-active' : 'select'}
        value={value ?? ''}
        onChange={(e) => setFilter(attr.name, e.target.value || null)}
        aria-label={`Filter by ${label}`}
        data-testid={`filter-select-${attr.name}`}
      >
        <option value="">Any {label.toLowerCase()}</option>
        {values.map((v) => (
          <option key={v.value} value={v.value}>
            {v.value} ({v.documents})
          </option>
        ))}
      </select>
    </label>
  );
}

export function DocumentFilters() {
  const attributes = useDocuments((s) => s.attributes);
  const filters = useDocuments((s) => s.filters);
  const search = useDocuments((s) => s.search);
  const clearFilters = useDocuments((s) => s.clearFilters);
  if (attributes.length === 0) return null;

  const sorted = [...attributes].sort((a, b) => compareAttributeNames(a.name, b.name));
  let primary = sorted.filter((a) => PRIMARY.includes(a.name.toLowerCase()));
  if (primary.length === 0) primary = sorted.slice(0, 3);
  const more = sorted.filter((a) => !primary.includes(a));
  const activeMore = more.filter((a) => filters[a.name] !== undefined).length;
  const active = Object.keys(filters).length;

  return (
    <div className="filters" data-testid="document-filters">
      {primary.map((a) => (
        <AttributeFilter key={a.name} attr={a} value={filters[a.name]} />
      ))}
      {more.length > 0 && (
        <details className="more-filters" open={activeMore > 0 || undefined}>
          <summary>More filters{activeMore > 0 ? ` (${activeMore} active)` : ''}</summary>
          {more.map((a) => (
            <AttributeFilter key={a.name} attr={a} value={filters[a.name]} />
          ))}
        </details>
      )}
      {(active > 0 || search) && (
        <button type="button" className="link-button" onClick={clearFilters} data-testid="clear-filters">
          Clear {active > 0 ? `${active} filter${active === 1 ? '' : 's'}` : 'search'}
        </button>
      )}
    </div>
  );
}
