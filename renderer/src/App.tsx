import { useEffect } from 'react';
import { Notices } from './components/Notices';
import { Spinner } from './components/Spinner';
import { onEvent } from './rpc/client';
import { MainLayout } from './screens/MainLayout';
import { OfflineScreen } from './screens/OfflineScreen';
import { StartScreen } from './screens/StartScreen';
import { useImporter } from './stores/importer';
import { useProject } from './stores/project';

export function App() {
  const status = useProject((s) => s.status);
  const summary = useProject((s) => s.summary);

  useEffect(() => {
    void useProject.getState().boot();
    return onEvent((e) => {
      if (e.event === 'import.progress') useImporter.getState().onProgress(e.payload);
      else if (e.event === 'project.changed') {
        const current = useProject.getState().summary?.path ?? null;
        if (current !== e.payload.path) void useProject.getState().refresh();
      }
    });
  }, []);

  let screen;
  if (status === 'loading') {
    screen = (
      <div className="center-screen" data-testid="app-loading">
        <Spinner label="Connecting to Concord…" />
      </div>
    );
  } else if (status === 'offline') screen = <OfflineScreen />;
  else if (!summary) screen = <StartScreen />;
  // keyed by path: another project starts from a clean slate
  else screen = <MainLayout key={summary.path} />;

  return (
    <>
      {screen}
      <Notices />
    </>
  );
}
