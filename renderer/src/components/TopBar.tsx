import { plural } from '../format/count';
import { useEffect } from 'react';
import { ariaKeyShortcut, shortcutLabel } from '../keyboard/shortcuts';
import { useImporter } from '../stores/importer';
import { useProject } from '../stores/project';
import { Logo } from './Logo';
import { ViewTabs } from './ViewTabs';

export function TopBar({ onShowShortcuts }: { onShowShortcuts(): void }) {
  const summary = useProject((s) => s.summary);
  const busy = useProject((s) => s.busy);
  const close = useProject((s) => s.close);
  const openImport = useImporter((s) => s.openDialog);
  const name = summary?.name;

  useEffect(() => {
    document.title = name ? `${name} — Concord` : 'Concord';
    return () => {
      document.title = 'Concord';
    };
  }, [name]);

  if (!summary) return null;

  return (
    <header className="topbar" data-testid="topbar">
      <div className="brand">
        <Logo size={22} />
        <span className="brand-name">Concord</span>
      </div>
      <span className="topbar-sep" aria-hidden="true" />
      <div className="topbar-project">
        <h1 className="project-name" title={summary.path} data-testid="project-name">
          {summary.name}
        </h1>
        {summary.demo && (
          <span
            className="badge badge-demo"
            data-testid="demo-badge"
            title="The fictional demo study shipped with Concord"
          >
            Demo data
          </span>
        )}
      </div>
      <ViewTabs />
      <dl className="topbar-stats" data-testid="project-counts" aria-label="Project size">
        <div>
          <dt>Documents</dt>
          <dd data-testid="count-documents">{plural(summary.documents, 'document')}</dd>
        </div>
        <div>
          <dt>Segments</dt>
          <dd data-testid="count-segments">{plural(summary.segments, 'segment')}</dd>
        </div>
        <div>
          <dt>Words</dt>
          <dd data-testid="count-words">{plural(summary.words, 'word')}</dd>
        </div>
      </dl>
      <div className="topbar-actions">
        <button
          type="button"
          className="btn btn-primary"
          onClick={openImport}
          data-testid="open-import"
          aria-keyshortcuts={ariaKeyShortcut('import.open')}
          title={`Import transcripts (${shortcutLabel('import.open')})`}
        >
          Import transcripts
        </button>
        <button
          type="button"
          className="btn btn-ghost icon-text"
          onClick={onShowShortcuts}
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy}
          onClick={() => void close()}
          data-testid="close-project"
        >
          Close project
        </button>
      </div>
    </header>
  );
}
