import type { AgreementReport } from '../../../shared/agreement/report';
import { buildAgreementReport } from '../../../shared/agreement/report';
import type {
  AgreementEntryView,
  AgreementReportView,
  CoderRole,
  Thresholds,
} from '../../../shared/contract/calibration';
import { aiVsReference, chooseReference } from './aiVsReference';
import type { CodeChange } from './codebookChanges';
import { groupedRatingsOf, unitsWithCode } from './cubeRatings';
import { reportEntries } from './entryView';
import { codeFlags, type PairValue } from './flags';
import type { RatingCube } from './ratingCube';
import type { Scope } from './scope';

// The agreement report of a project, from its ratings: all coders together (the shape
// of `stats agreement`), every pair of coders, each AI coder against the human
// reference, and the readiness flags. Pure: no database, the same input gives the same
// report (the bootstrap is seeded).

export interface AssembleInput {
  cube: RatingCube;
  scope: Scope;
  thresholds: Thresholds;
  bootstrap: number;
  seed: number;
  approvedCoderIds: ReadonlySet<number>;
  changes: readonly CodeChange[];
  warnings: readonly string[];
  now?: Date;
}

const ROLE_ORDER: Record<CoderRole, number> = { consensus: 0, human: 1, ai: 2 };

export const BOOTSTRAP_METHOD =
  'percentile bootstrap over segments (pooled: over segment × code decisions), intervals widened to contain the estimate';

function pairKind(a: CoderRole, b: CoderRole): string {
  const [x, y] = ROLE_ORDER[a] <= ROLE_ORDER[b] ? [a, b] : [b, a];
  return `${x}-${y}`;
}

type Entries = { codes: AgreementEntryView[]; overall: AgreementEntryView };

export function assembleReport(input: AssembleInput): AgreementReportView {
  const { cube, thresholds } = input;
  const n = cube.coders.length;
  const options = { bootstrap: input.bootstrap, seed: input.seed };
  const build = (coders: number[]): AgreementReport =>
    buildAgreementReport(groupedRatingsOf(cube, coders), options);
  const everyone = Array.from({ length: n }, (_, i) => i);
  const allReport = build(everyone);
  const all = reportEntries(allReport, cube.codes, true);

  // with two coders the pair is the whole report
  const pairs = new Map<string, Entries>();
  const pairKey = (a: number, b: number) => (a < b ? `${a}:${b}` : `${b}:${a}`);
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      pairs.set(
        pairKey(a, b),
        n === 2 ? reportEntries(allReport, cube.codes) : reportEntries(build([a, b]), cube.codes),
      );
  const pairOf = (a: number, b: number) => pairs.get(pairKey(a, b)) ?? null;

  const roles = cube.coders.map((c) => c.role);
  const names = cube.coders.map((c) => c.name);
  const pairMetric = (a: number, b: number, k: number): PairValue => {
    const e = pairOf(a, b)!.codes[k]!;
    const value = e[thresholds.metric] ?? null;
    return { value, reason: value === null ? (e.reasons[thresholds.metric] ?? 'undefined') : null };
  };
  const reference = chooseReference(roles);
  const flags = codeFlags({
    codes: cube.codes,
    names,
    roles,
    pairMetric,
    reference: reference && reference.kind !== 'human_agreement' ? reference.coder : null,
    thresholds,
    unitsWithCode: cube.codes.map((_c, k) => unitsWithCode(cube, k)),
    entries: all.codes,
    changes: input.changes,
  });

  const versions = new Map<number, string[]>();
  cube.versionsByCoder.forEach((list, c) =>
    list.forEach((v) => versions.set(v, [...(versions.get(v) ?? []), names[c]!])),
  );

  return {
    coders: cube.coders.map((c, i) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      role: c.role,
      config_hash: c.configHash,
      model: c.model,
      codebook_versions: cube.versionsByCoder[i]!,
      segments_coded: cube.segmentsCoded[i]!,
      approved: input.approvedCoderIds.has(c.id),
    })),
    scope: {
      kind: input.scope.kind,
      sample: input.scope.sample?.name ?? null,
      purpose: input.scope.sample?.purpose ?? null,
      segments: cube.unitIds.length,
    },
    codes: all.codes,
    overall: all.overall,
    pairs: [...pairs.entries()].map(([key, e]) => {
      const [a, b] = key.split(':').map(Number) as [number, number];
      return {
        a: names[a]!,
        b: names[b]!,
        kind: pairKind(roles[a]!, roles[b]!),
        codes: e.codes,
        overall: e.overall,
      };
    }),
    ai_vs_reference: aiVsReference(cube, roles, pairOf),
    flags: { thresholds, metric: thresholds.metric, ...flags },
    codebook: {
      versions: [...versions.entries()]
        .sort((x, y) => x[0] - y[0])
        .map(([version, coders]) => ({ version, coders })),
      changed_codes: [...input.changes],
    },
    warnings: [...input.warnings],
    bootstrap:
      input.bootstrap > 0 ? { resamples: input.bootstrap, seed: input.seed, method: BOOTSTRAP_METHOD } : null,
    generated_at: (input.now ?? new Date()).toISOString(),
    run_id: null,
  };
}
