import { useEffect } from 'react';
import { Spinner } from '../../components/Spinner';
import { useAi } from '../../stores/ai';
import { useJobs } from '../../stores/jobs';
import { useProject } from '../../stores/project';
import { CoderEditor } from './CoderEditor';
import { CoderTable } from './CoderTable';
import { FailureList } from './FailureList';
import { JobHistory } from './JobHistory';
import { JobLauncher } from './JobLauncher';
import { JobProgressPanel } from './JobProgressPanel';
import { PriceDialog } from './PriceDialog';

/** AI coders, the jobs that run them, and their progress, failures and prices. */
export function AiCodingView() {
  const path = useProject((s) => s.summary?.path ?? null);
  const loaded = useAi((s) => s.loaded);
  const error = useAi((s) => s.error);
  const editor = useAi((s) => s.editor);

  useEffect(() => {
    if (!path) return;
    void useAi.getState().ensureLoaded(path);
    void useJobs.getState().ensureLoaded(path);
  }, [path]);

  let body;
  if (!loaded) {
    body = (
      <div className="center-screen">
        <Spinner label="Loading AI coders…" />
      </div>
    );
  } else if (error) {
    body = (
      <div className="ai-page">
        <p className="form-error" role="alert">
          {error}
        </p>
        <button type="button" className="btn" onClick={() => void useAi.getState().reload()}>
          Try again
        </button>
      </div>
    );
  } else if (editor) {
    body = <CoderEditor key={JSON.stringify(editor)} target={editor} />;
  } else {
    body = (
      <div className="ai-page">
        <CoderTable />
        <div className="ai-run-grid">
          <JobLauncher />
          <JobProgressPanel />
        </div>
        <FailureList />
        <JobHistory />
      </div>
    );
  }

  return (
    <main className="ai-view" data-testid="ai-view">
      {body}
      <PriceDialog />
    </main>
  );
}
