import { Logo } from '../components/Logo';
import { useProject } from '../stores/project';

/** The backend could not be reached at all (wrong token, server stopped). */
export function OfflineScreen() {
  const error = useProject((s) => s.bootError);
  const boot = useProject((s) => s.boot);
  return (
    <div className="center-screen" data-testid="offline-screen">
      <div className="card offline-card" role="alert">
        <div className="brand brand-large">
          <Logo size={32} />
          <span>Concord</span>
        </div>
        <h1>Cannot reach the Concord backend</h1>
        <p className="muted">{error}</p>
        <button type="button" className="btn btn-primary" onClick={() => void boot()}>
          Try again
        </button>
      </div>
    </div>
  );
}
