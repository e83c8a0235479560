import {
  MAX_SEGMENT_CHARS,
  MIN_SEGMENT_CHARS,
  parseMaxSegmentChars,
  TRANSCRIPT_TYPES,
  useImporter,
} from '../../stores/importer';
import { FilePicker } from './FilePicker';

const sameFile = (a: File, b: File) =>
  a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;

export function ImportForm() {
  const files = useImporter((s) => s.files);
  const meta = useImporter((s) => s.meta);
  const max = useImporter((s) => s.maxSegmentChars);
  const error = useImporter((s) => s.error);
  const { setFiles, setMeta, setMaxSegmentChars } = useImporter.getState();
  const maxValid = parseMaxSegmentChars(max) !== null;

  return (
    <form
      id="import-form"
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void useImporter.getState().run();
      }}
    >
      <FilePicker
        label="Transcripts"
        hint="Choose or drop .txt, .md, .docx, .vtt, .srt files, or a CSV of turns (document, speaker, text)"
        accept={TRANSCRIPT_TYPES}
        multiple
        files={files}
        onAdd={(added) =>
          setFiles(added.reduce((list, f) => (list.some((x) => sameFile(x, f)) ? list : [...list, f]), files))
        }
        onRemove={(f) => setFiles(files.filter((x) => x !== f))}
        testId="import-files"
      />
      <FilePicker
        label="Metadata (optional)"
        hint="A CSV with a “file” column and one column per attribute: school, group, role, district…"
        accept=".csv"
        multiple={false}
        files={meta ? [meta] : []}
        onAdd={(added) => setMeta(added[0] ?? null)}
        onRemove={() => setMeta(null)}
        testId="import-meta"
      />
      <label className="field field-inline">
        <span className="field-label">Maximum segment length</span>
        <span className="input-with-unit">
          <input
            type="number"
            className={maxValid ? 'input input-number' : 'input input-number input-invalid'}
            min={MIN_SEGMENT_CHARS}
            max={MAX_SEGMENT_CHARS}
            step={100}
            value={max}
            onChange={(e) => setMaxSegmentChars(e.target.value)}
            aria-invalid={!maxValid}
            aria-describedby="max-segment-hint"
            data-testid="import-max-chars"
          />
          <span className="unit">characters</span>
        </span>
      </label>
      <p id="max-segment-hint" className={maxValid ? 'field-hint' : 'field-hint form-error'}>
        Each speaker turn is one segment; longer turns are split at sentence boundaries. Between{' '}
        {MIN_SEGMENT_CHARS} and {MAX_SEGMENT_CHARS.toLocaleString()}.
      </p>
      {error && (
        <p className="form-error" role="alert" data-testid="import-error">
          {error}
        </p>
      )}
    </form>
  );
}

export function ImportFormFooter() {
  const count = useImporter((s) => s.files.length);
  const maxValid = useImporter((s) => parseMaxSegmentChars(s.maxSegmentChars) !== null);
  const close = useImporter((s) => s.closeDialog);
  return (
    <>
      <button type="button" className="btn" onClick={close}>
        Cancel
      </button>
      <button
        type="submit"
        form="import-form"
        className="btn btn-primary"
        disabled={count === 0 || !maxValid}
        data-testid="import-start"
      >
        {count === 0 ? 'Import' : `Import ${count} file${count === 1 ? '' : 's'}`}
      </button>
    </>
  );
}
