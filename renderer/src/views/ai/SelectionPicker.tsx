import { useId } from 'react';
import type { Selection } from '../../../../shared/contract/llm';
import { formatCount } from '../../format/count';
import { useAi } from '../../stores/ai';
import { useJobs } from '../../stores/jobs';
import { useProject } from '../../stores/project';

/** What the launcher's selection controls hold, as typed. */
export interface SelectionDraft {
  kind: Selection['kind'];
  sample: string;
  /** attribute name → required value ('' = any) */
  attributes: Record<string, string>;
  speakers: string;
}

export const INITIAL_SELECTION: SelectionDraft = { kind: 'all', sample: '', attributes: {}, speakers: '' };

/** The selection a draft means, or null while it is incomplete (a sample without a name). */
export function selectionOf(d: SelectionDraft): Selection | null {
  if (d.kind === 'all') return { kind: 'all' };
  if (d.kind === 'sample') return d.sample.trim() ? { kind: 'sample', name: d.sample.trim() } : null;
  const attributes = Object.entries(d.attributes)
    .filter(([, v]) => v)
    .map(([name, value]) => ({ name, value }));
  const speakers = d.speakers
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    kind: 'filter',
    ...(attributes.length ? { attributes } : {}),
    ...(speakers.length ? { speakers } : {}),
  };
}

const PURPOSES = [
  { value: 'calibration', label: 'newest calibration sample' },
  { value: 'holdout', label: 'newest held-out sample' },
  { value: 'audit', label: 'newest audit sample' },
];

export function SelectionPicker({
  value,
  onChange,
}: {
  value: SelectionDraft;
  onChange(d: SelectionDraft): void;
}) {
  const id = useId();
  const summary = useProject((s) => s.summary);
  const jobs = useJobs((s) => s.jobs);
  const samples = useAi((s) => s.samples);
  const attributes = Object.entries(summary?.attributes ?? {}).filter(
    ([, values]) => Object.keys(values).length,
  );
  // names already used by jobs, and the sample purposes the backend resolves to the newest one
  const usedNames = [
    ...new Set(jobs.flatMap((j) => (j.selection.kind === 'sample' ? [j.selection.name] : []))),
  ];
  const patch = (p: Partial<SelectionDraft>) => onChange({ ...value, ...p });

  const radio = (kind: Selection['kind'], label: string, detail?: string) => (
    <label className={`ai-choice${value.kind === kind ? ' is-checked' : ''}`}>
      <input
        type="radio"
        name={`${id}-selection`}
        checked={value.kind === kind}
        data-testid={`selection-${kind}`}
        onChange={() => {
          // a sample chosen at once: the newest calibration sample, else the first
          const first = samples.find((x) => x.purpose === 'calibration') ?? samples[0];
          patch(kind === 'sample' && !value.sample && first ? { kind, sample: first.name } : { kind });
        }}
      />
      <span>{label}</span>
      {detail && <span className="muted small">{detail}</span>}
    </label>
  );

  return (
    <fieldset className="ai-selection">
      <legend className="field-label">Segments</legend>
      {radio('all', 'All segments', summary ? formatCount(summary.segments) : undefined)}
      {radio('sample', 'A sample')}
      {value.kind === 'sample' && (
        <div className="ai-choice-detail">
          {samples.length > 0 ? (
            <select
              className="select input-small"
              value={value.sample}
              aria-label="Sample"
              data-testid="sample-name"
              onChange={(e) => patch({ sample: e.target.value })}
            >
              {!samples.some((x) => x.name === value.sample) && <option value="">Choose a sample…</option>}
              {samples.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name} · {x.purpose} · {formatCount(x.size)} segments
                </option>
              ))}
            </select>
          ) : (
            <>
              <input
                className="input input-small"
                list={`${id}-samples`}
                value={value.sample}
                placeholder="Sample name"
                aria-label="Sample name"
                data-testid="sample-name"
                onChange={(e) => patch({ sample: e.target.value })}
              />
              <datalist id={`${id}-samples`}>
                {usedNames.map((n) => (
                  <option key={n} value={n} />
                ))}
                {PURPOSES.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </datalist>
              <span className="field-hint">
                A sample’s name, or <code>calibration</code>, <code>holdout</code>, <code>audit</code> for the
                newest one of that kind. Samples are drawn in Calibration.
              </span>
            </>
          )}
        </div>
      )}
      {radio('filter', 'Filter by document attributes or speaker')}
      {value.kind === 'filter' && (
        <div className="ai-choice-detail ai-filter-grid">
          {attributes.map(([name, values]) => (
            <label key={name} className="ai-filter-field">
              <span className="muted small">{name}</span>
              <select
                className={`select input-small${value.attributes[name] ? ' select-active' : ''}`}
                value={value.attributes[name] ?? ''}
                data-testid={`filter-attr-${name}`}
                onChange={(e) => patch({ attributes: { ...value.attributes, [name]: e.target.value } })}
              >
                <option value="">Any</option>
                {Object.entries(values).map(([v, n]) => (
                  <option key={v} value={v}>
                    {v} ({n})
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label className="ai-filter-field ai-filter-wide">
            <span className="muted small">Speakers (comma-separated)</span>
            <input
              className="input input-small"
              value={value.speakers}
              placeholder="Any speaker"
              onChange={(e) => patch({ speakers: e.target.value })}
            />
          </label>
        </div>
      )}
    </fieldset>
  );
}
