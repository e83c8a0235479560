import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { agreementMethods } from '../../../shared/contract/calibration';
import { requireSample } from '../calibration/sampleLookup';
import type { HandlerMap } from '../rpc/handlers';
import { compareArms } from './compareReports';
import { agreementDisagreements } from './disagreements';
import { agreementFile } from './exportReport';
import { listRuns } from './history';
import { projectAgreementReport, withRecordedRun } from './projectReport';
import { readThresholds, writeThresholds } from './thresholds';

// The agreement report over the open project and what hangs off it: drill-down,
// side-by-side comparison, history, thresholds and exports. Read-only except recording
// a report in the history and changing the thresholds.

export const agreementHandlers: HandlerMap<keyof typeof agreementMethods> = {
  'agreement.report': ({ coders, sample, bootstrap, seed, record }, { session }) => {
    const p = session.requireProject();
    const { report, data } = projectAgreementReport(p.db, { coders, sample, bootstrap, seed });
    return record
      ? p.transaction(() => withRecordedRun(p.db, report, data, 'calibration', session.user))
      : report;
  },

  'agreement.disagreements': (params, { session }) =>
    agreementDisagreements(session.requireProject().db, params),

  'agreement.compare': ({ a, b }, { session }) => compareArms(session.requireProject().db, a, b),

  'agreement.history': ({ sample, kind, limit }, { session }) => {
    const db = session.requireProject().db;
    return listRuns(db, {
      sampleId: sample === undefined ? undefined : requireSample(db, sample).id,
      kind,
      limit,
    });
  },

  'agreement.thresholds.get': (_p, { session }) => readThresholds(session.requireProject().db),

  'agreement.thresholds.set': (change, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => writeThresholds(p.db, change, session.user));
  },

  'agreement.export': async ({ format, path, coders, sample, bootstrap, seed }, { session }) => {
    const p = session.requireProject();
    const { report } = projectAgreementReport(p.db, { coders, sample, bootstrap, seed });
    const file = await agreementFile(p.db, report, format, p.name);
    const full = path ? resolve(path) : null;
    if (full) writeFileSync(full, file.bytes);
    return {
      fileName: file.fileName,
      mimeType: file.mimeType,
      bytes: file.bytes.length,
      path: full,
      contentBase64: full ? null : file.bytes.toString('base64'),
      warnings: report.warnings,
    };
  },
};
