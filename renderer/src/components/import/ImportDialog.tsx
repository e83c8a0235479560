import { useImporter } from '../../stores/importer';
import { Dialog } from '../Dialog';
import { ImportForm, ImportFormFooter } from './ImportForm';
import { ImportProgressView } from './ImportProgressView';
import { ImportResults, ImportResultsFooter } from './ImportResults';

export function ImportDialog() {
  const isOpen = useImporter((s) => s.isOpen);
  const phase = useImporter((s) => s.phase);
  const close = useImporter((s) => s.closeDialog);

  const running = phase === 'reading' || phase === 'importing';
  return (
    <Dialog
      open={isOpen}
      title={phase === 'done' ? 'Import results' : 'Import transcripts'}
      onClose={close}
      testId="import-dialog"
      wide={phase === 'done'}
      canClose={!running}
      footer={
        phase === 'choose' ? <ImportFormFooter /> : phase === 'done' ? <ImportResultsFooter /> : undefined
      }
    >
      {phase === 'choose' && <ImportForm />}
      {running && <ImportProgressView />}
      {phase === 'done' && <ImportResults />}
    </Dialog>
  );
}
