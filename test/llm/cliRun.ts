import type { CliIO } from '../../electron/cli/command';
import { main } from '../../electron/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

/** The CLI in-process with a chosen environment (the shared helper copies process.env). */
export async function runCliEnv(
  argv: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTTY: false,
    cwd,
    env: { CONCORD_HOME: cwd, ...env },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T };
}
