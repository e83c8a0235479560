import { formatCount, plural } from '../../format/count';
import { useDocuments } from '../../stores/documents';
import { useImporter } from '../../stores/importer';
import { useReader } from '../../stores/reader';
import { importRows, type ImportRowStatus } from './importRows';

const STATUS_LABEL: Record<ImportRowStatus, string> = {
  imported: 'Imported',
  skipped: 'Skipped',
  error: 'Error',
  warning: 'Warning',
};

function openDocument(id: number) {
  useImporter.getState().closeDialog();
  useDocuments.getState().select(id);
  void useReader.getState().open(id);
}

export function ImportResults() {
  const report = useImporter((s) => s.report);
  const files = useImporter((s) => s.files);
  if (!report) return null;

  const rows = importRows(
    report,
    files.map((f) => f.name),
  );
  const errors = report.errors.length;
  const segments = report.imported.reduce((n, r) => n + r.segments, 0);

  return (
    <div className="import-results" data-testid="import-results">
      <div className="result-summary" aria-live="polite">
        <div className="result-stat result-stat-ok">
          <strong data-testid="imported-count">{report.imported.length}</strong>
          <span>imported</span>
        </div>
        <div className="result-stat">
          <strong>{formatCount(segments)}</strong>
          <span>segments</span>
        </div>
        <div className="result-stat">
          <strong>{report.skipped.length}</strong>
          <span>skipped</span>
        </div>
        <div className={errors > 0 ? 'result-stat result-stat-error' : 'result-stat'}>
          <strong data-testid="error-count">{errors}</strong>
          <span>{errors === 1 ? 'error' : 'errors'}</span>
        </div>
        {report.warnings.length > 0 && (
          <div className="result-stat result-stat-warning">
            <strong>{report.warnings.length}</strong>
            <span>{report.warnings.length === 1 ? 'warning' : 'warnings'}</span>
          </div>
        )}
      </div>

      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="result-table" data-testid="import-result-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Result</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr
                  key={i}
                  className={`row-${r.status}`}
                  data-testid="import-result-row"
                  data-status={r.status}
                  data-file={r.file}
                >
                  <td className="cell-file" title={r.file}>
                    {r.file}
                  </td>
                  <td>
                    <span className={`status status-${r.status}`}>{STATUS_LABEL[r.status]}</span>
                  </td>
                  <td className="cell-detail">
                    {r.status === 'imported' && r.documentId !== undefined ? (
                      <span className="imported-detail">
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => openDocument(r.documentId!)}
                          title="Open in the reader"
                        >
                          {r.documentName}
                        </button>
                        <span className="muted" data-testid="imported-segments">
                          {plural(r.segments ?? 0, 'segment')}
                        </span>
                      </span>
                    ) : (
                      r.detail
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {report.meta && (
        <div
          className={report.meta.error ? 'meta-result meta-result-error' : 'meta-result'}
          data-testid="import-meta-result"
        >
          <h3 className="section-title">Metadata · {report.meta.file}</h3>
          {report.meta.error ? (
            <p role="alert">{report.meta.error}</p>
          ) : (
            <>
              <p>Attributes set on {plural(report.meta.updated, 'document')}.</p>
              {report.meta.unmatched.length > 0 && (
                <p className="muted">
                  No document for {report.meta.unmatched.length === 1 ? 'this row' : 'these rows'}:{' '}
                  {report.meta.unmatched.join(', ')}
                </p>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}

export function ImportResultsFooter() {
  const again = useImporter((s) => s.again);
  const close = useImporter((s) => s.closeDialog);
  return (
    <>
      <button type="button" className="btn" onClick={again} data-testid="import-again">
        Import more files
      </button>
      <button type="button" className="btn btn-primary" onClick={close} data-testid="import-done">
        Done
      </button>
    </>
  );
}
