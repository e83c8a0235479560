import { useState, type FormEvent } from 'react';
import { Logo } from '../components/Logo';
import { RecentProjects } from '../components/start/RecentProjects';
import { useProject } from '../stores/project';

const withExtension = (p: string) => (/\.concord$/i.test(p) ? p : `${p}.concord`);

/** Shown while no project is open: open, create, try the demo, or pick a recent one. */
export function StartScreen() {
  const info = useProject((s) => s.info);
  const busy = useProject((s) => s.busy);
  const open = useProject((s) => s.open);
  const create = useProject((s) => s.create);
  const [openPath, setOpenPath] = useState('');
  const [newPath, setNewPath] = useState('');
  const [pending, setPending] = useState<'open' | 'create' | 'demo' | null>(null);

  const run = async (what: 'open' | 'create' | 'demo', request: () => Promise<boolean>) => {
    setPending(what);
    await request();
    setPending(null); // on success this screen is already gone; React ignores the update
  };
  const submitOpen = (e: FormEvent) => {
    e.preventDefault();
    if (openPath.trim()) void run('open', () => open(openPath.trim()));
  };
  const submitCreate = (demo: boolean) => {
    if (newPath.trim()) void run(demo ? 'demo' : 'create', () => create(withExtension(newPath.trim()), demo));
  };

  return (
    <div className="start-screen" data-testid="start-screen">
      <header className="start-header">
        <div className="brand brand-large">
          <Logo size={36} />
          <span>Concord</span>
        </div>
        <p className="start-tagline">Qualitative coding of interview transcripts, with AI you can check.</p>
      </header>

      <div className="start-grid">
        <section className="card start-card" aria-labelledby="start-open-title">
          <h2 id="start-open-title">Open a project</h2>
          <form onSubmit={submitOpen} className="stack">
            <label className="field">
              <span className="field-label">Project file</span>
              <input
                className="input"
                value={openPath}
                onChange={(e) => setOpenPath(e.target.value)}
                placeholder="/path/to/study.concord"
                spellCheck={false}
                data-testid="open-path"
              />
            </label>
            <div className="button-row">
              <button
                type="submit"
                className="btn btn-primary"
                disabled={busy || !openPath.trim()}
                data-testid="open-project"
              >
                {pending === 'open' ? 'Opening…' : 'Open project'}
              </button>
            </div>
          </form>

          <hr className="divider" />

          <h2 id="start-new-title">Start a new project</h2>
          <form
            className="stack"
            aria-labelledby="start-new-title"
            onSubmit={(e) => {
              e.preventDefault();
              submitCreate(false);
            }}
          >
            <label className="field">
              <span className="field-label">Save as</span>
              <input
                className="input"
                value={newPath}
                onChange={(e) => setNewPath(e.target.value)}
                placeholder="/path/to/new-study.concord"
                spellCheck={false}
                data-testid="new-path"
              />
              <span className="field-hint">
                One project is one portable file. “.concord” is added if missing.
              </span>
            </label>
            <div className="button-row">
              <button
                type="submit"
                className="btn"
                disabled={busy || !newPath.trim()}
                data-testid="create-project"
              >
                {pending === 'create' ? 'Creating…' : 'Create empty project'}
              </button>
              <button
                type="button"
                className="btn btn-accent-outline"
                disabled={busy || !newPath.trim()}
                onClick={() => submitCreate(true)}
                data-testid="create-demo"
                title="Twelve fictional interviews at bright-spot and partner schools, with metadata"
              >
                {pending === 'demo' ? 'Creating demo study…' : 'Create demo study'}
              </button>
            </div>
            <p className="field-hint">
              The demo study holds twelve fictional interviews at bright-spot and partner schools, with their
              metadata, ready to explore.
            </p>
          </form>
          {info?.host === 'browser' && (
            <p className="start-note" data-testid="browser-note">
              Browser mode has no file picker: type paths as seen by the machine running{' '}
              <code>concord serve</code>. Relative paths start from the folder it was started in.
            </p>
          )}
        </section>

        <RecentProjects />
      </div>

      <footer className="start-footer muted">
        Concord {info?.version ?? ''} · {info?.host === 'desktop' ? 'Desktop app' : 'Browser mode'}
      </footer>
    </div>
  );
}
