import { useEffect, useState } from 'react';
import { ImportDialog } from '../components/import/ImportDialog';
import { ShortcutHelp } from '../components/ShortcutHelp';
import { SEARCH_INPUT_ID } from '../components/sidebar/DocumentSidebar';
import { TopBar } from '../components/TopBar';
import { useShortcuts } from '../keyboard/useShortcuts';
import { useDocuments } from '../stores/documents';
import { useImporter } from '../stores/importer';
import { useReader } from '../stores/reader';
import { useNavigation } from '../stores/navigation';
import { VIEWS } from '../views/registry';

/** The workbench once a project is open: top bar, document sidebar, transcript reader. */
export function MainLayout() {
  const [helpOpen, setHelpOpen] = useState(false);
  const view = useNavigation((s) => s.view);
  const Active = (VIEWS.find((v) => v.id === view) ?? VIEWS[0]!).component;

  useEffect(() => {
    const docs = useDocuments.getState();
    docs.reset();
    useReader.getState().close();
    void docs.load();
    void docs.loadAttributes();
  }, []);

  useShortcuts({
    'import.open': () => useImporter.getState().openDialog(),
    'help.toggle': () => setHelpOpen((v) => !v),
    'documents.search': () => document.getElementById(SEARCH_INPUT_ID)?.focus(),
    'reader.next': () => useReader.getState().moveFocus(1),
    'reader.prev': () => useReader.getState().moveFocus(-1),
  });

  return (
    <div className="app-shell" data-testid="main-layout">
      <TopBar onShowShortcuts={() => setHelpOpen(true)} />
      <Active />
      <ImportDialog />
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </div>
  );
}
