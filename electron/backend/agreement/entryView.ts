import type { AgreementEntry, AgreementReport } from '../../../shared/agreement/report';
import { agreementReportJson } from '../../../shared/agreement/report';
import type { AgreementEntryView } from '../../../shared/contract/calibration';
import type { CubeCode } from './ratingCube';

// The shared report in the contract's JSON form (`stats agreement`'s keys and order),
// with the code's name as `code` and its stable key as `code_id` (as `compare` does),
// and the reason behind every null statistic for the UI's tooltips.

function reasonsOf(e: AgreementEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of e.metricNames) {
    const m = e.metrics[name];
    if (m && m.value === null) out[name] = m.reason;
  }
  return out;
}

function view(
  json: ReturnType<typeof agreementReportJson>['overall'],
  e: AgreementEntry,
  code: CubeCode | null,
  withCodeInfo: boolean,
): AgreementEntryView {
  const { code: _key, prevalence, ci95, n_units, n_coders, ...metrics } = json;
  const head = code
    ? {
        code: code.name,
        code_id: code.key,
        ...(withCodeInfo ? { parent_id: code.parentKey, color: code.color } : {}),
      }
    : {};
  return {
    ...head,
    n_units,
    n_coders,
    ...metrics,
    prevalence,
    ci95,
    reasons: reasonsOf(e),
  } as AgreementEntryView;
}

/** Per code (cube order: the report was built from the cube's code list) and pooled. */
export function reportEntries(
  report: AgreementReport,
  codes: readonly CubeCode[],
  withCodeInfo = false,
): { codes: AgreementEntryView[]; overall: AgreementEntryView } {
  const json = agreementReportJson(report);
  return {
    codes: json.codes.map((j, i) => view(j, report.codes[i]!, codes[i]!, withCodeInfo)),
    overall: view(json.overall, report.overall, null, withCodeInfo),
  };
}
