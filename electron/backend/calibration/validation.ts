import type Database from 'better-sqlite3';
import type {
  CodeFlag,
  CoderRef,
  RunSummary,
  Thresholds,
  Validation,
} from '../../../shared/contract/calibration';
import { getRun } from '../agreement/history';
import { projectAgreementReport, withRecordedRun } from '../agreement/projectReport';
import { requireCoder } from '../agreement/selectCoders';
import { UserError } from '../errors';
import { activeApproval } from './approvals';
import { requireSample } from './sampleLookup';

// Validating an approved AI coder on held-out segments (DESIGN §1.5 "then check it on
// a held-out sample"): the same report as calibration, on a sample that by construction
// shares no segment with any calibration sample, recorded in the history next to the
// approval, with each code's calibration figure beside its held-out figure.

export interface ValidationRequest {
  coder: CoderRef;
  sample: string;
  reference: readonly CoderRef[];
  bootstrap: number;
  seed: number;
}

/** The figure a flag was judged on (the thresholds' choice of comparison). */
const judgedValue = (a: { vs_humans: number | null; vs_reference: number | null }, t: Thresholds) =>
  t.against === 'reference' ? (a.vs_reference ?? a.vs_humans) : (a.vs_humans ?? a.vs_reference);

function calibrationValues(
  summary: RunSummary | null,
  coder: string,
  t: Thresholds,
): Map<string, number | null> {
  const out = new Map<string, number | null>();
  for (const c of summary?.codes ?? []) {
    const a = c.ai.find((x) => x.coder === coder);
    out.set(c.code_id, a ? judgedValue(a, t) : null);
  }
  return out;
}

/** The caller holds the transaction (the run is recorded). */
export function validateOnHoldout(db: Database.Database, req: ValidationRequest, actor: string): Validation {
  const coder = requireCoder(db, req.coder);
  if (coder.kind !== 'ai') throw new UserError(`"${coder.name}" is not an AI coder`);
  const approval = activeApproval(db, coder.id);
  if (!approval || !approval.active)
    throw new UserError(
      `"${coder.name}" has no active approval; approve its configuration after calibration, then validate it`,
      'not_approved',
    );
  const sample = requireSample(db, req.sample);
  if (sample.purpose !== 'holdout')
    throw new UserError(
      `sample "${sample.name}" is a ${sample.purpose} sample; validation needs a held-out sample (purpose holdout), which never overlaps calibration`,
    );
  const refs = req.reference.map((r) => requireCoder(db, r));
  if (refs.some((r) => r.id === coder.id)) throw new UserError(`"${coder.name}" cannot be its own reference`);
  const { report, data } = projectAgreementReport(db, {
    coders: [...refs.map((r) => r.id), coder.id],
    sample: sample.name,
    bootstrap: req.bootstrap,
    seed: req.seed,
  });
  const ai = data.cube.coders.length - 1;
  if (data.cube.segmentsCoded[ai] === 0)
    throw new UserError(
      `"${coder.name}" has not coded held-out sample "${sample.name}" yet; run it on the sample first`,
      'no_overlap',
    );
  const recorded = withRecordedRun(db, report, data, 'validation', actor, approval.id);
  const run = approval.calibrationRunId === null ? null : getRun(db, approval.calibrationRunId);
  const t = report.flags.thresholds;
  const before = calibrationValues(run?.summary ?? null, coder.name, t);
  const flagOf = (f: CodeFlag) => f.ai.find((a) => a.coder === coder.name);
  return {
    approval,
    run_id: recorded.run_id,
    coverage: {
      segments: data.cube.unitIds.length,
      ai_coded: data.cube.segmentsCoded[ai]!,
      reference_coded: Math.min(...data.cube.segmentsCoded.slice(0, ai)),
    },
    codes: report.flags.codes.map((f) => {
      const mine = flagOf(f);
      return {
        code: f.code,
        code_id: f.code_id,
        calibration: before.get(f.code_id) ?? null,
        holdout: mine ? judgedValue(mine, t) : null,
        status: mine?.status ?? 'undefined',
      };
    }),
    report: recorded,
  };
}
