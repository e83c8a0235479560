// Every statistic of one entry of the agreement report (one code, or all code decisions
// pooled), computed from its unit table. DESIGN §4: Cohen's κ for exactly two coders,
// Fleiss' κ (and cohen_kappa = null) for more.

import { krippendorffAlpha } from './alpha';
import { brennanPrediger } from './brennanPrediger';
import { type Estimate, undefinedBecause } from './estimate';
import { gwetAc1 } from './gwet';
import { cohenKappa, fleissKappa } from './kappa';
import { percentAgreement } from './percentAgreement';
import { negativeAgreement, positiveAgreement } from './specificAgreement';
import type { UnitTable } from './unitTable';

/** In the order of the JSON output. */
export const METRIC_NAMES = [
  'percent_agreement',
  'cohen_kappa',
  'fleiss_kappa',
  'krippendorff_alpha',
  'gwet_ac1',
  'brennan_prediger',
  'positive_agreement',
  'negative_agreement',
] as const;

export type MetricName = (typeof METRIC_NAMES)[number];

/** The metrics an entry reports: fleiss_kappa only with more than two coders. */
export function metricNamesFor(coders: number): MetricName[] {
  return METRIC_NAMES.filter((name) => name !== 'fleiss_kappa' || coders > 2);
}

export function agreementMetrics(table: UnitTable, coders: number): Partial<Record<MetricName, Estimate>> {
  const out: Partial<Record<MetricName, Estimate>> = {
    percent_agreement: percentAgreement(table),
    cohen_kappa:
      coders === 2
        ? cohenKappa(table)
        : undefinedBecause(
            coders > 2
              ? "more than two coders: Cohen's κ is for two, see fleiss_kappa"
              : 'fewer than two coders rated it',
          ),
  };
  if (coders > 2) out.fleiss_kappa = fleissKappa(table);
  out.krippendorff_alpha = krippendorffAlpha(table);
  out.gwet_ac1 = gwetAc1(table);
  out.brennan_prediger = brennanPrediger(table);
  out.positive_agreement = positiveAgreement(table);
  out.negative_agreement = negativeAgreement(table);
  return out;
}
