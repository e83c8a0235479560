import { useEffect, useState } from 'react';
import type { RecommendedSize, SamplePurpose } from '../../../../shared/contract/calibration';
import { Dialog } from '../../components/Dialog';
import { call } from '../../rpc/client';
import { useCalibration } from '../../stores/calibration';
import { useProject } from '../../stores/project';

// Draws a calibration (or held-out) sample: simple random or stratified by document
// attributes, seeded so it can be drawn again, with the recommended size beside the field.

export function SampleDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const attributes = Object.keys(useProject((s) => s.summary?.attributes) ?? {});
  const segments = useProject((s) => s.summary?.segments ?? 0);
  const create = useCalibration((s) => s.createSample);
  const [name, setName] = useState('Calibration 2');
  const [purpose, setPurpose] = useState<SamplePurpose>('calibration');
  const [size, setSize] = useState(80);
  const [seed, setSeed] = useState('');
  const [strata, setStrata] = useState<string[]>([]);
  const [allocation, setAllocation] = useState<'proportional' | 'equal'>('proportional');
  const [skipInterviewer, setSkipInterviewer] = useState(true);
  const [busy, setBusy] = useState(false);
  const [rec, setRec] = useState<RecommendedSize | null>(null);

  useEffect(() => {
    if (!open) return;
    call('calibration.recommendSize', { available: segments })
      .then(setRec)
      .catch(() => setRec(null));
  }, [open, segments]);

  const submit = async () => {
    setBusy(true);
    const ok = await create({
      name: name.trim(),
      purpose,
      size,
      ...(seed.trim() ? { seed: Number(seed) } : {}),
      strata,
      allocation,
      excludeSpeakers: skipInterviewer ? ['Interviewer'] : [],
    });
    setBusy(false);
    if (ok) onClose();
  };

  const valid = name.trim().length > 0 && size >= 1 && (!seed.trim() || /^\d+$/.test(seed.trim()));

  return (
    <Dialog
      open={open}
      title="New sample"
      onClose={onClose}
      testId="sample-dialog"
      canClose={!busy}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void submit()}
            disabled={!valid || busy}
            data-testid="sample-create"
          >
            {busy ? 'Drawing…' : 'Draw sample'}
          </button>
        </>
      }
    >
      <div className="stack">
        <label className="field">
          <span className="field-label">Name</span>
          <input
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="sample-name"
          />
        </label>
        <div className="cal-form-row">
          <label className="field">
            <span className="field-label">Purpose</span>
            <select
              className="select"
              value={purpose}
              onChange={(e) => setPurpose(e.target.value as SamplePurpose)}
            >
              <option value="calibration">Calibration</option>
              <option value="holdout">Held-out validation</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">Segments</span>
            <input
              className="input"
              type="number"
              min={1}
              value={size}
              onChange={(e) => setSize(Math.max(1, Number(e.target.value)))}
              data-testid="sample-size"
            />
          </label>
          <label className="field">
            <span className="field-label">Seed</span>
            <input
              className="input"
              inputMode="numeric"
              placeholder="random"
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
            />
          </label>
        </div>
        {rec && (
          <p className="cal-note small" data-testid="recommended-size">
            <strong>Recommended: {rec.size} segments.</strong> {rec.note}{' '}
            <button type="button" className="link-button" onClick={() => setSize(rec.size)}>
              Use {rec.size}
            </button>
          </p>
        )}
        <fieldset className="field cal-fieldset">
          <legend className="field-label">Stratify by (none = simple random sample)</legend>
          <div className="chips">
            {attributes.map((a) => (
              <button
                key={a}
                type="button"
                className={`chip${strata.includes(a) ? ' chip-active' : ''}`}
                aria-pressed={strata.includes(a)}
                onClick={() => setStrata((s) => (s.includes(a) ? s.filter((x) => x !== a) : [...s, a]))}
              >
                {a}
              </button>
            ))}
          </div>
          {strata.length > 0 && (
            <label className="check-inline">
              <input
                type="checkbox"
                checked={allocation === 'equal'}
                onChange={(e) => setAllocation(e.target.checked ? 'equal' : 'proportional')}
              />
              Equal allocation across strata (otherwise proportional)
            </label>
          )}
        </fieldset>
        <label className="check-inline">
          <input
            type="checkbox"
            checked={skipInterviewer}
            onChange={(e) => setSkipInterviewer(e.target.checked)}
          />
          Leave out the interviewer’s turns
        </label>
      </div>
    </Dialog>
  );
}
