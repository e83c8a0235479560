import { useEffect, useState } from 'react';
import type { AiCoderConfig } from '../../../../shared/contract/llm';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../format/count';
import { errorMessage } from '../../rpc/client';
import { previewCoder, type CoderPreview } from '../../stores/ai';
import { shortHash } from './jobFormat';

const DEBOUNCE_MS = 400;

/** The system prompt(s) a configuration renders and its hash; nothing is sent to a provider. */
/**
 * `config` is memoised by the caller: a new object means a changed configuration.
 * `showHash` is false while the configuration is still incomplete (no model yet).
 */
export function PromptPreview({ config, showHash }: { config: AiCoderConfig | null; showHash: boolean }) {
  const key = config ? JSON.stringify(config) : null;
  const [answer, setAnswer] = useState<{ key: string; value: CoderPreview | null; error: string | null }>();
  const [call, setCall] = useState(0);

  useEffect(() => {
    if (!config || !key) return;
    let live = true;
    const t = setTimeout(() => {
      previewCoder(config).then(
        (value) => live && setAnswer({ key, value, error: null }),
        (e: unknown) => live && setAnswer({ key, value: null, error: errorMessage(e) }),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [config, key]);

  const fresh = answer?.key === key;
  const preview = answer?.value ?? null;
  const calls = preview?.system ?? [];
  const shownCall = Math.min(call, Math.max(0, calls.length - 1));
  const text = calls[shownCall] ?? '';

  return (
    <section className="ai-card ai-preview" aria-labelledby="ai-preview-title" data-testid="prompt-preview">
      <header className="ai-preview-head">
        <h3 id="ai-preview-title">System prompt preview</h3>
        {!fresh && config && <Spinner inline />}
        {preview && showHash && (
          <span className="ai-preview-hash" title={preview.configHash}>
            config <code data-testid="preview-hash">{shortHash(preview.configHash)}</code>
          </span>
        )}
      </header>
      {!config && <p className="muted small ai-preview-note">Complete the form to see the prompt.</p>}
      {config && answer?.error && (
        <p className="form-error ai-preview-note" role="alert">
          {answer.error}
        </p>
      )}
      {preview && (
        <>
          <p className="muted small ai-preview-note">
            {calls.length === 1
              ? 'One request per segment and sample.'
              : `${calls.length} requests per segment and sample (one per ${config?.mode === 'code' ? 'code' : 'family'}).`}{' '}
            About {formatCount(Math.round(text.length / 4))} tokens; the segment and its context follow in the
            user message.
          </p>
          {calls.length > 1 && (
            <label className="ai-inline small">
              <span className="muted">Request</span>
              <select
                className="select input-small ai-call-select"
                value={shownCall}
                onChange={(e) => setCall(Number(e.target.value))}
              >
                {calls.map((_, i) => (
                  <option key={i} value={i}>
                    {i + 1} of {calls.length}
                  </option>
                ))}
              </select>
            </label>
          )}
          <pre className={`ai-prompt${fresh ? '' : ' is-stale'}`} data-testid="preview-system" tabIndex={0}>
            {text}
          </pre>
        </>
      )}
    </section>
  );
}
