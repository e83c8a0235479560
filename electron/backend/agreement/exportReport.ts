import type Database from 'better-sqlite3';
import type { AgreementReportView } from '../../../shared/contract/calibration';
import { findSample } from '../calibration/sampleLookup';
import { toCsv } from '../exports/csvFormat';
import { agreementTable } from './agreementTable';
import { agreementWorkbook } from './agreementWorkbook';
import { type SampleFacts, agreementMethodsText } from './methodsText';

export type AgreementExportFormat = 'csv' | 'xlsx' | 'methods';

export interface AgreementFile {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/** How the report's sample was drawn, from its stored spec, for the methods text. */
export function sampleFacts(db: Database.Database, report: AgreementReportView): SampleFacts | null {
  if (!report.scope.sample) return null;
  const s = findSample(db, report.scope.sample);
  if (!s) return null;
  let spec: Record<string, unknown> = {};
  try {
    spec = JSON.parse(s.spec) as Record<string, unknown>;
  } catch {
    // a spec written by hand or another tool: the text names the sample without saying how it was drawn
  }
  const strings = (v: unknown) =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return {
    name: s.name,
    purpose: s.purpose,
    seed: s.seed,
    strata: strings(spec.strata),
    allocation: typeof spec.allocation === 'string' && strings(spec.strata).length ? spec.allocation : null,
    excludedSpeakers: strings(spec.excludeSpeakers),
  };
}

export async function agreementFile(
  db: Database.Database,
  report: AgreementReportView,
  format: AgreementExportFormat,
  base: string,
): Promise<AgreementFile> {
  const methods = agreementMethodsText(report, sampleFacts(db, report));
  switch (format) {
    case 'csv':
      return {
        fileName: `${base}-agreement.csv`,
        mimeType: 'text/csv; charset=utf-8',
        bytes: Buffer.from(toCsv(agreementTable(report))),
      };
    case 'methods':
      return {
        fileName: `${base}-agreement-methods.md`,
        mimeType: 'text/markdown; charset=utf-8',
        bytes: Buffer.from(`${methods}\n`),
      };
    case 'xlsx':
      return {
        fileName: `${base}-agreement.xlsx`,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: await agreementWorkbook(report, methods),
      };
  }
}
