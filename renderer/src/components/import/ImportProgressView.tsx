import { useImporter } from '../../stores/importer';
import { Spinner } from '../Spinner';

export function ImportProgressView() {
  const phase = useImporter((s) => s.phase);
  const progress = useImporter((s) => s.progress);
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;

  return (
    <div className="import-progress" data-testid="import-progress">
      <Spinner
        inline
        label={phase === 'reading' ? 'Reading files…' : `Importing… ${done} of ${total} files`}
      />
      <div
        className="progress-bar"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
      >
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {progress?.file && (
        <p className="muted small truncate" title={progress.file}>
          Last finished: {progress.file}
        </p>
      )}
    </div>
  );
}
