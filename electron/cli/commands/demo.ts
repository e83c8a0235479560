import { rmSync } from 'node:fs';
import { fillDemoProject } from '../../backend/demo/createDemo';
import { Project } from '../../backend/project/project';
import { projectSummary } from '../../backend/project/summary';
import type { CliCommand } from '../command';
import { parseCommandArgs } from '../args';
import { prepareNewProjectPath } from './projectFile';

const usage = 'concord demo <file.concord> [--force] [--json]';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'create the fictional demo study, ready to explore',
  usage: `Usage: ${usage}

Creates a project holding the demo study: twelve fictional interviews (principals,
teachers, families) at five bright-spot and five partner schools in five paired
districts, with school, group, role, district, pair and language attributes.
Refuses an existing file unless --force.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { force: { type: 'boolean' }, json: { type: 'boolean' } },
      { min: 1, max: 1, usage },
    );
    const path = prepareNewProjectPath(positionals[0]!, io.cwd, Boolean(values.force));
    const project = Project.open(path, 'create');
    try {
      await fillDemoProject(project, 'concord demo');
      const s = projectSummary(project);
      if (values.json)
        io.stdout(
          `${JSON.stringify({ path: s.path, documents: s.documents, segments: s.segments, words: s.words })}\n`,
        );
      else
        io.stdout(
          `Created demo study ${positionals[0]}: ${s.documents} interviews, ${s.segments} segments, ${s.words} words\n`,
        );
    } catch (e) {
      project.close();
      for (const f of [path, `${path}-wal`, `${path}-shm`]) rmSync(f, { force: true });
      throw e;
    }
    project.close();
    return 0;
  },
};
