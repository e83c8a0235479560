import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node's parseArgs, strict, with the positional count checked against the usage. */
export function parseCommandArgs<O extends Options>(
  argv: string[],
  options: O,
  positionals: { min: number; max?: number; usage: string },
) {
  const parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  const n = parsed.positionals.length;
  if (n < positionals.min || (positionals.max !== undefined && n > positionals.max)) {
    throw new CliError(`wrong number of arguments; usage: ${positionals.usage}`);
  }
  return parsed;
}

export function intOption(value: string | undefined, name: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new CliError(`--${name} must be an integer ≥ ${min} (got "${value}")`);
  return n;
}

/** An option restricted to a list of values (undefined when not given). */
export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CliError(`unknown --${flag} "${value}" (use ${allowed.join(', ')})`);
  }
  return value as T;
}
