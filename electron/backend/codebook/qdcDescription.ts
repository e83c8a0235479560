/**
 * REFI-QDA gives a code only a free-text `Description`, so definition, criteria,
 * examples and short label share it in a layout people can read in any tool and
 * Concord can parse back exactly:
 *
 *   Definition: first line of the definition
 *     further lines, indented two spaces
 *
 *   Inclusion criteria: …
 *
 *   Exclusion criteria: …
 *
 *   Positive examples:
 *     - one example
 *       its further lines, indented four spaces
 *
 *   Negative examples:
 *     - a near miss
 *
 *   Short label: …
 *
 * Values are stored verbatim (every line of a value is indented, so no value can
 * look like a heading). A Description that is not in this layout — what other tools
 * write — is a plain definition. A code with only a definition is written as that
 * plain text, so other tools' descriptions survive a round trip unchanged.
 */
export interface DescribedCode {
  definition: string;
  inclusion: string;
  exclusion: string;
  positive: string[];
  negative: string[];
  shortLabel: string;
}

type TextField = 'definition' | 'inclusion' | 'exclusion' | 'shortLabel';
type ListField = 'positive' | 'negative';

const TEXT_HEADINGS: [TextField, string][] = [
  ['definition', 'Definition'],
  ['inclusion', 'Inclusion criteria'],
  ['exclusion', 'Exclusion criteria'],
];
const LIST_HEADINGS: [ListField, string][] = [
  ['positive', 'Positive examples'],
  ['negative', 'Negative examples'],
];
const SHORT_LABEL: [TextField, string] = ['shortLabel', 'Short label'];

const FIELD_BY_HEADING = new Map<string, TextField | ListField>(
  [...TEXT_HEADINGS, ...LIST_HEADINGS, SHORT_LABEL].map(([field, heading]) => [heading, field]),
);
const HEADING_LINE = new RegExp(`^(${[...FIELD_BY_HEADING.keys()].join('|')}):(?: (.*))?$`);

const isList = (f: TextField | ListField): f is ListField => f === 'positive' || f === 'negative';

export const emptyDescribedCode = (): DescribedCode => ({
  definition: '',
  inclusion: '',
  exclusion: '',
  positive: [],
  negative: [],
  shortLabel: '',
});

function textBlock(heading: string, value: string): string {
  const [first = '', ...rest] = value.split('\n');
  return [first ? `${heading}: ${first}` : `${heading}:`, ...rest.map((l) => `  ${l}`)].join('\n');
}

function listBlock(heading: string, items: string[]): string {
  const lines = [`${heading}:`];
  for (const item of items) {
    const [first = '', ...rest] = item.split('\n');
    lines.push(first ? `  - ${first}` : '  -', ...rest.map((l) => `    ${l}`));
  }
  return lines.join('\n');
}

/** null when the text is not in Concord's layout. */
export function parseLayout(text: string): DescribedCode | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0 || !HEADING_LINE.test(lines[0]!)) return null;
  const out = emptyDescribedCode();
  const seen = new Set<string>();
  let field: TextField | ListField | null = null;
  let buffer: string[] = [];
  let items: string[][] = [];
  const flush = () => {
    if (field === null) return;
    if (isList(field)) out[field] = items.map((i) => i.join('\n'));
    else out[field] = buffer.join('\n');
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = HEADING_LINE.exec(line);
    if (heading) {
      flush();
      const name = heading[1]!;
      if (seen.has(name)) return null;
      seen.add(name);
      field = FIELD_BY_HEADING.get(name)!;
      if (isList(field)) {
        if (heading[2] !== undefined) return null;
        items = [];
      } else buffer = [heading[2] ?? ''];
      continue;
    }
    // a blank line inside a value (a tool may have trimmed "  " to "") vs. between blocks
    const next = lines.slice(i + 1).find((l) => l !== '');
    const line2 =
      line === ''
        ? next !== undefined && next.startsWith('  ')
          ? field && isList(field)
            ? '    '
            : '  '
          : null
        : line;
    if (line2 === null) continue;
    if (field === null) return null;
    if (isList(field)) {
      const item = /^ {2}-(?: (.*))?$/.exec(line2);
      if (item) items.push([item[1] ?? '']);
      else if (line2.startsWith('    ') && items.length) items[items.length - 1]!.push(line2.slice(4));
      else return null;
    } else if (line2.startsWith('  ')) buffer.push(line2.slice(2));
    else return null;
  }
  flush();
  return out;
}

/** The Description text for a code ('' when there is nothing to say). */
export function formatDescription(d: DescribedCode): string {
  const onlyDefinition =
    !d.inclusion && !d.exclusion && !d.positive.length && !d.negative.length && !d.shortLabel;
  if (
    onlyDefinition &&
    (d.definition === '' || (d.definition === d.definition.trim() && parseLayout(d.definition) === null))
  ) {
    return d.definition;
  }
  const blocks: string[] = [];
  for (const [field, heading] of TEXT_HEADINGS) if (d[field]) blocks.push(textBlock(heading, d[field]));
  for (const [field, heading] of LIST_HEADINGS)
    if (d[field].length) blocks.push(listBlock(heading, d[field]));
  if (d.shortLabel) blocks.push(textBlock(SHORT_LABEL[1], d.shortLabel));
  return blocks.join('\n\n');
}

/** Reads a Description: Concord's layout field by field, anything else as the definition. */
export function parseDescription(text: string): DescribedCode {
  return parseLayout(text) ?? { ...emptyDescribedCode(), definition: text.replace(/\r\n?/g, '\n').trim() };
}
