import { useEffect, useState } from 'react';
import { useViewShortcuts } from '../../components/coding/useViewShortcuts';
import { Spinner } from '../../components/Spinner';
import { useCodebook, draftFromCode, NEW_CODE_KEY, type Codebook } from '../../stores/codebook';
import { useProject } from '../../stores/project';
import { CodebookHeader } from './CodebookHeader';
import { CodeForm } from './CodeForm';
import { CodeTreePane, startNewCode } from './CodeTreePane';
import { DeleteDialog } from './DeleteDialog';
import { DiffDialog } from './DiffDialog';
import { CODEBOOK_SEARCH_ID } from './elementIds';
import { MergeDialog } from './MergeDialog';
import { SplitDialog } from './SplitDialog';
import { validateCode } from './validateCode';
import { VersionNotice } from './VersionNotice';

type DialogName = 'merge' | 'split' | 'delete' | 'diff' | null;

/** The codebook editor: versions, the code tree, and the selected code's form. */
export function CodebookView() {
  const path = useProject((s) => s.summary?.path ?? null);
  const loaded = useCodebook((s) => s.loaded);
  const error = useCodebook((s) => s.error);
  const viewed = useCodebook((s) => s.viewed);

  useEffect(() => {
    if (path) void useCodebook.getState().ensureLoaded(path);
  }, [path]);

  if (!loaded) {
    return (
      <div className="codebook-view center-screen">
        <Spinner label="Loading the codebook…" />
      </div>
    );
  }
  if (error || !viewed) return <NoCodebook error={error} />;
  return <Editor viewed={viewed} />;
}

function NoCodebook({ error }: { error: string | null }) {
  return (
    <div className="codebook-view center-screen" data-testid="codebook-empty">
      <div className="empty-state">
        {error ? (
          <>
            <p>The codebook could not be loaded.</p>
            <p className="muted">{error}</p>
            <button type="button" className="btn" onClick={() => void useCodebook.getState().reload()}>
              Try again
            </button>
          </>
        ) : (
          <>
            <p>This project has no codebook yet.</p>
            <p className="muted">Import a REFI-QDA codebook (.qdc) or a Concord JSON codebook.</p>
            <label className="btn btn-primary">
              Import a codebook…
              <input
                type="file"
                accept=".qdc,.json,.xml"
                className="visually-hidden-input"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void useCodebook.getState().importFile(file);
                }}
              />
            </label>
          </>
        )}
      </div>
    </div>
  );
}

/** The version an edit of `viewed` is saved in, when that is not `viewed` itself. */
function savesAs(
  viewed: Codebook,
  versions: { version: number; frozen: boolean; active: boolean; parentVersion: number | null }[],
) {
  if (!viewed.frozen) return null;
  const draft = versions.find((v) => v.active && !v.frozen && v.parentVersion === viewed.version);
  return draft ? draft.version : Math.max(...versions.map((v) => v.version)) + 1;
}

function Editor({ viewed }: { viewed: Codebook }) {
  const versions = useCodebook((s) => s.versions);
  const selectedKey = useCodebook((s) => s.selectedKey);
  const drafts = useCodebook((s) => s.drafts);
  const [dialog, setDialog] = useState<DialogName>(null);
  const codes = viewed.codes;
  const selected = codes.find((c) => c.key === selectedKey) ?? null;
  const target = savesAs(viewed, versions);

  useViewShortcuts(
    {
      'codebook.search': () => document.getElementById(CODEBOOK_SEARCH_ID)?.focus({ preventScroll: true }),
      'codebook.new': () => startNewCode(codes, false),
      'codebook.newChild': () => startNewCode(codes, true),
      'codebook.save': () => {
        const key = useCodebook.getState().selectedKey;
        const draft = key ? useCodebook.getState().drafts[key] : undefined;
        if (!key || !draft) return;
        if (validateCode(draft, codes, key === NEW_CODE_KEY ? null : key).ok)
          void useCodebook.getState().save(key);
      },
    },
    ['codebook.save', 'codebook.new', 'codebook.newChild'],
  );

  let form = (
    <div className="empty-state code-form-empty">
      <p>Select a code to edit it.</p>
      <p className="muted small">Or create one with “+ Code”.</p>
    </div>
  );
  if (selectedKey === NEW_CODE_KEY && drafts[NEW_CODE_KEY]) {
    const draft = drafts[NEW_CODE_KEY];
    form = (
      <CodeForm
        key={NEW_CODE_KEY}
        book={viewed}
        codeKey={NEW_CODE_KEY}
        code={null}
        base={draft}
        draft={draft}
        savesAs={target}
        onDelete={() => undefined}
        onSplit={() => undefined}
        onMerge={() => undefined}
      />
    );
  } else if (selected) {
    const base = draftFromCode(selected);
    form = (
      <CodeForm
        key={selected.key}
        book={viewed}
        codeKey={selected.key}
        code={selected}
        base={base}
        draft={drafts[selected.key] ?? base}
        savesAs={target}
        onDelete={() => setDialog('delete')}
        onSplit={() => setDialog('split')}
        onMerge={() => setDialog('merge')}
      />
    );
  }

  return (
    <div className="codebook-view" data-testid="codebook-view">
      <CodebookHeader viewed={viewed} onShowChanges={() => setDialog('diff')} />
      <VersionNotice viewed={viewed} versions={versions} savesAs={target} />
      <div className="codebook-body">
        <CodeTreePane codes={codes} onMerge={() => setDialog('merge')} onSplit={() => setDialog('split')} />
        <div className="code-form-pane">{form}</div>
      </div>
      <MergeDialog
        open={dialog === 'merge'}
        codes={codes}
        initialKey={selected?.key ?? null}
        onClose={() => setDialog(null)}
      />
      <SplitDialog open={dialog === 'split'} code={selected} codes={codes} onClose={() => setDialog(null)} />
      <DeleteDialog
        open={dialog === 'delete'}
        code={selected}
        codes={codes}
        frozen={viewed.frozen}
        onClose={() => setDialog(null)}
      />
      <DiffDialog
        open={dialog === 'diff'}
        viewed={viewed}
        versions={versions}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}
