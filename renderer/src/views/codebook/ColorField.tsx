import { useId, type CSSProperties } from 'react';
import { CODE_PALETTE } from './palette';

interface Props {
  value: string;
  onChange(color: string): void;
  error?: string;
}

/** Preset swatches, the system colour picker, and the hex value for exact colours. */
export function ColorField({ value, onChange, error }: Props) {
  const id = useId();
  const upper = value.toUpperCase();
  return (
    <div className="field">
      <span className="field-label" id={`${id}-label`}>
        Colour
      </span>
      <div className="color-field">
        <div className="color-swatches" role="radiogroup" aria-labelledby={`${id}-label`}>
          {CODE_PALETTE.map((c) => (
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={upper === c}
              aria-label={c}
              title={c}
              className={upper === c ? 'color-swatch is-selected' : 'color-swatch'}
              style={{ '--swatch': c } as CSSProperties}
              onClick={() => onChange(c)}
            />
          ))}
        </div>
        <div className="color-custom">
          <input
            type="color"
            className="color-native"
            aria-label="Pick any colour"
            value={/^#[0-9A-Fa-f]{6}$/.test(value) ? value.toLowerCase() : '#6b7280'}
            onChange={(e) => onChange(e.target.value.toUpperCase())}
          />
          <input
            className={`input input-small color-hex${error ? ' input-invalid' : ''}`}
            aria-label="Colour as hex"
            aria-invalid={Boolean(error)}
            value={value}
            maxLength={7}
            spellCheck={false}
            onChange={(e) => onChange(e.target.value.startsWith('#') ? e.target.value : `#${e.target.value}`)}
            data-testid="code-color"
          />
        </div>
      </div>
      {error && <p className="form-error">{error}</p>}
    </div>
  );
}
