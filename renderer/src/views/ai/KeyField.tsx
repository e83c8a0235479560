import { useEffect, useRef, useState } from 'react';
import type { Provider } from '../../../../shared/contract/llm';
import { errorMessage } from '../../rpc/client';
import { clearKey, fetchKeyStatus, storeKey, type KeyStatus } from '../../stores/ai';
import { reportError, reportInfo } from '../../stores/notices';

interface Props {
  /** memoised by the caller: a new object means another provider */
  provider: Provider | null;
  /** OpenAI's own endpoint and Azure always need a key; local servers usually do not */
  required: boolean;
  /** the status changed (a key was stored or cleared) */
  onChanged?(): void;
}

function describe(status: KeyStatus, required: boolean): { text: string; tone: 'ok' | 'warn' | 'muted' } {
  if (status.present && status.source === 'OPENAI_API_KEY') {
    return { text: 'Key from the OPENAI_API_KEY environment variable', tone: 'ok' };
  }
  if (status.present) return { text: 'Key stored on this computer', tone: 'ok' };
  if (required) return { text: 'No key: this provider needs one', tone: 'warn' };
  return { text: 'No key (local servers usually need none)', tone: 'muted' };
}

/**
 * The API key of a provider: whether one is available and from where, and a password
 * field to store a new one. The key goes to the backend's key store once and is
 * dropped here at once; it is never shown or kept in any store.
 */
export function KeyField({ provider, required, onChanged }: Props) {
  const id = provider ? `${provider.kind}|${provider.baseURL ?? ''}` : null;
  const [status, setStatus] = useState<{ id: string; value: KeyStatus } | null>(null);
  const [sending, setSending] = useState(false);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    if (!provider || !id) return;
    let live = true;
    const t = setTimeout(() => {
      fetchKeyStatus(provider).then(
        (value) => live && setStatus({ id, value }),
        (e: unknown) => live && reportError(e),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [provider, id, revision]);

  const current = status && status.id === id ? status.value : null;

  const input = useRef<HTMLInputElement>(null);

  const submit = async () => {
    const field = input.current;
    if (!field) return;
    const key = field.value.trim();
    // the field is uncontrolled and emptied before the request: the key lives nowhere in React
    field.value = '';
    if (!provider || !key) return;
    setSending(true);
    try {
      await storeKey(provider, key);
      reportInfo('API key stored');
      setRevision((r) => r + 1);
      onChanged?.();
    } catch (err) {
      reportError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  const clear = async () => {
    if (!provider) return;
    setSending(true);
    try {
      const r = await clearKey(provider);
      reportInfo(r.cleared ? 'Stored API key removed' : 'No stored key to remove');
      setRevision((n) => n + 1);
      onChanged?.();
    } catch (err) {
      reportError(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  const d = current ? describe(current, required) : null;
  const fromEnv = current?.source === 'OPENAI_API_KEY';

  return (
    <div className="field" data-testid="key-field">
      <span className="field-label">API key</span>
      <p className={`ai-key-status ai-tone-${d?.tone ?? 'muted'}`} data-testid="key-status">
        <span className="ai-dot" aria-hidden="true" />
        {provider ? (d?.text ?? 'Checking…') : 'Enter the base URL first'}
      </p>
      {current?.writable === false && !current.present && (
        <p className="field-hint">This host cannot store keys; set OPENAI_API_KEY before starting Concord.</p>
      )}
      {current?.writable && (
        // not a <form>: the field sits inside the coder form, and forms do not nest
        <div className="ai-key-form">
          <input
            ref={input}
            name="api-key"
            type="password"
            className="input input-small"
            placeholder={current.present ? 'Replace with a new key' : 'Paste a key to store it'}
            aria-label="New API key"
            autoComplete="new-password"
            spellCheck={false}
            disabled={sending || !provider}
            data-testid="key-input"
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              void submit();
            }}
          />
          <button
            type="button"
            className="btn btn-small"
            disabled={sending || !provider}
            onClick={() => void submit()}
            data-testid="key-save"
          >
            Store key
          </button>
          {current.present && !fromEnv && (
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={sending}
              onClick={() => void clear()}
              data-testid="key-clear"
            >
              Remove
            </button>
          )}
        </div>
      )}
      <p className="field-hint">
        {fromEnv
          ? 'The environment variable wins over a stored key.'
          : 'Kept in the system key store (or a private credentials file), never in the project; it is not shown again.'}
      </p>
    </div>
  );
}
