import { importCodebookFile } from '../../backend/codebook/codebookFiles';
import { loadSource } from '../../backend/documents/importer';
import type { CliCommand } from '../command';
import { parseCommandArgs } from '../args';
import { withProject } from './projectFile';

const usage = 'concord codebook import <file.concord> <file.qdc|file.json> [--json]';

export const codebookImportCommand: CliCommand = {
  name: 'codebook import',
  summary: 'import a codebook (.qdc or JSON) as the new active version',
  usage: `Usage: ${usage}

Imports a REFI-QDA codebook (.qdc, from Concord, ATLAS.ti, MAXQDA, NVivo, QualCoder …)
or Concord's JSON form {"name","version","codes":[{"id","name","parent_id","definition",
"inclusion","exclusion","examples":{"positive":[],"negative":[]},"color"}]}.
The codebook becomes a new version and the active one; earlier versions and the
labels made under them stay as they were. A file with any problem (malformed,
a DOCTYPE or entity declaration, unknown parents, parent cycles, duplicate guids,
empty names) is rejected whole. Prints the new version and any warnings.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' } },
      { min: 2, max: 2, usage },
    );
    const [projectPath, file] = positionals as [string, string];
    const result = await withProject(projectPath, io.cwd, (project) => {
      const src = loadSource({ path: file }, io.cwd);
      return project.transaction(() =>
        importCodebookFile(project.db, src.name, src.bytes, 'concord codebook import'),
      );
    });
    if (values.json) {
      io.stdout(`${JSON.stringify(result)}\n`);
      return 0;
    }
    io.stdout(`imported ${file} as codebook version ${result.version} (${result.codes} codes), now active\n`);
    for (const w of result.warnings) io.stdout(`warning: ${w}\n`);
    return 0;
  },
};
