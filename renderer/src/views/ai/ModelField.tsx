import { useId, useState } from 'react';
import type { Provider } from '../../../../shared/contract/llm';
import { errorMessage } from '../../rpc/client';
import { listModels, type ModelInfo } from '../../stores/ai';

interface Props {
  value: string;
  provider: Provider | null;
  problem: string | undefined;
  onChange(model: string): void;
}

/** The model name, typed or picked from the models the server lists. */
export function ModelField({ value, provider, problem, onChange }: Props) {
  const listId = useId();
  const providerId = provider ? `${provider.kind}|${provider.baseURL ?? ''}` : '';
  const [listed, setListed] = useState<{ for: string; models: ModelInfo[]; error: string | null } | null>(
    null,
  );
  const [loading, setLoading] = useState(false);
  const current = listed && listed.for === providerId ? listed : null;

  const load = async () => {
    if (!provider) return;
    setLoading(true);
    try {
      const models = await listModels(provider);
      models.sort((a, b) => a.id.localeCompare(b.id));
      setListed({ for: providerId, models, error: null });
    } catch (e) {
      setListed({ for: providerId, models: [], error: errorMessage(e) });
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="field">
      <label className="field-label" htmlFor={`${listId}-input`}>
        Model
      </label>
      <div className="ai-inline">
        <input
          id={`${listId}-input`}
          className={`input input-small mono${problem ? ' input-invalid' : ''}`}
          value={value}
          list={current?.models.length ? listId : undefined}
          placeholder="gpt-4.1-mini, llama3.1:8b, …"
          spellCheck={false}
          data-testid="model-input"
          onChange={(e) => onChange(e.target.value)}
        />
        <button
          type="button"
          className="btn btn-small"
          disabled={!provider || loading}
          onClick={() => void load()}
          data-testid="list-models"
        >
          {loading ? 'Listing…' : 'List models'}
        </button>
      </div>
      {current?.models.length ? (
        <>
          <datalist id={listId}>
            {current.models.map((m) => (
              <option key={m.id} value={m.id} />
            ))}
          </datalist>
          <select
            className="select input-small"
            aria-label="Models offered by the server"
            value={current.models.some((m) => m.id === value) ? value : ''}
            data-testid="model-picker"
            onChange={(e) => e.target.value && onChange(e.target.value)}
          >
            <option value="">Choose from {current.models.length} models the server offers…</option>
            {current.models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
                {m.ownedBy ? ` (${m.ownedBy})` : ''}
              </option>
            ))}
          </select>
        </>
      ) : null}
      {current?.error && <span className="form-error">Could not list models: {current.error}</span>}
      {current && !current.error && current.models.length === 0 && (
        <span className="field-hint">The server lists no models; type the name.</span>
      )}
      {problem && <span className="form-error">{problem}</span>}
    </div>
  );
}
