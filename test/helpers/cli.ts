import type { CliIO } from '../../electron/cli/command';
import { main } from '../../electron/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

/** Runs the concord CLI in-process with captured output. */
export async function runCli(argv: string[], cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: false,
    cwd,
    env: { ...process.env, CONCORD_HOME: cwd },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
