import { resolve } from 'node:path';
import { Project } from '../../backend/project/project';
import { projectCounts } from '../../backend/project/counts';
import type { CliCommand } from '../command';
import { parseCommandArgs } from '../args';

const usage = 'concord info <file.concord> [--json]';

export function projectInfo(p: Project) {
  return { schema_version: p.schemaVersion, ...projectCounts(p.db) };
}

export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'counts and attributes of a project (read-only)',
  usage: `Usage: ${usage}

Prints the schema version and counts (documents, segments, words, codebook versions,
codes, coders, labels, jobs) and the document attributes with their values.
Read-only: never creates, migrates or changes the file.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' } },
      { min: 1, max: 1, usage },
    );
    const project = Project.open(resolve(io.cwd, positionals[0]!), 'readonly');
    try {
      const info = projectInfo(project);
      if (values.json) {
        io.stdout(`${JSON.stringify(info)}\n`);
        return 0;
      }
      const lines = [
        `${positionals[0]} (schema ${info.schema_version})`,
        `  ${info.documents} documents, ${info.segments} segments, ${info.words} words`,
        `  ${info.codebook_versions} codebook versions, ${info.codes} codes, ${info.coders} coders, ${info.labels} labels, ${info.jobs} jobs`,
        ...Object.entries(info.attributes).map(
          ([name, vals]) =>
            `  ${name}: ${Object.entries(vals)
              .map(([v, n]) => `${v} (${n})`)
              .join(', ')}`,
        ),
      ];
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    } finally {
      project.close();
    }
  },
};
