import { UserError } from '../errors';

// Which documents form groups a and b. An attribute with exactly two values compares
// them (in sorted order unless a/b say otherwise); with more values the user must pick
// two, or one against the rest: guessing would silently compare the wrong groups.

export interface GroupChoice {
  a: string;
  b: string;
  aValues: string[];
  bValues: string[];
}

export interface GroupRequest {
  by: string;
  a?: string | undefined;
  b?: string | undefined;
  rest?: boolean | undefined;
}

const list = (values: string[]) => values.map((v) => `"${v}"`).join(', ');

export const restLabel = (value: string) => `not ${value}`;

/** `counts`: value → number of documents with it (only values that occur). */
export function chooseGroups(
  req: GroupRequest,
  counts: Map<string, number>,
  knownAttributes: string[],
): GroupChoice {
  const values = [...counts.keys()].sort((x, y) => x.localeCompare(y));
  if (values.length === 0) {
    const known = knownAttributes.length
      ? ` (attributes in this project: ${knownAttributes.join(', ')})`
      : ' (this project has no document attributes)';
    throw new UserError(`no document has the attribute "${req.by}"${known}`);
  }
  const check = (v: string | undefined, flag: string) => {
    if (v !== undefined && !counts.has(v)) {
      throw new UserError(
        `no document has ${req.by} = "${v}" (${flag}); the group would be empty. Values of ${req.by}: ${list(values)}`,
      );
    }
  };
  check(req.a, 'a');
  check(req.b, 'b');
  if (req.a !== undefined && req.a === req.b)
    throw new UserError(`a and b are both "${req.a}"; choose two different values of ${req.by}`);

  if (req.rest) {
    const a = req.a ?? req.b;
    if (a === undefined)
      throw new UserError(
        `comparing against the rest needs the value to compare (a); values of ${req.by}: ${list(values)}`,
      );
    if (req.a !== undefined && req.b !== undefined)
      throw new UserError('give either a and b, or a with rest, not both');
    const others = values.filter((v) => v !== a);
    if (others.length === 0)
      throw new UserError(`${req.by} has only the value "${a}": there is no rest to compare with`);
    return { a, b: restLabel(a), aValues: [a], bValues: others };
  }
  if (values.length === 1)
    throw new UserError(`${req.by} has only one value (${list(values)}): there is nothing to compare`);
  if (req.a !== undefined && req.b !== undefined)
    return { a: req.a, b: req.b, aValues: [req.a], bValues: [req.b] };
  if (values.length > 2) {
    throw new UserError(
      `${req.by} has ${values.length} values (${list(values)}); choose two with --a and --b, or compare one against the rest with --a V --rest (or each against the rest with --rest)`,
    );
  }
  const [first, second] = values as [string, string];
  if (req.a !== undefined) return pair(req.a, req.a === first ? second : first);
  if (req.b !== undefined) return pair(req.b === first ? second : first, req.b);
  return pair(first, second);
}

const pair = (a: string, b: string): GroupChoice => ({ a, b, aValues: [a], bValues: [b] });
