// The agreement report of DESIGN §4 (`concord stats agreement --json`, and the project's
// `concord agreement`): per code and for all code decisions pooled, the sample sizes,
// every statistic with the reason when it is undefined, and seeded bootstrap intervals.

import { type MetricName, agreementMetrics, metricNamesFor } from './agreementMetrics';
import { DEFAULT_RESAMPLES, type Interval, bootstrapIntervals } from './bootstrap';
import type { Estimate } from './estimate';
import { share } from './prevalence';
import { mulberry32, streamSeed } from './prng';
import type { GroupedRatings } from './ratings';
import { type UnitTally, tallyUnits } from './unitTally';

export const DEFAULT_SEED = 1;

export interface AgreementOptions {
  /** bootstrap resamples for the 95% intervals; 0 = no intervals (default 1,000) */
  bootstrap?: number;
  /** seed of the bootstrap; the same seed and input give the same intervals (default 1) */
  seed?: number;
}

export interface AgreementEntry {
  /** null for the pooled entry */
  readonly code: string | null;
  readonly nUnits: number;
  readonly nCoders: number;
  /** the metrics this entry reports (fleiss_kappa only with more than two coders), in output order */
  readonly metricNames: readonly MetricName[];
  readonly metrics: Partial<Record<MetricName, Estimate>>;
  readonly prevalence: readonly { readonly coder: string; readonly estimate: Estimate }[];
  /** null when the report was built without bootstrap */
  readonly ci95: Partial<Record<MetricName, Interval | null>> | null;
}

export interface AgreementReport {
  readonly codes: readonly AgreementEntry[];
  readonly overall: AgreementEntry;
  readonly bootstrap: { readonly resamples: number; readonly seed: number } | null;
}

// The pooled entry's bootstrap stream (a name no real code has). Its resamples draw
// (unit, code) pairs, the pooled entry's units, independently: the interval treats code
// decisions as exchangeable and ignores that decisions on one unit may be correlated.
const OVERALL_STREAM = '\u0000overall';

function entry(tally: UnitTally, resamples: number, seed: number): AgreementEntry {
  const nCoders = tally.coders.length;
  const metricNames = metricNamesFor(nCoders);
  const compute = (table: typeof tally.table) => agreementMetrics(table, nCoders);
  const metrics = compute(tally.table);
  const ci95 =
    resamples > 0
      ? bootstrapIntervals(
          tally.table,
          compute,
          metrics,
          resamples,
          mulberry32(streamSeed(seed, tally.code ?? OVERALL_STREAM)),
        )
      : null;
  return {
    code: tally.code,
    nUnits: tally.pairableUnits,
    nCoders,
    metricNames,
    metrics,
    prevalence: tally.prevalence.map((p) => ({ coder: p.coder, estimate: share(p.ones, p.ratings) })),
    ci95,
  };
}

export function buildAgreementReport(
  grouped: GroupedRatings,
  options: AgreementOptions = {},
): AgreementReport {
  const resamples = options.bootstrap ?? DEFAULT_RESAMPLES;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(resamples) || resamples < 0)
    throw new RangeError(`bootstrap must be a non-negative integer, got ${resamples}`);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  const { codes, overall } = tallyUnits(grouped);
  return {
    codes: codes.map((t) => entry(t, resamples, seed)),
    overall: entry(overall, resamples, seed),
    bootstrap: resamples > 0 ? { resamples, seed } : null,
  };
}

// --- JSON form (DESIGN §4) -------------------------------------------------------------

export type AgreementEntryJson = {
  code?: string;
  n_units: number;
  n_coders: number;
} & { [K in MetricName]?: number | null } & {
  prevalence: Record<string, number | null>;
  ci95: { [K in MetricName]?: [number, number] | null } | null;
};

export interface AgreementReportJson {
  codes: AgreementEntryJson[];
  overall: AgreementEntryJson;
}

function entryJson(e: AgreementEntry): AgreementEntryJson {
  // Keys in the contract's order: code, sizes, the metrics, then prevalence and ci95.
  const metrics: { [K in MetricName]?: number | null } = {};
  for (const name of e.metricNames) metrics[name] = e.metrics[name]?.value ?? null;
  const ci95 = e.ci95;
  return {
    ...(e.code === null ? {} : { code: e.code }),
    n_units: e.nUnits,
    n_coders: e.nCoders,
    ...metrics,
    // Object.fromEntries defines own properties, so a coder named "__proto__" stays data.
    prevalence: Object.fromEntries(e.prevalence.map((p) => [p.coder, p.estimate.value])),
    ci95:
      ci95 === null
        ? null
        : Object.fromEntries(e.metricNames.map((name) => [name, ci95[name] ? [...ci95[name]] : null])),
  };
}

export function agreementReportJson(report: AgreementReport): AgreementReportJson {
  return { codes: report.codes.map(entryJson), overall: entryJson(report.overall) };
}
