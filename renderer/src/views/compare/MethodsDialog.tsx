import { useEffect, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { Spinner } from '../../components/Spinner';
import { errorMessage } from '../../rpc/client';
import { shownOptions, useCompare } from '../../stores/compare';
import { reportError, reportInfo } from '../../stores/notices';
import { fetchExport, saveBlob } from './download';

// The generated methods paragraph (corpus, coders, model and prompt, codebook version,
// agreement, review coverage, tests) for the comparison on screen, ready to paste.

interface Loaded {
  text: string;
  fileName: string;
  blob: Blob;
  warnings: string[];
}

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // older or insecure contexts: a selected textarea and the copy command
  const area = document.createElement('textarea');
  area.value = text;
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('Copying was refused; select the text and copy it by hand.');
}

/** Mounted while open: each opening writes the paragraph afresh for the comparison on screen. */
export function MethodsDialog({ onClose }: { onClose(): void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchExport({ format: 'methods', compare: shownOptions(useCompare.getState()) })
      .then(async (file) => {
        const text = (await file.blob.text()).trim();
        if (live) setLoaded({ text, fileName: file.fileName, blob: file.blob, warnings: file.warnings });
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, []);

  const copy = async () => {
    if (!loaded) return;
    try {
      await copyText(loaded.text);
      reportInfo('Methods paragraph copied');
    } catch (e) {
      reportError(e);
    }
  };

  return (
    <Dialog
      open
      title="Methods paragraph"
      onClose={onClose}
      testId="methods-dialog"
      wide
      footer={
        <>
          <button
            type="button"
            className="btn"
            disabled={!loaded}
            onClick={() => loaded && saveBlob(loaded.blob, loaded.fileName)}
          >
            Download .md
          </button>
          <span className="spacer" />
          <button type="button" className="btn" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!loaded}
            onClick={() => void copy()}
            data-testid="copy-methods"
          >
            Copy
          </button>
        </>
      }
    >
      <p className="muted small">
        Generated from the project: corpus, coders, codebook version, AI configuration, agreement, review
        coverage and the tests behind the comparison on screen. Edit it freely once pasted.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!loaded && !error && <Spinner label="Writing the paragraph…" />}
      {loaded && (
        <>
          <div className="cmp-methods-text" data-testid="methods-text">
            {loaded.text.split(/\n{2,}/).map((p, i) => (
              <p key={i}>{p}</p>
            ))}
          </div>
          {loaded.warnings.map((w) => (
            <p key={w} className="field-hint">
              {w}
            </p>
          ))}
        </>
      )}
    </Dialog>
  );
}
