import { useRef } from 'react';

interface Props {
  label: string;
  hint: string;
  items: string[];
  onChange(items: string[]): void;
  testId: string;
  tone: 'positive' | 'negative';
}

/** A list of short example passages, one text box each. */
export function ExamplesField({ label, hint, items, onChange, testId, tone }: Props) {
  const listRef = useRef<HTMLOListElement>(null);
  const add = () => {
    onChange([...items, '']);
    requestAnimationFrame(() => {
      const boxes = listRef.current?.querySelectorAll('textarea');
      const box = boxes?.[boxes.length - 1];
      box?.focus({ preventScroll: true });
      box?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    });
  };
  return (
    <div className={`field examples-field examples-${tone}`} data-testid={testId}>
      <div className="examples-head">
        <span className="field-label">{label}</span>
        <span className="examples-count">{items.length}</span>
      </div>
      <span className="field-hint">{hint}</span>
      {items.length > 0 && (
        <ol ref={listRef} className="examples-list">
          {items.map((text, i) => (
            <li key={i} className="example-item">
              <textarea
                className="input example-input"
                rows={2}
                value={text}
                aria-label={`${label} ${i + 1}`}
                placeholder="A passage, in the words a speaker might use…"
                onChange={(e) => onChange(items.map((x, j) => (j === i ? e.target.value : x)))}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${label.toLowerCase()} ${i + 1}`}
                onClick={() => onChange(items.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ol>
      )}
      <button type="button" className="link-button examples-add" onClick={add} data-testid={`${testId}-add`}>
        + Add example
      </button>
    </div>
  );
}
