import { useState } from 'react';
import type { Params } from '../../../../shared/contract';
import type { Comparison } from '../../../../shared/contract/calibration';
import type { CoderView } from '../../../../shared/contract/coding';
import { Dialog } from '../../components/Dialog';
import { call, errorMessage } from '../../rpc/client';
import { useCalibration } from '../../stores/calibration';
import { CompareArmFields, type ArmDraft } from './CompareArmFields';
import { ComparisonResult } from './ComparisonResult';

// Two agreement reports side by side (DESIGN §1.5 "compare prompt/codebook versions"):
// e.g. the same human coders with AI configuration A and with configuration B, or the
// humans under two codebook versions, on the same sample.

type Arm = Params<'agreement.compare'>['a'];

/**
 * A starts as the report's setup; B swaps its AI coders for the first AI coder not in A,
 * the usual question being "is the other configuration better with the same humans?".
 */
function initialArms(coders: CoderView[], picked: string[], sample: string | null): [ArmDraft, ArmDraft] {
  const a: ArmDraft = { label: '', coders: picked, sample: sample ?? '' };
  const isAi = new Set(coders.filter((c) => c.kind === 'ai').map((c) => c.name));
  const other = coders.find((c) => c.kind === 'ai' && !picked.includes(c.name));
  const b: ArmDraft = other ? { ...a, coders: [...picked.filter((n) => !isAi.has(n)), other.name] } : a;
  return [a, b];
}

const toArm = (d: ArmDraft): Arm => ({
  coders: d.coders,
  ...(d.sample ? { sample: d.sample } : {}),
  ...(d.label.trim() ? { label: d.label.trim() } : {}),
});

export function CompareSetupsDialog({ onClose }: { onClose(): void }) {
  const coders = useCalibration((s) => s.coders);
  const samples = useCalibration((s) => s.samples);
  // read once: the dialog is mounted when opened, so it starts from the current setup
  const [initial] = useState(() => {
    const s = useCalibration.getState();
    return initialArms(s.coders, s.picked, s.sample);
  });
  const [a, setA] = useState<ArmDraft>(initial[0]);
  const [b, setB] = useState<ArmDraft>(initial[1]);
  const [result, setResult] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    setError(null);
    try {
      setResult(await call('agreement.compare', { a: toArm(a), b: toArm(b) }));
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  const valid = a.coders.length >= 2 && b.coders.length >= 2;

  return (
    <Dialog
      open
      wide
      title="Compare two setups"
      onClose={onClose}
      testId="compare-dialog"
      footer={
        <>
          {!valid && (
            <span className="muted small cal-compare-hint">Each setup needs at least two coders.</span>
          )}
          <button
            type="button"
            className="btn btn-primary"
            disabled={running || !valid}
            onClick={() => void run()}
            data-testid="compare-run"
          >
            {running ? 'Comparing…' : 'Compare'}
          </button>
        </>
      }
    >
      <div className="stack">
        <p className="muted small">
          Agreement per code for two sets of coders: keep the reference coders in both and change the AI
          coder, or compare coders who used different codebook versions. Use the same segments on both sides
          so the difference is the setup’s alone.
        </p>
        <div className="cal-compare-form">
          <CompareArmFields arm="a" value={a} coders={coders} samples={samples} onChange={setA} />
          <CompareArmFields arm="b" value={b} coders={coders} samples={samples} onChange={setB} />
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="compare-error">
            {error}
          </p>
        )}
        {result && <ComparisonResult result={result} />}
      </div>
    </Dialog>
  );
}
