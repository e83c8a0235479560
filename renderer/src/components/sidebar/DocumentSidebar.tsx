import { formatCount } from '../../format/count';
import { shortcutLabel } from '../../keyboard/shortcuts';
import { useDocuments } from '../../stores/documents';
import { useProject } from '../../stores/project';
import { useReader } from '../../stores/reader';
import { DocumentFilters } from './DocumentFilters';
import { DocumentList } from './DocumentList';

export const SEARCH_INPUT_ID = 'document-search';

export function DocumentSidebar() {
  const search = useDocuments((s) => s.search);
  const setSearch = useDocuments((s) => s.setSearch);
  const shown = useDocuments((s) => s.docs.length);
  const loading = useDocuments((s) => s.loading);
  const total = useProject((s) => s.summary?.documents ?? 0);

  return (
    <aside className="sidebar" aria-label="Documents" data-testid="sidebar">
      <div className="sidebar-head">
        <div className="sidebar-title-row">
          <h2 className="sidebar-title">Documents</h2>
          {!loading && (
            <span className="sidebar-count" data-testid="document-count" aria-live="polite">
              {shown === total ? formatCount(total) : `${formatCount(shown)} of ${formatCount(total)}`}
            </span>
          )}
        </div>
        <div className="search-box">
          <svg className="search-icon" viewBox="0 0 16 16" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path d="M10.5 10.5 14 14" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
          <input
            id={SEARCH_INPUT_ID}
            type="search"
            className="input search-input"
            placeholder="Search by name"
            aria-label="Search documents by name"
            aria-keyshortcuts="/"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onKeyDown={(e) => {
              // ↓ from the search box goes straight into the results
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                document.getElementById('document-list')?.focus();
              } else if (e.key === 'Enter') {
                // Enter in the search box opens the highlighted result
                const { selectedId } = useDocuments.getState();
                if (selectedId !== null) void useReader.getState().open(selectedId);
              } else if (e.key === 'Escape' && search) {
                setSearch('');
              }
            }}
            data-testid="document-search"
          />
          <kbd className="search-kbd" aria-hidden="true">
            {shortcutLabel('documents.search')}
          </kbd>
        </div>
        <DocumentFilters />
      </div>
      <DocumentList />
    </aside>
  );
}
