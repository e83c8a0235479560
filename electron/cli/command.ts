// The shape every `concord` subcommand takes. The dispatcher (cli/main.ts) finds the
// command by its (possibly two-word) name, handles `--help`, and turns a thrown
// CliError into the contract's one-line `concord: error: <message>` on stderr.

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** true when stdout is an interactive terminal (progress bars, prompts). */
  isTTY: boolean;
  cwd: string;
  env: Record<string, string | undefined>;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export interface CliCommand {
  /** e.g. 'import' or 'stats agreement' */
  name: string;
  /** one line for `concord --help` (the registry holds the listed one) */
  summary?: string;
  /** full text for `concord <name> --help` */
  usage: string;
  /** returns the exit code; throws CliError for bad input */
  run(argv: string[], io: CliIO): Promise<number>;
}
