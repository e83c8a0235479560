import { UserError } from '../backend/errors';
import { ImportFileError } from '../backend/import/types';
import { CliError, type CliIO } from './command';
import { COMMANDS, type CommandEntry } from './registry';

const GENERAL_HELP = () => `Concord — AI-assisted qualitative coding of interview transcripts.

Usage: concord <command> [options]      (concord <command> --help for details)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(18)} ${c.summary}`).join('\n')}

Exit status: 0 on success, 1 on bad input or failed files, 2 on configuration errors.
`;

function findCommand(argv: string[]): { command: CommandEntry; rest: string[] } | null {
  const two = argv.slice(0, 2).join(' ');
  const byTwo = COMMANDS.find((c) => c.name === two);
  if (byTwo) return { command: byTwo, rest: argv.slice(2) };
  const byOne = COMMANDS.find((c) => c.name === argv[0]);
  return byOne ? { command: byOne, rest: argv.slice(1) } : null;
}

export const processIO = (): CliIO => ({
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stdout.isTTY),
  cwd: process.cwd(),
  env: process.env,
});

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout(GENERAL_HELP());
    return argv.length === 0 ? 1 : 0;
  }
  if (argv[0] === '--version') {
    io.stdout('0.1.0\n');
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    // a group word alone (e.g. `concord stats --help`) lists its subcommands
    const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0]} `));
    if (group.length && (argv.length === 1 || argv.includes('--help') || argv.includes('-h'))) {
      io.stdout(`Usage:\n${group.map((c) => `  concord ${c.name.padEnd(18)} ${c.summary}`).join('\n')}\n`);
      return argv.includes('--help') || argv.includes('-h') ? 0 : 1;
    }
    io.stderr(
      `concord: error: unknown command '${argv.slice(0, group.length ? 2 : 1).join(' ')}' (see concord --help)\n`,
    );
    return 1;
  }
  const { rest } = found;
  const command = await found.command.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage.trimEnd()}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr(`concord: error: ${oneLine(e.message)}\n`);
      return e.exitCode;
    }
    if (e instanceof UserError || e instanceof ImportFileError) {
      io.stderr(`concord: error: ${oneLine(e.message)}\n`);
      return 1;
    }
    // parseArgs reports unknown options and missing values this way
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`concord: error: ${oneLine((e as Error).message)} (see concord ${command.name} --help)\n`);
      return 1;
    }
    if (io.env.CONCORD_DEBUG) io.stderr(`${(e as Error).stack}\n`);
    io.stderr(`concord: error: internal error: ${oneLine((e as Error).message)}\n`);
    return 1;
  }
}
