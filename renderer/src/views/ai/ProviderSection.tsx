import { useState } from 'react';
import type { Provider } from '../../../../shared/contract/llm';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../rpc/client';
import { testConnection, type ConnectionResult } from '../../stores/ai';
import { PROVIDER_PRESETS, type CoderDraft } from './coderDraft';
import { KeyField } from './KeyField';

interface Props {
  draft: CoderDraft;
  provider: Provider | null;
  problem: string | undefined;
  onChange(patch: Partial<CoderDraft>): void;
}

const presetOf = (d: CoderDraft): string => {
  const url = d.baseURL.trim().replace(/\/+$/, '');
  if (d.kind === 'openai' && !url) return 'openai';
  if (d.kind === 'azure') return 'azure';
  return PROVIDER_PRESETS.find((p) => p.baseURL === url)?.id ?? 'custom';
};

const isCloud = (p: Provider | null) =>
  p !== null && (p.kind === 'azure' || !p.baseURL || p.baseURL.includes('api.openai.com'));

/** Where requests go: a preset or any OpenAI-compatible base URL, its key, and a connection test. */
export function ProviderSection({ draft, provider, problem, onChange }: Props) {
  const preset = presetOf(draft);
  const [test, setTest] = useState<{ for: string; result: ConnectionResult } | null>(null);
  const [testing, setTesting] = useState(false);
  const testKey = `${provider?.kind}|${provider?.baseURL}|${draft.model.trim()}`;
  const shown = test && test.for === testKey ? test.result : null;

  const run = async () => {
    if (!provider) return;
    setTesting(true);
    try {
      setTest({ for: testKey, result: await testConnection(provider, draft.model) });
    } catch (e) {
      setTest({
        for: testKey,
        result: { ok: false, latencyMs: 0, models: 0, modelFound: null, error: errorMessage(e) },
      });
    } finally {
      setTesting(false);
    }
  };

  return (
    <fieldset className="ai-fieldset">
      <legend>Provider</legend>
      <div className="ai-presets" role="radiogroup" aria-label="Provider preset">
        {PROVIDER_PRESETS.map((p) => (
          <button
            key={p.id}
            type="button"
            role="radio"
            aria-checked={preset === p.id}
            className={`chip${preset === p.id ? ' chip-active' : ''}`}
            title={p.hint}
            data-testid={`preset-${p.id}`}
            onClick={() => onChange({ kind: p.kind, baseURL: p.baseURL ?? '' })}
          >
            {p.label}
          </button>
        ))}
        <button
          type="button"
          role="radio"
          aria-checked={preset === 'custom'}
          className={`chip${preset === 'custom' ? ' chip-active' : ''}`}
          title="Any server that speaks the OpenAI chat completions API"
          data-testid="preset-custom"
          onClick={() => onChange({ kind: 'compatible', baseURL: preset === 'custom' ? draft.baseURL : '' })}
        >
          Other compatible server
        </button>
      </div>

      <label className="field">
        <span className="field-label">Base URL</span>
        <input
          className={`input input-small mono${problem ? ' input-invalid' : ''}`}
          value={draft.baseURL}
          placeholder={
            draft.kind === 'openai' ? 'https://api.openai.com/v1 (default)' : 'http://127.0.0.1:8000/v1'
          }
          spellCheck={false}
          data-testid="base-url"
          onChange={(e) =>
            onChange({
              baseURL: e.target.value,
              kind: draft.kind === 'azure' ? 'azure' : e.target.value.trim() ? 'compatible' : 'openai',
            })
          }
        />
        {problem ? (
          <span className="form-error">{problem}</span>
        ) : (
          <span className="field-hint">
            {PROVIDER_PRESETS.find((p) => p.id === preset)?.hint ??
              'Any server with the OpenAI chat completions API (…/v1).'}
          </span>
        )}
      </label>

      <KeyField provider={provider} required={isCloud(provider)} />

      <div className="ai-test-row">
        <button
          type="button"
          className="btn btn-small btn-accent-outline"
          disabled={!provider || testing}
          onClick={() => void run()}
          data-testid="test-connection"
        >
          Test connection
        </button>
        {testing && <Spinner inline label="Contacting the server…" />}
        {!testing && shown && <ConnectionOutcome result={shown} model={draft.model.trim()} />}
      </div>
    </fieldset>
  );
}

function ConnectionOutcome({ result, model }: { result: ConnectionResult; model: string }) {
  if (!result.ok) {
    return (
      <p className="ai-test-result ai-tone-bad" role="alert" data-testid="connection-result">
        <span className="ai-dot" aria-hidden="true" />
        <span>
          <strong>Connection failed.</strong> {result.error}
        </span>
      </p>
    );
  }
  const found =
    result.modelFound === null
      ? null
      : result.modelFound
        ? `“${model}” is available`
        : `“${model}” is not in the server’s list`;
  return (
    <p
      className={`ai-test-result ${result.modelFound === false ? 'ai-tone-warn' : 'ai-tone-ok'}`}
      role="status"
      data-testid="connection-result"
    >
      <span className="ai-dot" aria-hidden="true" />
      <span>
        <strong>Connected</strong> in {result.latencyMs} ms · {result.models} model
        {result.models === 1 ? '' : 's'}
        {found && <> · {found}</>}
      </span>
    </p>
  );
}
