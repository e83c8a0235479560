import { useState } from 'react';
import type { ModelPrice } from '../../../../shared/contract/llm';
import { Dialog } from '../../components/Dialog';
import { formatDateTime } from '../../format/time';
import { useAi } from '../../stores/ai';

interface PriceDraft {
  model: string;
  input: string;
  cached: string;
  output: string;
  note: string;
}

const toDraft = (p: ModelPrice | null, model = ''): PriceDraft => ({
  model: p?.model ?? model,
  input: p ? String(p.inputPer1M) : '',
  cached: p?.cachedInputPer1M === null || !p ? '' : String(p.cachedInputPer1M),
  output: p ? String(p.outputPer1M) : '',
  note: p?.note ?? '',
});

const amount = (text: string): number | null => {
  const t = text.trim().replace(/^\$/, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? n : Number.NaN;
};

function priceOf(d: PriceDraft): ModelPrice | string {
  const model = d.model.trim();
  const input = amount(d.input);
  const cached = amount(d.cached);
  const output = amount(d.output);
  if (!model) return 'Enter the model name exactly as the coder uses it';
  if (input === null || Number.isNaN(input)) return 'Enter the input price per 1M tokens';
  if (output === null || Number.isNaN(output)) return 'Enter the output price per 1M tokens';
  if (Number.isNaN(cached)) return 'The cached input price must be a number (or empty)';
  return { model, inputPer1M: input, cachedInputPer1M: cached, outputPer1M: output, note: d.note.trim() };
}

function PriceRow({ price, initialModel }: { price: ModelPrice | null; initialModel?: string }) {
  const [draft, setDraft] = useState(() => toDraft(price, initialModel));
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const isNew = price === null;
  const changed = JSON.stringify(draft) !== JSON.stringify(toDraft(price, initialModel));
  const patch = (p: Partial<PriceDraft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setProblem(null);
  };

  const save = async () => {
    const p = priceOf(draft);
    if (typeof p === 'string') {
      setProblem(p);
      return;
    }
    setSaving(true);
    const ok = await useAi.getState().savePrice(p);
    setSaving(false);
    if (ok && isNew) setDraft(toDraft(null));
  };

  const cell = (field: keyof PriceDraft, label: string, extra = '') => (
    <input
      className={`input input-small ${extra}`}
      aria-label={`${label}${isNew ? ' (new price)' : ` for ${price.model}`}`}
      value={draft[field]}
      readOnly={!isNew && field === 'model'}
      title={field === 'note' && draft.note ? draft.note : undefined}
      inputMode={field === 'model' || field === 'note' ? undefined : 'decimal'}
      placeholder={
        isNew ? (field === 'model' ? 'Model name' : field === 'note' ? 'Source, date' : '0.00') : ''
      }
      data-testid={isNew ? `new-price-${field}` : undefined}
      onChange={(e) => patch({ [field]: e.target.value })}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          void save();
        }
      }}
    />
  );

  return (
    <>
      <tr className={isNew ? 'ai-price-new' : undefined} data-testid={isNew ? 'price-new' : 'price-row'}>
        <td>{cell('model', 'Model', 'mono')}</td>
        <td>{cell('input', 'Input $ per 1M tokens', 'num')}</td>
        <td>{cell('cached', 'Cached input $ per 1M tokens', 'num')}</td>
        <td>{cell('output', 'Output $ per 1M tokens', 'num')}</td>
        <td>{cell('note', 'Note')}</td>
        <td className="ai-row-actions">
          <button
            type="button"
            className={`btn btn-small${isNew ? ' btn-primary' : ''}`}
            disabled={saving || (!isNew && !changed)}
            data-testid={isNew ? 'add-price' : undefined}
            onClick={() => void save()}
          >
            {isNew ? 'Add' : 'Save'}
          </button>
          {!isNew && (
            <button
              type="button"
              className="btn btn-ghost btn-small"
              title={price.updatedAt ? `Updated ${formatDateTime(price.updatedAt)}` : undefined}
              onClick={() => void useAi.getState().deletePrice(price.model)}
            >
              Delete
            </button>
          )}
        </td>
      </tr>
      {problem && (
        <tr>
          <td colSpan={6}>
            <span className="form-error">{problem}</span>
          </td>
        </tr>
      )}
    </>
  );
}

/**
 * Prices per model for cost estimates and budgets. New projects start with a few list
 * prices (dated in their note); the user keeps them current.
 */
export function PriceDialog() {
  const open = useAi((s) => s.pricesOpen);
  const prices = useAi((s) => s.prices);
  const pricesFor = useAi((s) => s.pricesFor);
  const close = useAi((s) => s.closePrices);

  return (
    <Dialog
      open={open}
      title="Model prices"
      onClose={close}
      testId="price-dialog"
      wide
      footer={
        <button type="button" className="btn" onClick={close} data-testid="close-prices">
          Done
        </button>
      }
    >
      <p className="ai-note" role="note">
        Prices change and differ by provider, region and tier: check them against your provider’s pricing page
        before a large run. Concord uses them only to estimate costs and to stop a job at its budget. Local
        models cost nothing: enter 0 to allow a budget, or leave them out.
      </p>
      <table className="ai-table ai-price-table">
        <colgroup>
          <col className="ai-col-model" />
          <col className="ai-col-price" />
          <col className="ai-col-price" />
          <col className="ai-col-price" />
          <col />
          <col className="ai-col-actions" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col" className="num">
              Input $/1M
            </th>
            <th scope="col" className="num" title="Cached input $ per 1M tokens">
              Cached $/1M
            </th>
            <th scope="col" className="num">
              Output $/1M
            </th>
            <th scope="col">Note</th>
            <th scope="col">
              <span className="ai-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {prices.map((p) => (
            <PriceRow key={`${p.model}|${p.updatedAt ?? ''}`} price={p} />
          ))}
          <PriceRow
            key={`new|${pricesFor ?? ''}|${prices.length}`}
            price={null}
            initialModel={pricesFor ?? ''}
          />
        </tbody>
      </table>
      <p className="field-hint ai-price-foot">
        Cached input is the discounted rate for prompt tokens the provider served from its cache (empty = same
        as input). A price for <code>gpt-4o-mini</code> also covers dated names such as{' '}
        <code>gpt-4o-mini-2024-07-18</code>. Batch API jobs cost half.
      </p>
    </Dialog>
  );
}
