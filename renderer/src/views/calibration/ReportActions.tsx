import { useState } from 'react';
import type { Thresholds } from '../../../../shared/contract/calibration';
import { Dialog } from '../../components/Dialog';
import { call } from '../../rpc/client';
import { useCalibration } from '../../stores/calibration';
import { reportError, reportInfo } from '../../stores/notices';
import { base64ToBytes, saveBlob } from '../compare/download';

// Above the matrix: the thresholds a code must reach (editable), exports of the table
// (CSV / XLSX) and the methods text with a copy button.

const scope = () => {
  const s = useCalibration.getState();
  return { coders: s.picked, ...(s.sample ? { sample: s.sample } : {}), bootstrap: s.bootstrap };
};

export function ExportButtons() {
  const [methods, setMethods] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const download = async (format: 'csv' | 'xlsx') => {
    setBusy(true);
    try {
      const file = await call('agreement.export', { ...scope(), format });
      if (file.contentBase64) {
        saveBlob(new Blob([base64ToBytes(file.contentBase64)], { type: file.mimeType }), file.fileName);
      }
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  const showMethods = async () => {
    setBusy(true);
    try {
      const file = await call('agreement.export', { ...scope(), format: 'methods' });
      setMethods(new TextDecoder().decode(base64ToBytes(file.contentBase64 ?? '')));
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="button-row">
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void download('csv')}>
        CSV
      </button>
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void download('xlsx')}>
        XLSX
      </button>
      <button
        type="button"
        className="btn btn-small"
        disabled={busy}
        onClick={() => void showMethods()}
        data-testid="methods-open"
      >
        Methods text
      </button>
      <Dialog
        open={methods !== null}
        title="Methods text"
        onClose={() => setMethods(null)}
        testId="methods-dialog"
        wide
        footer={
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => {
              void navigator.clipboard
                .writeText(methods ?? '')
                .then(() => reportInfo('Methods text copied.'))
                .catch(reportError);
            }}
          >
            Copy
          </button>
        }
      >
        <pre className="cal-methods" data-testid="methods-text">
          {methods}
        </pre>
      </Dialog>
    </div>
  );
}

export function ThresholdsEditor({ thresholds }: { thresholds: Thresholds }) {
  const save = useCalibration((s) => s.saveThresholds);
  const [minimum, setMinimum] = useState(String(thresholds.minimum));
  const changed = Number(minimum) !== thresholds.minimum;
  return (
    <form
      className="cal-thresholds"
      onSubmit={(e) => {
        e.preventDefault();
        const value = Number(minimum);
        if (Number.isFinite(value) && value >= -1 && value <= 1) void save({ minimum: value });
      }}
      aria-label="Thresholds"
    >
      <span className="muted small">Ready when</span>
      <select
        className="select input-small"
        value={thresholds.metric}
        onChange={(e) => void save({ metric: e.target.value as Thresholds['metric'] })}
        aria-label="Metric"
      >
        <option value="cohen_kappa">κ</option>
        <option value="krippendorff_alpha">α</option>
        <option value="gwet_ac1">AC1</option>
      </select>
      <span className="muted small">≥</span>
      <input
        className="input input-small cal-threshold-input"
        type="number"
        step={0.05}
        min={-1}
        max={1}
        value={minimum}
        onChange={(e) => setMinimum(e.target.value)}
        aria-label="Minimum"
        data-testid="threshold-minimum"
      />
      <label className="check-inline small">
        <input
          type="checkbox"
          checked={thresholds.notBelowHuman}
          onChange={(e) => void save({ notBelowHuman: e.target.checked })}
        />
        and AI not below human–human
      </label>
      {changed && (
        <button type="submit" className="btn btn-small btn-primary">
          Apply
        </button>
      )}
    </form>
  );
}
