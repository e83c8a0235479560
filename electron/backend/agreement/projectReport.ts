import type Database from 'better-sqlite3';
import type { AgreementReportView, CoderRef, Thresholds } from '../../../shared/contract/calibration';
import { assembleReport } from './assembleReport';
import { type CodeChange, codebookChanges } from './codebookChanges';
import { type RatingCube, readRatingCube } from './ratingCube';
import { type Scope, resolveScope } from './scope';
import { type SelectedCoder, selectCoders } from './selectCoders';
import { readThresholds } from './thresholds';
import { type RunKind, recordRun } from './history';

// The agreement report of an open project: which coders, on which segments, read from
// the database once; the statistics come from the pure assembly.

export interface ReportData {
  coders: SelectedCoder[];
  scope: Scope;
  cube: RatingCube;
  changes: CodeChange[];
  warnings: string[];
}

function warningsOf(cube: RatingCube, scope: Scope, changes: CodeChange[]): string[] {
  const out: string[] = [];
  if (cube.versionIds.length > 1) {
    const versions = [...new Set(cube.versionsByCoder.flat())].sort((a, b) => a - b);
    out.push(
      `the coders worked under codebook versions ${versions.join(', ')}; codes are matched by their stable id` +
        (changes.length
          ? `, and ${changes.length} code${changes.length === 1 ? '' : 's'} changed wording between them (${changes
              .map((c) => c.code)
              .slice(0, 5)
              .join(', ')}${changes.length > 5 ? ', …' : ''})`
          : ''),
    );
  }
  cube.coders.forEach((c, i) => {
    const unfinished = cube.labelledUnfinished[i]!;
    if (unfinished)
      out.push(
        `"${c.name}" has labels on ${unfinished} segment${unfinished === 1 ? '' : 's'} not marked finished: only the codes applied there count, the others are missing`,
      );
    if (scope.kind === 'sample' && cube.segmentsCoded[i]! < cube.unitIds.length)
      out.push(
        `"${c.name}" has finished ${cube.segmentsCoded[i]} of the ${cube.unitIds.length} segments of sample "${scope.sample!.name}"; the others are missing data`,
      );
  });
  if (!cube.codes.length) out.push('the coders used a codebook without codes');
  return out;
}

export function loadReportData(
  db: Database.Database,
  refs: readonly CoderRef[],
  sample?: string,
): ReportData {
  const coders = selectCoders(db, refs);
  const scope = resolveScope(db, coders, sample);
  const cube = readRatingCube(db, coders, scope);
  const changes = codebookChanges(db, cube.versionIds);
  return { coders, scope, cube, changes, warnings: warningsOf(cube, scope, changes) };
}

export function approvedCoderIds(db: Database.Database): Set<number> {
  return new Set(
    db
      .prepare(
        'SELECT a.coder_id FROM coder_approvals a JOIN coders c ON c.id = a.coder_id WHERE a.revoked_at IS NULL AND a.config_hash = c.config_hash',
      )
      .pluck()
      .all() as number[],
  );
}

export interface ReportRequest {
  coders: readonly CoderRef[];
  sample?: string;
  bootstrap: number;
  seed: number;
  thresholds?: Thresholds;
}

export function projectAgreementReport(
  db: Database.Database,
  req: ReportRequest,
): { report: AgreementReportView; data: ReportData } {
  const data = loadReportData(db, req.coders, req.sample);
  const report = assembleReport({
    cube: data.cube,
    scope: data.scope,
    thresholds: req.thresholds ?? readThresholds(db),
    bootstrap: req.bootstrap,
    seed: req.seed,
    approvedCoderIds: approvedCoderIds(db),
    changes: data.changes,
    warnings: data.warnings,
  });
  return { report, data };
}

/** Records the report in the agreement history (the caller holds the transaction) and returns it with its run id. */
export function withRecordedRun(
  db: Database.Database,
  report: AgreementReportView,
  data: ReportData,
  kind: RunKind,
  actor: string,
  approvalId: number | null = null,
): AgreementReportView {
  const id = recordRun(db, report, kind, actor, data.scope.sample?.id ?? null, approvalId);
  return { ...report, run_id: id };
}
