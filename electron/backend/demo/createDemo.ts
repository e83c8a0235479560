import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodebookJsonSchema } from '../../../shared/contract/codebookJson';
import { createCodebookVersion } from '../codebook/store';
import { importLabelsCsv } from '../coding/importLabelsCsv';
import { importSources } from '../documents/importer';
import type { Project } from '../project/project';
import { demoStudyDir, demoTranscriptFiles, findShippedPath } from './studyFiles';

export const SHIPPED_CODEBOOK = 'codebooks/family-engagement.json';
export const DEMO_CALIBRATION_SAMPLE = 'Demo calibration';

/**
 * Fills an empty project with the fictional demo study: twelve interviews at five
 * bright-spot and five partner schools in five paired districts, with metadata, the
 * shipped family-engagement codebook, human coding by two fictional demo coders
 * (every label marked as demo data) and the double-coded calibration sample.
 * Everything in it was written for Concord; no real school or person appears, and
 * it holds no AI labels: those come only from running an AI coder.
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
    for (const file of csvFiles(join(dir, 'labels')))
      importLabelsCsv(project.db, readFileSync(file), file, actor);
    const calibration = csvFiles(join(dir, 'calibration'));
    for (const file of calibration) importLabelsCsv(project.db, readFileSync(file), file, actor);
    if (calibration.length) createDemoCalibrationSample(project, actor);
    project.db.prepare('UPDATE labels SET demo = 1').run();
    project.db
      .prepare(
        "INSERT INTO settings (key, value) VALUES ('demo', 'true') ON CONFLICT(key) DO UPDATE SET value = 'true'",
      )
      .run();
  });
}

function csvFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(dir, f));
}

/** The segments the second demo coder double-coded (every fourth interviewee turn). */
function createDemoCalibrationSample(project: Project, actor: string): void {
  const db = project.db;
  const id = Number(
    db
      .prepare(
        "INSERT INTO samples (name, purpose, seed, spec, created_at, created_by) VALUES (?, 'calibration', NULL, ?, ?, ?)",
      )
      .run(
        DEMO_CALIBRATION_SAMPLE,
        JSON.stringify({ method: 'every fourth interviewee turn', note: 'double-coded by the demo coders' }),
        new Date().toISOString(),
        actor,
      ).lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO sample_segments (sample_id, segment_id)
     SELECT ?, cs.segment_id FROM coded_segments cs JOIN coders c ON c.id = cs.coder_id
     WHERE c.name = 'Jordan Ellis (demo)'`,
  ).run(id);
}
