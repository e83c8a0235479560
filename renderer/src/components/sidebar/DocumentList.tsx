import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { shortcutFor } from '../../keyboard/shortcuts';
import { useDocuments } from '../../stores/documents';
import { useImporter } from '../../stores/importer';
import { useReader } from '../../stores/reader';
import { Spinner } from '../Spinner';
import { DocumentListRow } from './DocumentListRow';

const LIST_ID = 'document-list';

export function DocumentList() {
  const docs = useDocuments((s) => s.docs);
  const loading = useDocuments((s) => s.loading);
  const selectedId = useDocuments((s) => s.selectedId);
  const hasFilters = useDocuments((s) => Object.keys(s.filters).length > 0 || s.search.trim() !== '');
  const clearFilters = useDocuments((s) => s.clearFilters);
  const openId = useReader((s) => s.documentId);
  const scrollRef = useRef<HTMLDivElement>(null);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render on purpose
  const virtualizer = useVirtualizer({
    count: docs.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 84,
    overscan: 6,
    getItemKey: (i) => docs[i]?.id ?? i,
  });

  const selectedIndex = docs.findIndex((d) => d.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const openDocument = (id: number) => {
    useDocuments.getState().select(id);
    void useReader.getState().open(id);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const id = shortcutFor(e, 'list');
    if (!id) return;
    e.preventDefault();
    if (id === 'documents.next') useDocuments.getState().moveSelection(1);
    else if (id === 'documents.prev') useDocuments.getState().moveSelection(-1);
    else if (id === 'documents.open' && selectedId !== null) openDocument(selectedId);
  };

  if (loading) {
    return (
      <div className="sidebar-empty">
        <Spinner label="Loading documents…" />
      </div>
    );
  }
  if (docs.length === 0) {
    return (
      <div className="sidebar-empty empty-state" data-testid="documents-empty">
        {hasFilters ? (
          <>
            <p>No documents match.</p>
            <button type="button" className="btn btn-small" onClick={clearFilters}>
              Clear search and filters
            </button>
          </>
        ) : (
          <>
            <p>No transcripts yet.</p>
            <p className="muted">Import interviews as .txt, .md, .docx, .vtt, .srt or a CSV of turns.</p>
            <button
              type="button"
              className="btn btn-primary btn-small"
              onClick={useImporter.getState().openDialog}
            >
              Import transcripts
            </button>
          </>
        )}
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      id={LIST_ID}
      className="doc-list"
      role="listbox"
      tabIndex={0}
      aria-label="Documents (↑ ↓ to move, Enter to open)"
      aria-activedescendant={selectedId !== null ? `doc-row-${selectedId}` : undefined}
      onKeyDown={onKeyDown}
      data-testid="document-list"
    >
      <div className="virtual-sizer" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const doc = docs[item.index]!;
          return (
            <div
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="virtual-item"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <DocumentListRow
                doc={doc}
                selected={doc.id === selectedId}
                open={doc.id === openId}
                onOpen={() => openDocument(doc.id)}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
