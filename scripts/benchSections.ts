// Further benchmark sections, one function per feature; each returns its figures.
import { compareBench } from './bench/compare';
export type BenchSection = (tmpDir: string) => Promise<Record<string, number | string | null>>;

export const benchSections: BenchSection[] = [];
benchSections.push(compareBench);
