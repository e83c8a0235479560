import { useMemo, useState } from 'react';
import type { ItemDetail } from '../../../../shared/contract/review';
import { Dialog } from '../../components/Dialog';

// Type to find any code of the active codebook: Enter takes the first match.

export function CodeSearch({
  open,
  detail,
  title,
  onPick,
  onClose,
}: {
  open: boolean;
  detail: ItemDetail | null;
  title: string;
  onPick(codeKey: string): void;
  onClose(): void;
}) {
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const codes = detail?.codes ?? [];
    return (q ? codes.filter((c) => c.name.toLowerCase().includes(q) || c.key.includes(q)) : codes).slice(
      0,
      12,
    );
  }, [query, detail]);
  const pick = (key: string) => {
    setQuery('');
    onPick(key);
  };
  return (
    <Dialog open={open} title={title} onClose={onClose} testId="review-code-search">
      <input
        className="input"
        autoFocus
        placeholder="Type a code name…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) {
            e.preventDefault();
            pick(matches[0].key);
          }
        }}
        data-testid="review-code-query"
      />
      <ul className="rev-search-list">
        {matches.map((c) => (
          <li key={c.key}>
            <button type="button" className="rev-search-option" onClick={() => pick(c.key)}>
              <span className="rev-code-swatch" style={{ background: c.color }} />
              {c.name}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
