// Further benchmark sections, one function per feature; each returns its figures.
export type BenchSection = (tmpDir: string) => Promise<Record<string, number | string | null>>;

export const benchSections: BenchSection[] = [];
