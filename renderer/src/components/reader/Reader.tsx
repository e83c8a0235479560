import { formatCount } from '../../format/count';
import { shortcutLabel } from '../../keyboard/shortcuts';
import { useReader } from '../../stores/reader';
import { CodeFilterBar } from '../coding/CodeFilterBar';
import { CodingPanel } from '../coding/CodingPanel';
import { Spinner } from '../Spinner';
import { ReaderHeader } from './ReaderHeader';
import { SegmentList } from './SegmentList';

export function Reader() {
  const documentId = useReader((s) => s.documentId);
  const doc = useReader((s) => s.doc);
  const error = useReader((s) => s.error);
  const loading = useReader((s) => s.loading);
  const count = useReader((s) => s.segments.length);
  const total = useReader((s) => s.total);

  if (documentId === null) {
    return (
      <main className="reader reader-empty" data-testid="reader-empty">
        <div className="empty-state">
          <svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" className="empty-icon">
            <rect
              x="9"
              y="6"
              width="30"
              height="36"
              rx="4"
              fill="none"
              stroke="currentColor"
              strokeWidth="2"
            />
            <path
              d="M16 16h16M16 23h16M16 30h10"
              stroke="currentColor"
              strokeWidth="2"
              strokeLinecap="round"
            />
          </svg>
          <p>Select an interview to read it.</p>
          <p className="muted small">
            Use <kbd>↑</kbd> <kbd>↓</kbd> and <kbd>Enter</kbd> in the list, then{' '}
            <kbd>{shortcutLabel('reader.next')}</kbd> <kbd>{shortcutLabel('reader.prev')}</kbd> to move
            through segments.
          </p>
        </div>
      </main>
    );
  }

  return (
    <main
      className="reader reader-coding"
      aria-label={doc ? `Transcript: ${doc.name}` : 'Transcript'}
      data-testid="reader"
    >
      <div className="reader-column">
        {error ? (
          <div className="empty-state" role="alert" data-testid="reader-error">
            <p>This document could not be loaded.</p>
            <p className="muted">{error}</p>
            <button type="button" className="btn" onClick={() => void useReader.getState().open(documentId)}>
              Try again
            </button>
          </div>
        ) : !doc ? (
          <div className="empty-state">
            <Spinner label="Opening document…" />
          </div>
        ) : (
          <>
            <ReaderHeader doc={doc} />
            {loading && (
              <div className="reader-loading" data-testid="segments-loading">
                <Spinner
                  inline
                  label={
                    count > 0
                      ? `Loading segments… ${formatCount(count)} of ${formatCount(total)}`
                      : 'Loading segments…'
                  }
                />
              </div>
            )}
            <CodeFilterBar />
            <SegmentList />
          </>
        )}
      </div>
      <CodingPanel documentId={documentId} />
    </main>
  );
}
