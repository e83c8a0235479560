import { memo, type CSSProperties, type DragEvent } from 'react';
import type { TreeRow } from '../../components/coding/codeTree';
import { formatCount } from '../../format/count';
import { useCodebook } from '../../stores/codebook';
import { CODE_TREE_ID } from './elementIds';
import type { DropPosition } from './treeMoves';

export interface DropHint {
  key: string;
  position: DropPosition;
}

export interface TreeDnd {
  onDragStart(key: string, e: DragEvent<HTMLElement>): void;
  onDragOver(key: string, e: DragEvent<HTMLElement>): void;
  onDrop(key: string, e: DragEvent<HTMLElement>): void;
  onDragEnd(): void;
}

interface Props {
  row: TreeRow;
  selected: boolean;
  dirty: boolean;
  dragging: boolean;
  hint: DropPosition | null;
  searching: boolean;
  dnd: TreeDnd;
}

/** One code in the tree: twisty, colour, name, short label, labels on it. */
export const CodeTreeRow = memo(function CodeTreeRow({
  row,
  selected,
  dirty,
  dragging,
  hint,
  searching,
  dnd,
}: Props) {
  const { code, depth, hasChildren, expanded } = row;
  const usage = code.usageAllVersions ?? code.usage;
  const classes = [
    'tree-row',
    selected && 'is-selected',
    depth === 0 && 'is-family',
    dragging && 'is-dragging',
    hint && `drop-${hint}`,
    searching && !row.match && 'is-context',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      id={`code-row-${code.key}`}
      role="treeitem"
      aria-level={depth + 1}
      aria-selected={selected}
      aria-expanded={hasChildren ? expanded : undefined}
      className={classes}
      style={{ '--depth': depth, '--code': code.color } as CSSProperties}
      draggable
      onClick={() => {
        useCodebook.getState().select(code.key);
        // arrows go on from the row that was clicked
        document.getElementById(CODE_TREE_ID)?.focus({ preventScroll: true });
      }}
      onDragStart={(e) => dnd.onDragStart(code.key, e)}
      onDragOver={(e) => dnd.onDragOver(code.key, e)}
      onDrop={(e) => dnd.onDrop(code.key, e)}
      onDragEnd={dnd.onDragEnd}
      data-testid="code-row"
      data-code-key={code.key}
    >
      <button
        type="button"
        className="tree-twisty"
        tabIndex={-1}
        aria-hidden={!hasChildren}
        disabled={!hasChildren || searching}
        onClick={(e) => {
          e.stopPropagation();
          useCodebook.getState().setCollapsed(code.key, expanded);
        }}
      >
        {hasChildren && (
          <svg viewBox="0 0 12 12" width="10" height="10" className={expanded ? 'is-open' : undefined}>
            <path d="m4.5 2.5 3.5 3.5-3.5 3.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        )}
      </button>
      <span className="code-swatch" aria-hidden="true" />
      <span className="tree-name" title={code.name}>
        {code.name}
      </span>
      {code.shortLabel && <span className="tree-short">{code.shortLabel}</span>}
      {!code.definition.trim() && (
        <span className="tree-warn" title="No definition yet" aria-label="no definition">
          !
        </span>
      )}
      {dirty && <span className="tree-dirty" title="Unsaved changes" aria-label="unsaved changes" />}
      <span
        className={usage > 0 ? 'tree-usage' : 'tree-usage is-zero'}
        title={`${formatCount(code.usage)} label${code.usage === 1 ? '' : 's'} in this version, ${formatCount(usage)} in all versions`}
        data-testid="code-usage"
      >
        {formatCount(usage)}
      </span>
    </div>
  );
});
