// Further benchmark sections, one function per feature; each returns its figures.
// `npm run bench` runs each in a fresh Node process (scripts/benchSection.ts), so one
// section's heap and caches do not tax the next one's numbers.
import { agreementBench } from './bench/agreement';
import { compareBench } from './bench/compare';
import { labelBench } from './bench/label';
import { reviewBench } from './bench/review';
export type BenchSection = (tmpDir: string) => Promise<Record<string, number | string | null>>;

export const benchSections: Record<string, BenchSection> = {
  label: labelBench,
  compare: compareBench,
  agreement: agreementBench,
  review: reviewBench,
};
