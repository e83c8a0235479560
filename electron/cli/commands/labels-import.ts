import { importLabelsCsv } from '../../backend/coding/importLabelsCsv';
import { loadSource } from '../../backend/documents/importer';
import type { CliCommand } from '../command';
import { parseCommandArgs } from '../args';
import { withProject } from './projectFile';

const usage = 'concord labels import <file.concord> <labels.csv> [--json]';

export const labelsImportCommand: CliCommand = {
  name: 'labels import',
  summary: 'import human labels coded elsewhere (CSV document,segment,coder,code)',
  usage: `Usage: ${usage}

Imports labels that human coders made in another tool. The CSV needs the header
document,segment,coder,code (any order): document = the document's name (or uid),
segment = its 0-based index within the document (or the segment's uid), coder = the
coder's name (created if new), code = a code's name or key in the active codebook
version. An empty code records that the coder coded the segment and no code applied.
Every (coder, segment) pair in the file counts as coded, so codes not listed there
are deliberate zeros for agreement statistics. All or nothing: any unknown document,
segment or code rejects the whole file, naming the lines.`,
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
        importLabelsCsv(project.db, src.bytes, src.name, 'concord labels import'),
      );
    });
    if (values.json) {
      io.stdout(`${JSON.stringify(result)}\n`);
      return 0;
    }
    io.stdout(
      `imported ${result.labels} labels by ${result.coders.length} coders (${result.coders.join(', ')})\n`,
    );
    for (const w of result.warnings) io.stdout(`warning: ${w}\n`);
    return 0;
  },
};
