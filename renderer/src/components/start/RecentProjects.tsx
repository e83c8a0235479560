import { formatDateTime } from '../../format/time';
import { useProject } from '../../stores/project';

export function RecentProjects() {
  const recent = useProject((s) => s.recent);
  const busy = useProject((s) => s.busy);
  const open = useProject((s) => s.open);

  return (
    <section className="card start-card" aria-labelledby="recent-title" data-testid="recent-projects">
      <h2 id="recent-title">Recent projects</h2>
      {recent.length === 0 ? (
        <div className="empty-state empty-state-small">
          <p>No recent projects yet.</p>
          <p className="muted">Projects you open or create appear here.</p>
        </div>
      ) : (
        <ul className="recent-list">
          {recent.map((r) => (
            <li key={r.path}>
              <button
                type="button"
                className="recent-item"
                disabled={busy}
                onClick={() => void open(r.path)}
                aria-label={`Open ${r.name} (${r.path})`}
                data-testid="recent-project"
              >
                <span className="recent-name">{r.name}</span>
                <span className="recent-path" title={r.path}>
                  {/* left-to-right marks: the path is cut at its start (rtl box) yet reads normally */}
                  {`\u200e${r.path}\u200e`}
                </span>
                <span className="recent-date">Opened {formatDateTime(r.openedAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
