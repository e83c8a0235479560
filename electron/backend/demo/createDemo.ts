import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodebookJsonSchema } from '../../../shared/contract/codebookJson';
import { createCodebookVersion } from '../codebook/store';
import { importSources } from '../documents/importer';
import type { Project } from '../project/project';
import { demoStudyDir, demoTranscriptFiles, findShippedPath } from './studyFiles';

export const SHIPPED_CODEBOOK = 'codebooks/family-engagement.json';

/**
 * Fills an empty project with the fictional demo study: twelve interviews at five
 * bright-spot and five partner schools in five paired districts, with metadata, and
 * the shipped family-engagement codebook. Everything in it was written for Concord;
 * no real school or person appears.
 */
export async function fillDemoProject(project: Project, actor: string): Promise<void> {
  const dir = demoStudyDir();
  const files = demoTranscriptFiles(dir);
  const report = await importSources(
    project,
    files.map((path) => ({ path })),
    { actor },
    { path: join(dir, 'meta.csv') },
  );
  const failures = report.errors.map((e) => `${e.file}: ${e.error}`);
  if (failures.length) throw new Error(`the demo study did not import cleanly: ${failures.join('; ')}`);
  const codebook = CodebookJsonSchema.parse(
    JSON.parse(readFileSync(findShippedPath(SHIPPED_CODEBOOK), 'utf8')),
  );
  project.transaction(() => {
    createCodebookVersion(project.db, codebook, actor, [
      { kind: 'created', note: 'shipped family-engagement codebook' },
    ]);
    project.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES ('demo', 'true') ON CONFLICT(key) DO UPDATE SET value = 'true'",
      )
      .run();
  });
}
