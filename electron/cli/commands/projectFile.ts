import { existsSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Project } from '../../backend/project/project';
import { CliError } from '../command';

/** Resolves a project path for writing a new file: refuses directories and existing files unless forced. */
export function prepareNewProjectPath(path: string, cwd: string, force: boolean): string {
  const full = resolve(cwd, path);
  if (existsSync(full)) {
    if (statSync(full).isDirectory()) throw new CliError(`${path} is a directory, not a project file`);
    if (!force) throw new CliError(`${path} already exists (use --force to replace it)`);
    for (const f of [full, `${full}-wal`, `${full}-shm`]) rmSync(f, { force: true });
  }
  return full;
}

/** Opens an existing project for the length of fn and always closes it. */
export async function withProject<T>(
  path: string,
  cwd: string,
  fn: (p: Project) => Promise<T> | T,
): Promise<T> {
  const project = Project.open(resolve(cwd, path), 'open');
  try {
    return await fn(project);
  } finally {
    project.close();
  }
}
