import { useState } from 'react';
import { useCoding } from '../../stores/coding';

/** Who is coding, a new coder inline, and blind mode. */
export function CoderBar() {
  const coders = useCoding((s) => s.coders);
  const coderId = useCoding((s) => s.coderId);
  const blind = useCoding((s) => s.blind);
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const humans = coders.filter((c) => c.kind === 'human');
  const showForm = adding || humans.length === 0;

  const submit = async () => {
    const trimmed = name.trim();
    if (!trimmed || saving) return;
    setSaving(true);
    const ok = await useCoding.getState().createCoder(trimmed);
    setSaving(false);
    if (ok) {
      setName('');
      setAdding(false);
    }
  };

  return (
    <div className="coder-bar">
      {showForm ? (
        <form
          className="coder-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label className="panel-label" htmlFor="new-coder-name">
            {humans.length === 0 ? 'Who is coding?' : 'New coder'}
          </label>
          <div className="coder-row">
            <input
              id="new-coder-name"
              className="input input-small"
              placeholder="Your name or initials"
              autoComplete="off"
              maxLength={100}
              value={name}
              autoFocus={adding}
              onChange={(e) => setName(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && humans.length > 0) setAdding(false);
              }}
              data-testid="new-coder-name"
            />
            <button
              type="submit"
              className="btn btn-primary btn-small"
              disabled={!name.trim() || saving}
              data-testid="new-coder-save"
            >
              {humans.length === 0 ? 'Start' : 'Add'}
            </button>
            {humans.length > 0 && (
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setAdding(false)}>
                Cancel
              </button>
            )}
          </div>
          {humans.length === 0 && (
            <p className="panel-hint">Labels record who made them, so agreement can be measured later.</p>
          )}
        </form>
      ) : (
        <div className="coder-row">
          <label className="panel-label coder-label" htmlFor="coder-select">
            Coder
          </label>
          <select
            id="coder-select"
            className="select input-small coder-select"
            value={coderId ?? ''}
            onChange={(e) => useCoding.getState().chooseCoder(Number(e.target.value))}
            data-testid="coder-select"
          >
            {coderId === null && (
              <option value="" disabled>
                Choose…
              </option>
            )}
            {humans.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setAdding(true)}
            title="Add another coder"
            data-testid="new-coder"
          >
            + Coder
          </button>
        </div>
      )}
      <label
        className="switch"
        title="Blind mode: only your own labels are loaded, so other coders cannot influence you"
      >
        <input
          type="checkbox"
          role="switch"
          checked={blind}
          onChange={(e) => useCoding.getState().setBlind(e.target.checked)}
          data-testid="blind-toggle"
        />
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
        <span className="switch-text">
          Blind mode
          <span className="switch-hint">{blind ? 'only your labels are shown' : 'all coders are shown'}</span>
        </span>
      </label>
    </div>
  );
}
