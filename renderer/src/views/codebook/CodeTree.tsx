import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import type { CodeView } from '../../../../shared/contract/codebook';
import { visibleRows, type TreeRow } from '../../components/coding/codeTree';
import { shortcutFor } from '../../keyboard/shortcuts';
import { NEW_CODE_KEY, useCodebook } from '../../stores/codebook';
import { CodeTreeRow, type DropHint } from './CodeTreeRow';
import { CODE_NAME_INPUT_ID, CODE_TREE_ID } from './elementIds';
import {
  dropTarget,
  indent,
  moveDown,
  moveUp,
  outdent,
  type DropPosition,
  type MoveTarget,
} from './treeMoves';

const ROW_HEIGHT = 32;

/** The tree rows plus the placeholder of a code being created, under its parent. */
function rowsWithNew(rows: TreeRow[], codes: readonly CodeView[], newParent: string | null | undefined) {
  const out: (TreeRow | { newCode: true; depth: number })[] = [...rows];
  if (newParent === undefined) return out;
  if (newParent === null) {
    out.push({ newCode: true, depth: 0 });
    return out;
  }
  const at = rows.findIndex((r) => r.code.key === newParent);
  if (at < 0) return out;
  const depth = rows[at]!.depth + 1;
  let end = at + 1;
  while (end < rows.length && rows[end]!.depth >= depth) end++;
  out.splice(end, 0, { newCode: true, depth });
  return out;
}

/** Runs a keyboard or drag move; the tree keeps the moved code selected. */
function moveTo(key: string, target: MoveTarget | null) {
  if (!target) return;
  void useCodebook.getState().move(key, target.parentKey, target.index);
}

export function CodeTree({ codes }: { codes: readonly CodeView[] }) {
  const collapsed = useCodebook((s) => s.collapsed);
  const query = useCodebook((s) => s.query);
  const selectedKey = useCodebook((s) => s.selectedKey);
  const drafts = useCodebook((s) => s.drafts);
  const newParent = useCodebook((s) =>
    s.selectedKey === NEW_CODE_KEY ? (s.drafts[NEW_CODE_KEY]?.parentKey ?? null) : undefined,
  );
  const newDraft = useCodebook((s) => s.drafts[NEW_CODE_KEY]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<string | null>(null);
  const [hint, setHint] = useState<DropHint | null>(null);

  const rows = useMemo(() => visibleRows(codes, collapsed, query), [codes, collapsed, query]);
  const all = useMemo(() => rowsWithNew(rows, codes, newParent), [rows, codes, newParent]);
  const selectedRow = all.findIndex((r) =>
    'newCode' in r ? selectedKey === NEW_CODE_KEY : r.code.key === selectedKey,
  );

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: all.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => {
      const r = all[i];
      return !r || 'newCode' in r ? NEW_CODE_KEY : r.code.key;
    },
  });

  useEffect(() => {
    if (selectedRow >= 0) virtualizer.scrollToIndex(selectedRow, { align: 'auto' });
  }, [selectedRow, virtualizer]);

  const select = (key: string) => useCodebook.getState().select(key);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const id = shortcutFor(e, 'tree');
    if (!id) return;
    e.preventDefault();
    const row = all[selectedRow];
    const current = row && !('newCode' in row) ? row : null;
    const step = (delta: number) => {
      for (let i = selectedRow + delta; i >= 0 && i < all.length; i += delta) {
        const r = all[i]!;
        if (!('newCode' in r)) return select(r.code.key);
      }
    };
    if (id === 'codebook.next') {
      if (selectedRow < 0) {
        const first = rows[0];
        if (first) select(first.code.key);
      } else step(1);
      return;
    }
    if (id === 'codebook.prev') return step(-1);
    if (!current) return;
    const key = current.code.key;
    const { setCollapsed } = useCodebook.getState();
    switch (id) {
      case 'codebook.expand':
        if (current.hasChildren && !current.expanded) setCollapsed(key, false);
        else if (current.expanded) step(1);
        break;
      case 'codebook.collapse':
        if (current.expanded && !query) setCollapsed(key, true);
        else if (current.code.parentKey) select(current.code.parentKey);
        break;
      case 'codebook.edit':
        document.getElementById(CODE_NAME_INPUT_ID)?.focus({ preventScroll: true });
        break;
      case 'codebook.moveUp':
        moveTo(key, moveUp(codes, key));
        break;
      case 'codebook.moveDown':
        moveTo(key, moveDown(codes, key));
        break;
      case 'codebook.indent':
        moveTo(key, indent(codes, key));
        break;
      case 'codebook.outdent':
        moveTo(key, outdent(codes, key));
        break;
    }
  };

  const positionIn = (e: DragEvent<HTMLElement>): DropPosition => {
    const rect = e.currentTarget.getBoundingClientRect();
    const y = (e.clientY - rect.top) / rect.height;
    return y < 0.28 ? 'before' : y > 0.72 ? 'after' : 'inside';
  };

  const dnd = {
    onDragStart(key: string, e: DragEvent<HTMLElement>) {
      setDrag(key);
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', key);
    },
    onDragOver(key: string, e: DragEvent<HTMLElement>) {
      if (!drag) return;
      const position = positionIn(e);
      if (!dropTarget(codes, drag, key, position)) {
        setHint(null);
        return;
      }
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (hint?.key !== key || hint.position !== position) setHint({ key, position });
    },
    onDrop(key: string, e: DragEvent<HTMLElement>) {
      e.preventDefault();
      const position = positionIn(e);
      if (drag) moveTo(drag, dropTarget(codes, drag, key, position));
      setDrag(null);
      setHint(null);
    },
    onDragEnd() {
      setDrag(null);
      setHint(null);
    },
  };

  if (rows.length === 0 && newParent === undefined) {
    return (
      <div className="empty-state empty-state-small tree-empty" data-testid="code-tree-empty">
        <p>{query ? `No code matches “${query}”.` : 'No codes yet.'}</p>
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      id={CODE_TREE_ID}
      className="code-tree"
      role="tree"
      tabIndex={0}
      aria-label="Codes (arrows move and expand, Alt+arrows reorder and nest, Enter edits)"
      aria-activedescendant={selectedRow >= 0 ? `code-row-${selectedKey}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="code-tree"
    >
      <div className="virtual-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = all[item.index]!;
          return (
            <div
              key={item.key}
              className="virtual-item"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              {'newCode' in row ? (
                <div
                  id={`code-row-${NEW_CODE_KEY}`}
                  role="treeitem"
                  aria-level={row.depth + 1}
                  aria-selected={selectedKey === NEW_CODE_KEY}
                  className="tree-row is-new is-selected"
                  style={{ '--depth': row.depth, '--code': newDraft?.color } as CSSProperties}
                  onClick={() => select(NEW_CODE_KEY)}
                  data-testid="code-row-new"
                >
                  <span className="tree-twisty" />
                  <span className="code-swatch" aria-hidden="true" />
                  <span className="tree-name">{newDraft?.name.trim() || 'New code'}</span>
                  <span className="tree-dirty" title="Not saved yet" />
                </div>
              ) : (
                <CodeTreeRow
                  row={row}
                  selected={row.code.key === selectedKey}
                  dirty={Boolean(drafts[row.code.key])}
                  dragging={drag === row.code.key}
                  hint={hint?.key === row.code.key ? hint.position : null}
                  searching={query.trim() !== ''}
                  dnd={dnd}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
