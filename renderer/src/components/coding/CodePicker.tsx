import { useMemo, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type { CodeView } from '../../../../shared/contract/codebook';
import type { SegmentRow } from '../../../../shared/contract/documents';
import { shortcutLabel } from '../../keyboard/shortcuts';
import { useCodebook } from '../../stores/codebook';
import { useCoding } from '../../stores/coding';
import { useNavigation } from '../../stores/navigation';
import { SEGMENT_LIST_ID } from '../reader/SegmentList';
import { inTreeOrder, rankCodes } from './codeTree';
import { CheckIcon, FilterIcon, PinIcon, SearchIcon } from './icons';

export const CODE_SEARCH_ID = 'code-search';

interface Props {
  segment: SegmentRow | null;
  numbered: readonly CodeView[];
  onApply(codeKey: string): void;
}

/**
 * The active codebook as a pick list: click or press a number to apply or remove a
 * code; type to search, Enter applies the top match and returns to the transcript.
 */
export function CodePicker({ segment, numbered, onApply }: Props) {
  const codes = useCodebook((s) => s.active?.codes);
  const loaded = useCodebook((s) => s.loaded);
  const labels = useCoding((s) => s.labels);
  const coderId = useCoding((s) => s.coderId);
  const pins = useCoding((s) => s.pins);
  const filter = useCoding((s) => s.filter);
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);

  const rows = useMemo(() => {
    if (!codes) return [];
    return query.trim() ? rankCodes(codes, query).map((code) => ({ code, depth: 0 })) : inTreeOrder(codes);
  }, [codes, query]);
  const numberOf = useMemo(() => new Map(numbered.map((c, i) => [c.key, i + 1])), [numbered]);
  const appliedHere = useMemo(
    () =>
      new Set(
        labels.filter((l) => l.segmentId === segment?.id && l.coderId === coderId).map((l) => l.codeKey),
      ),
    [labels, segment, coderId],
  );
  const counts = useMemo(() => {
    const seen = new Map<string, Set<number>>();
    for (const l of labels) {
      const s = seen.get(l.codeKey) ?? new Set<number>();
      s.add(l.segmentId);
      seen.set(l.codeKey, s);
    }
    return new Map([...seen].map(([k, s]) => [k, s.size]));
  }, [labels]);

  const backToTranscript = () => {
    setQuery('');
    setHighlight(0);
    document.getElementById(SEGMENT_LIST_ID)?.focus({ preventScroll: true });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setHighlight((h) => Math.max(0, Math.min(rows.length - 1, h + step)));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const top = rows[Math.min(highlight, rows.length - 1)];
      if (!query.trim() || !top) return;
      onApply(top.code.key);
      backToTranscript();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      backToTranscript();
    }
  };

  if (loaded && !codes) {
    return (
      <div className="empty-state empty-state-small" data-testid="picker-no-codebook">
        <p>No codebook yet.</p>
        <p className="muted small">Import one (.qdc or .json) in the Codebook view.</p>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => useNavigation.getState().show('codebook')}
        >
          Open the codebook
        </button>
      </div>
    );
  }

  const searching = query.trim() !== '';
  return (
    <div className="code-picker">
      <div className="search-box code-search-box">
        <SearchIcon />
        <input
          id={CODE_SEARCH_ID}
          type="search"
          className="input input-small search-input"
          placeholder="Find a code…"
          aria-label="Find a code to apply (Enter applies the top match)"
          aria-keyshortcuts="c /"
          aria-controls="code-options"
          autoComplete="off"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setHighlight(0);
          }}
          onKeyDown={onKeyDown}
          data-testid="code-search"
        />
        <kbd className="search-kbd" aria-hidden="true">
          c
        </kbd>
      </div>
      <ul
        id="code-options"
        className="code-options"
        role="listbox"
        aria-label="Codes"
        data-testid="code-options"
      >
        {rows.map(({ code, depth }, i) => {
          const n = numberOf.get(code.key);
          const applied = appliedHere.has(code.key);
          const pinned = pins.includes(code.key);
          const classes = [
            'code-option',
            depth === 0 && !searching && 'is-family',
            applied && 'is-applied',
            searching && i === highlight && 'is-highlighted',
          ]
            .filter(Boolean)
            .join(' ');
          return (
            <li
              key={code.key}
              role="option"
              aria-selected={applied}
              className={classes}
              style={{ '--code': code.color, '--depth': depth } as CSSProperties}
              data-testid="code-option"
              data-code-key={code.key}
            >
              <button
                type="button"
                className="code-option-main"
                onClick={() => onApply(code.key)}
                title={`${code.name}${code.definition ? `\n\n${code.definition}` : ''}`}
              >
                <span className="code-option-key" aria-label={n ? `key ${n}` : undefined}>
                  {n ?? ''}
                </span>
                <span className="code-option-indent" aria-hidden="true" />
                <span className="code-swatch" aria-hidden="true">
                  {applied && <CheckIcon size={10} />}
                </span>
                <span className="code-option-name">{code.name}</span>
                {(counts.get(code.key) ?? 0) > 0 && (
                  <span className="code-option-count" title="Segments with this code in this document">
                    {counts.get(code.key)}
                  </span>
                )}
              </button>
              <button
                type="button"
                className={`code-option-tool${pinned ? ' is-on' : ''}`}
                aria-label={pinned ? `Unpin ${code.name}` : `Pin ${code.name} to a number key`}
                title={pinned ? 'Unpin' : 'Pin: pinned codes get the number keys 1–9'}
                onClick={() => useCoding.getState().togglePin(code.key)}
              >
                <PinIcon filled={pinned} />
              </button>
              <button
                type="button"
                className={`code-option-tool${filter?.codeKey === code.key ? ' is-on' : ''}`}
                aria-label={`Show only segments coded ${code.name}`}
                title="Show only segments with this code"
                onClick={() =>
                  void useCoding.getState().setFilter(filter?.codeKey === code.key ? null : code.key)
                }
                data-testid="code-filter"
              >
                <FilterIcon />
              </button>
            </li>
          );
        })}
        {searching && rows.length === 0 && <li className="code-options-empty">No code matches “{query}”.</li>}
      </ul>
      <p className="panel-keys">
        <kbd>{shortcutLabel('coding.toggleCode')}</kbd> apply <kbd>c</kbd> find{' '}
        <kbd>{shortcutLabel('reader.next')}</kbd>
        <kbd>{shortcutLabel('reader.prev')}</kbd> move <kbd>{shortcutLabel('coding.undo')}</kbd> undo
      </p>
    </div>
  );
}
