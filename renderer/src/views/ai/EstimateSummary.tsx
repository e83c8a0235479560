import type { Estimate } from '../../../../shared/contract/llm';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../format/count';
import { useAi } from '../../stores/ai';
import { formatTokens, formatUsd } from './jobFormat';

interface Props {
  estimate: Estimate | null;
  loading: boolean;
  error: string | null;
}

/** What a job would send and cost, before anything is sent. */
export function EstimateSummary({ estimate, loading, error }: Props) {
  if (error) {
    return (
      <p className="form-error ai-estimate-error" role="alert" data-testid="estimate-error">
        {error}
      </p>
    );
  }
  if (!estimate) {
    return (
      <div className="ai-estimate ai-estimate-empty">
        {loading ? <Spinner inline label="Estimating…" /> : <span className="muted">No estimate yet</span>}
      </div>
    );
  }
  const e = estimate;
  const toSend = e.segments - e.cachedSegments;
  return (
    <div className={`ai-estimate${loading ? ' is-stale' : ''}`} data-testid="estimate" aria-busy={loading}>
      <dl className="ai-stats ai-stats-4">
        <div>
          <dt>Segments</dt>
          <dd data-testid="estimate-segments">{formatCount(e.segments)}</dd>
          {e.cachedSegments > 0 && <dd className="ai-sub">{formatCount(e.cachedSegments)} from cache</dd>}
        </div>
        <div>
          <dt>Requests</dt>
          <dd data-testid="estimate-requests">{formatCount(e.requests)}</dd>
          {toSend > 0 && e.requests !== toSend && (
            <dd className="ai-sub">{(e.requests / toSend).toFixed(1).replace(/\.0$/, '')} per segment</dd>
          )}
        </div>
        <div>
          <dt>Input tokens</dt>
          <dd>≈ {formatTokens(e.inputTokens)}</dd>
          {e.cachedInputTokens > 0 && (
            <dd className="ai-sub" title="Expected to be served from the provider's prompt cache">
              {formatTokens(e.cachedInputTokens)} cached
            </dd>
          )}
        </div>
        <div>
          <dt>Output tokens</dt>
          <dd>≈ {formatTokens(e.outputTokens)}</dd>
        </div>
      </dl>
      <div className="ai-estimate-cost">
        {e.priced ? (
          <>
            <span className="muted">Estimated cost</span>
            <strong data-testid="estimate-cost">≈ {formatUsd(e.costUsd)}</strong>
          </>
        ) : (
          <>
            <span className="ai-tone-warn" data-testid="estimate-unpriced">
              No price for <code>{e.model}</code>
            </span>
            <button
              type="button"
              className="link-button"
              onClick={() => useAi.getState().openPrices(e.model)}
              data-testid="estimate-add-price"
            >
              Add a price
            </button>
          </>
        )}
      </div>
      <p className="field-hint">Tokens counted with {e.tokenizer}; actual usage comes from the provider.</p>
    </div>
  );
}
