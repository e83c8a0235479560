import { useState, type FormEvent } from 'react';
import { attributeLabel, compareAttributeNames } from '../../format/attributes';
import { errorMessage } from '../../rpc/client';
import { useDocuments } from '../../stores/documents';
import { reportInfo } from '../../stores/notices';
import { useReader } from '../../stores/reader';
import { attributeChanges, type ExistingAttribute, type NewAttribute } from './attributeChanges';

let nextKey = 1;

export function AttributeEditor({
  attributes,
  onDone,
}: {
  attributes: Record<string, string>;
  onDone(): void;
}) {
  const knownAttributes = useDocuments((s) => s.attributes);
  const [existing, setExisting] = useState<ExistingAttribute[]>(() =>
    Object.entries(attributes)
      .sort(([a], [b]) => compareAttributeNames(a, b))
      .map(([name, value]) => ({ name, original: value, value, removed: false })),
  );
  const [added, setAdded] = useState<NewAttribute[]>(() =>
    Object.keys(attributes).length === 0 ? [{ key: nextKey++, name: '', value: '' }] : [],
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const updateExisting = (name: string, patch: Partial<ExistingAttribute>) =>
    setExisting((list) => list.map((a) => (a.name === name ? { ...a, ...patch } : a)));
  const updateAdded = (key: number, patch: Partial<NewAttribute>) =>
    setAdded((list) => list.map((a) => (a.key === key ? { ...a, ...patch } : a)));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const result = attributeChanges(existing, added);
    if ('error' in result) {
      setError(result.error);
      return;
    }
    if (Object.keys(result.changes).length === 0) {
      onDone();
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await useReader.getState().saveAttributes(result.changes);
      reportInfo('Attributes saved');
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      setSaving(false);
    }
  };

  const unused = knownAttributes.map((a) => a.name).filter((n) => !existing.some((a) => a.name === n));

  return (
    <form
      className="attr-editor"
      onSubmit={(e) => void save(e)}
      data-testid="attribute-editor"
      aria-label="Edit attributes"
    >
      <div className="attr-grid">
        {existing.map((a) => (
          <div key={a.name} className={a.removed ? 'attr-edit-row is-removed' : 'attr-edit-row'}>
            <label className="attr-edit-name" htmlFor={`attr-${a.name}`}>
              {attributeLabel(a.name)}
            </label>
            <input
              id={`attr-${a.name}`}
              className="input input-small"
              value={a.value}
              disabled={a.removed || saving}
              onChange={(e) => updateExisting(a.name, { value: e.target.value })}
              data-testid={`attr-value-${a.name}`}
            />
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={saving}
              onClick={() => updateExisting(a.name, { removed: !a.removed })}
              aria-label={a.removed ? `Keep ${a.name}` : `Remove ${a.name}`}
              data-testid={`attr-remove-${a.name}`}
            >
              {a.removed ? 'Undo' : 'Remove'}
            </button>
          </div>
        ))}
        {added.map((n) => (
          <div key={n.key} className="attr-edit-row attr-edit-new">
            <input
              className="input input-small"
              placeholder="Attribute name"
              aria-label="New attribute name"
              list="known-attribute-names"
              value={n.name}
              disabled={saving}
              onChange={(e) => updateAdded(n.key, { name: e.target.value })}
              data-testid="attr-new-name"
            />
            <input
              className="input input-small"
              placeholder="Value"
              aria-label="New attribute value"
              value={n.value}
              disabled={saving}
              onChange={(e) => updateAdded(n.key, { value: e.target.value })}
              data-testid="attr-new-value"
            />
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={saving}
              onClick={() => setAdded((list) => list.filter((x) => x.key !== n.key))}
              aria-label="Discard new attribute"
            >
              Discard
            </button>
          </div>
        ))}
      </div>
      <datalist id="known-attribute-names">
        {unused.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      {error && (
        <p className="form-error" role="alert" data-testid="attribute-error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button
          type="button"
          className="btn btn-small btn-ghost"
          disabled={saving}
          onClick={() => setAdded((list) => [...list, { key: nextKey++, name: '', value: '' }])}
          data-testid="attr-add"
        >
          + Add attribute
        </button>
        <span className="spacer" />
        <button type="button" className="btn btn-small" disabled={saving} onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="btn btn-small btn-primary" disabled={saving} data-testid="attr-save">
          {saving ? 'Saving…' : 'Save attributes'}
        </button>
      </div>
    </form>
  );
}
