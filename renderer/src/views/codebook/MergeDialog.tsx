import { useMemo, useState, type CSSProperties } from 'react';
import type { CodeView } from '../../../../shared/contract/codebook';
import { inTreeOrder } from '../../components/coding/codeTree';
import { Dialog } from '../../components/Dialog';
import { plural } from '../../format/count';
import { useCodebook } from '../../stores/codebook';

interface Props {
  open: boolean;
  codes: readonly CodeView[];
  /** preselected as a source */
  initialKey: string | null;
  onClose(): void;
}

/** Merge codes into a target: their labels count for the target from now on. */
export function MergeDialog({ open, codes, initialKey, onClose }: Props) {
  return (
    <Dialog open={open} title="Merge codes" onClose={onClose} testId="merge-dialog" wide>
      {open && <MergeForm codes={codes} initialKey={initialKey} onClose={onClose} />}
    </Dialog>
  );
}

function MergeForm({ codes, initialKey, onClose }: Omit<Props, 'open'>) {
  const [sources, setSources] = useState<string[]>(initialKey ? [initialKey] : []);
  const [target, setTarget] = useState('');
  const [filter, setFilter] = useState('');
  const busy = useCodebook((s) => s.busy);
  const rows = useMemo(() => inTreeOrder(codes), [codes]);
  const shown = rows.filter(
    (r) => !filter.trim() || r.code.name.toLowerCase().includes(filter.trim().toLowerCase()),
  );
  const labels = codes
    .filter((c) => sources.includes(c.key))
    .reduce((n, c) => n + (c.usageAllVersions ?? c.usage), 0);
  const targetCode = codes.find((c) => c.key === target);
  const canMerge = sources.length > 0 && targetCode !== undefined && !sources.includes(target) && !busy;

  const toggle = (key: string) =>
    setSources((s) => (s.includes(key) ? s.filter((k) => k !== key) : [...s, key]));

  const merge = async () => {
    if (!canMerge) return;
    if (await useCodebook.getState().merge(sources, target)) onClose();
  };

  return (
    <div className="merge-form">
      <p className="dialog-lead">
        Merged codes disappear from the new version; their sub-codes move under the target, and their labels
        count for the target (labels made under older versions follow the merge).
      </p>
      <div className="merge-grid">
        <fieldset className="merge-sources">
          <legend className="field-label">1. Codes to merge</legend>
          <input
            type="search"
            className="input input-small"
            placeholder="Filter codes"
            aria-label="Filter codes"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <ul className="check-list" data-testid="merge-sources">
            {shown.map(({ code, depth }) => (
              <li key={code.key}>
                <label
                  className={`check-row${code.key === target ? ' is-disabled' : ''}`}
                  style={{ '--depth': depth, '--code': code.color } as CSSProperties}
                >
                  <input
                    type="checkbox"
                    checked={sources.includes(code.key)}
                    disabled={code.key === target}
                    onChange={() => toggle(code.key)}
                    data-testid="merge-source"
                    data-code-key={code.key}
                  />
                  <span className="code-swatch" aria-hidden="true" />
                  <span className="truncate">{code.name}</span>
                  <span className="tree-usage">{code.usageAllVersions ?? code.usage}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <div className="merge-target">
          <label className="field">
            <span className="field-label">2. Merge into</span>
            <select
              className="select"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
              data-testid="merge-target"
            >
              <option value="">Choose the code to keep…</option>
              {rows
                .filter((r) => !sources.includes(r.code.key))
                .map(({ code, depth }) => (
                  <option key={code.key} value={code.key}>
                    {'\u2002'.repeat(depth * 2)}
                    {code.name}
                  </option>
                ))}
            </select>
          </label>
          <div className="merge-summary" data-testid="merge-summary">
            {sources.length === 0 ? (
              <p className="muted">Tick the codes to merge.</p>
            ) : (
              <>
                <p>
                  <strong>{plural(sources.length, 'code')}</strong> with {plural(labels, 'label')}
                </p>
                <ul className="merge-summary-list">
                  {codes
                    .filter((c) => sources.includes(c.key))
                    .map((c) => (
                      <li key={c.key} style={{ '--code': c.color } as CSSProperties}>
                        <span className="code-swatch" aria-hidden="true" />
                        {c.name}
                      </li>
                    ))}
                </ul>
                <p className="merge-arrow" aria-hidden="true">
                  ↓
                </p>
                {targetCode ? (
                  <p className="merge-into" style={{ '--code': targetCode.color } as CSSProperties}>
                    <span className="code-swatch" aria-hidden="true" />
                    <strong>{targetCode.name}</strong>
                  </p>
                ) : (
                  <p className="muted">Choose the target.</p>
                )}
              </>
            )}
          </div>
        </div>
      </div>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!canMerge}
          onClick={() => void merge()}
          data-testid="merge-confirm"
        >
          Merge {sources.length > 0 ? plural(sources.length, 'code') : ''}
        </button>
      </div>
    </div>
  );
}
