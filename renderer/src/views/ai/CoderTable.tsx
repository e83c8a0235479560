import { useState } from 'react';
import type { AiCoderView } from '../../../../shared/contract/llm';
import { Dialog } from '../../components/Dialog';
import { formatCount } from '../../format/count';
import { useAi } from '../../stores/ai';
import { MODE_LABELS } from './coderDraft';
import { providerLabel, shortHash } from './jobFormat';

/** The project's AI coders, one row each; the selected one is what the launcher runs. */
export function CoderTable() {
  const coders = useAi((s) => s.coders);
  const selectedId = useAi((s) => s.selectedId);
  const { select, openEditor, openPrices } = useAi.getState();
  const [deleting, setDeleting] = useState<AiCoderView | null>(null);

  return (
    <section className="ai-card" aria-labelledby="ai-coders-title" data-testid="ai-coders">
      <header className="ai-card-head">
        <div className="ai-card-title">
          <h2 id="ai-coders-title">AI coders</h2>
          <span className="ai-count">{coders.length}</span>
        </div>
        <p className="ai-card-hint">
          A configuration hashed with its prompt and codebook version; its labels count like a human coder’s.
        </p>
        <div className="button-row">
          <button
            type="button"
            className="btn btn-small"
            data-testid="open-prices"
            onClick={() => openPrices()}
          >
            Model prices
          </button>
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid="new-ai-coder"
            onClick={() => openEditor({ mode: 'create' })}
          >
            New AI coder
          </button>
        </div>
      </header>

      {coders.length === 0 ? (
        <div className="empty-state empty-state-small" data-testid="ai-coders-empty">
          <p>No AI coders yet</p>
          <p className="muted small">
            Create one to label segments with OpenAI or a local model (Ollama, LM Studio, vLLM, llama.cpp).
          </p>
        </div>
      ) : (
        <div className="ai-table-wrap">
          <table className="ai-table ai-coder-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Model</th>
                <th scope="col">Provider</th>
                <th scope="col">Mode</th>
                <th scope="col" className="num">
                  Samples
                </th>
                <th scope="col" className="num">
                  Temp.
                </th>
                <th scope="col" className="num">
                  Codebook
                </th>
                <th scope="col">Config hash</th>
                <th scope="col" className="num">
                  Labels
                </th>
                <th scope="col">
                  <span className="ai-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {coders.map((c) => {
                const selected = c.id === selectedId;
                const locked = c.labels > 0;
                return (
                  <tr
                    key={c.id}
                    className={selected ? 'is-selected' : undefined}
                    aria-selected={selected}
                    data-testid="ai-coder-row"
                    onClick={() => select(c.id)}
                  >
                    <td>
                      <button
                        type="button"
                        className="ai-row-name"
                        aria-pressed={selected}
                        onClick={(e) => {
                          e.stopPropagation();
                          select(c.id);
                        }}
                      >
                        {c.name}
                      </button>
                    </td>
                    <td className="mono">{c.config.model}</td>
                    <td className="truncate" title={c.config.provider.baseURL ?? 'https://api.openai.com/v1'}>
                      {providerLabel(c.config.provider)}
                    </td>
                    <td>{MODE_LABELS[c.config.mode].replace(/^One call per /, 'Per ')}</td>
                    <td className="num">{c.config.samples}</td>
                    <td className="num">{c.config.temperature ?? 'default'}</td>
                    <td className="num">v{c.config.codebookVersion}</td>
                    <td>
                      <code title={c.configHash}>{shortHash(c.configHash)}</code>
                    </td>
                    <td className="num" data-testid="ai-coder-labels">
                      {formatCount(c.labels)}
                    </td>
                    <td className="ai-row-actions">
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        title={
                          locked
                            ? 'This configuration has labels; a changed one is a new coder'
                            : 'Edit this configuration'
                        }
                        onClick={(e) => {
                          e.stopPropagation();
                          openEditor(locked ? { mode: 'copy', id: c.id } : { mode: 'edit', id: c.id });
                        }}
                      >
                        {locked ? 'Copy as new' : 'Edit'}
                      </button>
                      <button
                        type="button"
                        className="btn btn-ghost btn-small"
                        disabled={locked}
                        title={locked ? 'A coder with labels cannot be deleted' : 'Delete this AI coder'}
                        onClick={(e) => {
                          e.stopPropagation();
                          setDeleting(c);
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <Dialog
        open={deleting !== null}
        title="Delete AI coder"
        onClose={() => setDeleting(null)}
        testId="delete-ai-coder"
        footer={
          <>
            <button type="button" className="btn" onClick={() => setDeleting(null)}>
              Keep it
            </button>
            <button
              type="button"
              className="btn ai-btn-danger"
              onClick={() => {
                const id = deleting?.id;
                setDeleting(null);
                if (id !== undefined) void useAi.getState().deleteCoder(id);
              }}
            >
              Delete
            </button>
          </>
        }
      >
        <p>
          Delete <strong>{deleting?.name}</strong>? It has no labels yet, so no statistic depends on it.
        </p>
      </Dialog>
    </section>
  );
}
