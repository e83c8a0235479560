import type Database from 'better-sqlite3';
import type { AgreementRun } from '../../../shared/contract/calibration';
import { listRuns } from './history';

// Sentences about agreement for the project's methods paragraph (exports/methodsFacts
// has an `agreement` seam for them): the newest recorded calibration report and the
// newest held-out validation, each in one sentence per AI coder. Nothing recorded,
// nothing said.

const METRIC_WORDS: Record<string, string> = {
  cohen_kappa: "Cohen's κ",
  krippendorff_alpha: "Krippendorff's α",
  gwet_ac1: "Gwet's AC1",
};
const f2 = (x: number | null) => (x === null ? 'undefined' : x.toFixed(2));

function where(run: AgreementRun): string {
  const sample = run.sample
    ? ` of the ${run.kind === 'validation' ? 'held-out' : 'calibration'} sample "${run.sample}"`
    : ' all coders had coded';
  const segments = typeof run.scope.segments === 'number' ? run.scope.segments : null;
  return `${segments === null ? 'the segments' : `the ${segments} segments`}${sample}`;
}

export function runSentences(run: AgreementRun): string[] {
  const s = run.summary;
  const metric = METRIC_WORDS[s.metric] ?? s.metric;
  const human = s.human_human === null ? '' : ` (human–human ${f2(s.human_human)})`;
  if (!s.ai.length)
    return [
      `On ${where(run)}, the human coders reached a pooled ${metric} of ${f2(s.overall[s.metric] ?? s.overall.fleiss_kappa ?? null)}; ${s.ready} of ${s.codes.length} codes met the readiness threshold.`,
    ];
  return s.ai.map(
    (a) =>
      `On ${where(run)}, the AI coder "${a.coder}" reached a pooled ${metric} of ${f2(a.vs_humans)} with the human coders${human}` +
      `${a.f1 === null ? '' : ` and F1 ${f2(a.f1)} against the human reference`}; ${a.ready} of ${s.codes.length} codes met the readiness criterion.`,
  );
}

export function agreementMethodsSentences(db: Database.Database): string[] {
  const newest = (kind: 'calibration' | 'validation') => listRuns(db, { kind, limit: 1 })[0] ?? null;
  return [newest('calibration'), newest('validation')].flatMap((run) => (run ? runSentences(run) : []));
}
