import type { SampleView } from '../../../../shared/contract/calibration';
import type { CoderView } from '../../../../shared/contract/coding';
import { CoderKindTag } from './CoderKindTag';

// One side of a comparison: its coders, its segments and an optional label.

export interface ArmDraft {
  label: string;
  coders: string[];
  /** '' = every segment all the arm's coders have finished */
  sample: string;
}

interface Props {
  arm: 'a' | 'b';
  value: ArmDraft;
  coders: CoderView[];
  samples: SampleView[];
  onChange(next: ArmDraft): void;
}

export function CompareArmFields({ arm, value, coders, samples, onChange }: Props) {
  const toggle = (name: string) =>
    onChange({
      ...value,
      coders: value.coders.includes(name) ? value.coders.filter((n) => n !== name) : [...value.coders, name],
    });

  return (
    <fieldset className="cal-fieldset stack cal-compare-arm" data-testid="compare-arm-fields" data-arm={arm}>
      <legend className="field-label">Setup {arm.toUpperCase()}</legend>
      <label className="field">
        <span className="muted small">Label (optional)</span>
        <input
          className="input input-small"
          value={value.label}
          maxLength={100}
          // the backend names an unlabelled side by its coders
          placeholder={value.coders.join(' + ') || 'e.g. prompt v2'}
          onChange={(e) => onChange({ ...value, label: e.target.value })}
          data-testid="compare-label"
          data-arm={arm}
        />
      </label>
      <label className="field">
        <span className="muted small">Segments</span>
        <select
          className="select input-small"
          value={value.sample}
          onChange={(e) => onChange({ ...value, sample: e.target.value })}
          data-testid="compare-sample"
          data-arm={arm}
        >
          {samples.map((s) => (
            <option key={s.id} value={s.name}>
              {s.name} ({s.size} seg.)
            </option>
          ))}
          <option value="">All segments coded by everyone</option>
        </select>
      </label>
      <div className="field">
        <span className="muted small">Coders (at least two)</span>
        <ul className="cal-coders">
          {coders.map((c) => (
            <li key={c.id}>
              <label className="check-inline">
                <input
                  type="checkbox"
                  checked={value.coders.includes(c.name)}
                  onChange={() => toggle(c.name)}
                  data-testid="compare-coder"
                  data-arm={arm}
                  data-name={c.name}
                />
                <span className="truncate">{c.name}</span>
                <CoderKindTag kind={c.kind} />
              </label>
            </li>
          ))}
        </ul>
      </div>
    </fieldset>
  );
}
