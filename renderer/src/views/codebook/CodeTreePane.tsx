import type { CodeView } from '../../../../shared/contract/codebook';
import { SearchIcon } from '../../components/coding/icons';
import { formatCount } from '../../format/count';
import { ariaKeyShortcut, shortcutLabel } from '../../keyboard/shortcuts';
import { useCodebook } from '../../stores/codebook';
import { CodeTree } from './CodeTree';
import { CODE_NAME_INPUT_ID, CODE_TREE_ID, CODEBOOK_SEARCH_ID } from './elementIds';
import { colourForNewCode } from './palette';
import { indent, moveDown, moveUp, outdent, type MoveTarget } from './treeMoves';

interface Props {
  codes: readonly CodeView[];
  onMerge(): void;
  onSplit(): void;
}

/** Starts a new code: a sibling of the selected code, or (child) one of its sub-codes. */
export function startNewCode(codes: readonly CodeView[], child: boolean): void {
  const { selectedKey, startNew } = useCodebook.getState();
  const selected = codes.find((c) => c.key === selectedKey);
  const parentKey = child ? (selected?.key ?? null) : (selected?.parentKey ?? null);
  startNew(parentKey, colourForNewCode(codes, parentKey));
  // the name field appears with the form; focus it once it is there
  requestAnimationFrame(() => document.getElementById(CODE_NAME_INPUT_ID)?.focus({ preventScroll: true }));
}

const MOVES: {
  label: string;
  glyph: string;
  shortcut: 'codebook.moveUp' | 'codebook.moveDown' | 'codebook.outdent' | 'codebook.indent';
  plan: (codes: readonly CodeView[], key: string) => MoveTarget | null;
}[] = [
  { label: 'Move up', glyph: '↑', shortcut: 'codebook.moveUp', plan: moveUp },
  { label: 'Move down', glyph: '↓', shortcut: 'codebook.moveDown', plan: moveDown },
  { label: 'Move out of its parent', glyph: '←', shortcut: 'codebook.outdent', plan: outdent },
  { label: 'Make it a sub-code of the code above', glyph: '→', shortcut: 'codebook.indent', plan: indent },
];

export function CodeTreePane({ codes, onMerge, onSplit }: Props) {
  const query = useCodebook((s) => s.query);
  const selectedKey = useCodebook((s) => s.selectedKey);
  const busy = useCodebook((s) => s.busy);
  const selected = codes.find((c) => c.key === selectedKey) ?? null;

  return (
    <section className="tree-pane" aria-label="Code tree" data-testid="tree-pane">
      <div className="tree-toolbar">
        <div className="search-box">
          <SearchIcon />
          <input
            id={CODEBOOK_SEARCH_ID}
            type="search"
            className="input input-small search-input"
            placeholder="Search names and definitions"
            aria-label="Search codes"
            aria-keyshortcuts="/"
            value={query}
            onChange={(e) => useCodebook.getState().setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' || e.key === 'Enter') {
                e.preventDefault();
                document.getElementById(CODE_TREE_ID)?.focus({ preventScroll: true });
              } else if (e.key === 'Escape' && query) {
                useCodebook.getState().setQuery('');
              }
            }}
            data-testid="codebook-search"
          />
          <kbd className="search-kbd" aria-hidden="true">
            /
          </kbd>
        </div>
        <div className="tree-actions">
          <button
            type="button"
            className="btn btn-small btn-primary"
            onClick={() => startNewCode(codes, false)}
            title={`New code beside the selected one (${shortcutLabel('codebook.new')})`}
            aria-keyshortcuts={ariaKeyShortcut('codebook.new')}
            data-testid="new-code"
          >
            + Code
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={!selected}
            onClick={() => startNewCode(codes, true)}
            title={`New sub-code of the selected code (${shortcutLabel('codebook.newChild')})`}
            aria-keyshortcuts={ariaKeyShortcut('codebook.newChild')}
            data-testid="new-subcode"
          >
            + Sub-code
          </button>
          <span className="spacer" />
          <div className="btn-group" role="group" aria-label="Move the selected code">
            {MOVES.map((m) => {
              const target = selected ? m.plan(codes, selected.key) : null;
              return (
                <button
                  key={m.shortcut}
                  type="button"
                  className="btn btn-small btn-icon"
                  disabled={!target || busy}
                  aria-label={m.label}
                  title={`${m.label} (${shortcutLabel(m.shortcut)})`}
                  onClick={() =>
                    selected &&
                    target &&
                    void useCodebook.getState().move(selected.key, target.parentKey, target.index)
                  }
                  data-testid={`move-${m.shortcut.split('.')[1]}`}
                >
                  {m.glyph}
                </button>
              );
            })}
          </div>
        </div>
        <div className="tree-actions tree-actions-secondary">
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={onMerge}
            data-testid="open-merge"
          >
            Merge codes…
          </button>
          <button
            type="button"
            className="btn btn-small btn-ghost"
            disabled={!selected}
            onClick={onSplit}
            data-testid="open-split"
          >
            Split code…
          </button>
        </div>
      </div>
      <CodeTree codes={codes} />
      <footer className="tree-footer">
        <span>{formatCount(codes.length)} codes</span>
        <span className="muted">
          Drag to reorder or nest · <kbd>Alt</kbd>+<kbd>↑↓←→</kbd>
        </span>
      </footer>
    </section>
  );
}
