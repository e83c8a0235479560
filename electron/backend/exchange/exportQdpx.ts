import type { Project } from '../project/project';
import { projectToRefi } from './projectToRefi';
import { writeProjectXml } from './writeProjectXml';
import { writeZip } from './zipWrite';

/**
 * The project as a REFI-QDA archive: project.qde (valid against Project.xsd) and every
 * document's text as UTF-8 under sources/, referenced as internal://<guid>.txt.
 * Codings keep their exact spans, in code points.
 */
export async function exportQdpx(
  project: Project,
  now = new Date(),
): Promise<{ bytes: Buffer; warnings: string[] }> {
  const { project: refi, texts, warnings } = projectToRefi(project.db, project.name);
  const entries = [
    { name: 'project.qde', data: writeProjectXml(refi, now) },
    ...[...texts].map(([file, text]) => ({ name: `sources/${file}`, data: text })),
  ];
  return { bytes: await writeZip(entries, now), warnings };
}
