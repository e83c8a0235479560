import { Project } from '../../backend/project/project';
import type { CliCommand } from '../command';
import { parseCommandArgs } from '../args';
import { prepareNewProjectPath } from './projectFile';

const usage = 'concord init <file.concord> [--force]';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'create an empty project file',
  usage: `Usage: ${usage}

Creates an empty Concord project (one SQLite file). Refuses an existing file unless --force.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { force: { type: 'boolean' } },
      { min: 1, max: 1, usage },
    );
    const path = prepareNewProjectPath(positionals[0]!, io.cwd, Boolean(values.force));
    Project.open(path, 'create').close();
    io.stdout(`Created ${positionals[0]}\n`);
    return 0;
  },
};
