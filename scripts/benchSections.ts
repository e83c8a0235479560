// Further benchmark sections, one function per feature; each returns its figures.
import { agreementBench } from './bench/agreement';
import { compareBench } from './bench/compare';
import { labelBench } from './bench/label';
import { reviewBench } from './bench/review';
export type BenchSection = (tmpDir: string) => Promise<Record<string, number | string | null>>;

export const benchSections: BenchSection[] = [];
benchSections.push(labelBench);
benchSections.push(compareBench);
benchSections.push(agreementBench);
benchSections.push(reviewBench);
