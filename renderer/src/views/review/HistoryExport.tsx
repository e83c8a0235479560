import { useState } from 'react';
import { call } from '../../rpc/client';
import { reportError, reportInfo } from '../../stores/notices';
import { saveBlob } from '../compare/download';

// The whole label history (AI labels, human coding, review decisions) as a file for R,
// Python or a spreadsheet. Asked for without a path, so the backend returns the text and
// the same download works in the desktop app and in browser mode.

const FORMATS = [
  { format: 'csv', label: 'CSV', type: 'text/csv;charset=utf-8' },
  { format: 'jsonl', label: 'JSONL', type: 'application/x-ndjson;charset=utf-8' },
] as const;

type Format = (typeof FORMATS)[number];

export function HistoryExport({ codeKey }: { codeKey?: string }) {
  const [busy, setBusy] = useState(false);

  const run = async ({ format, type }: Format) => {
    setBusy(true);
    try {
      const res = await call('review.exportHistory', { format, ...(codeKey ? { codeKey } : {}) });
      const fileName = `concord-label-history${codeKey ? `-${codeKey}` : ''}.${format}`;
      saveBlob(new Blob([res.text ?? ''], { type }), fileName);
      reportInfo(`Exported ${res.rows.toLocaleString()} history rows to ${fileName}.`);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="button-row rev-history-export">
      <span className="muted small">Export history:</span>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => void run(f)}
          data-testid={`history-export-${f.format}`}
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}
