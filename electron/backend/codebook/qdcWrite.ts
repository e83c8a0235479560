import type { CodeData } from './codeData';
import { formatDescription } from './qdcDescription';
import { childrenByParent } from './treeOrder';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

// XML 1.0 cannot carry most control characters, even escaped; they are dropped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: `\r` is escaped so a parser's line-end normalisation cannot eat it. */
export const escapeXmlText = (s: string) =>
  s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');

/** Attribute values: whitespace other than spaces is escaped, or parsers normalise it to spaces. */
export const escapeXmlAttr = (s: string) =>
  escapeXmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

const RGB = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/;

/**
 * A REFI-QDA codebook (`.qdc`): codes nested as in the tree, each with guid, name,
 * isCodable and colour, and a Description holding definition, criteria, examples and
 * short label (qdcDescription.ts). Valid against Codebook.xsd; the caller ensures
 * there is at least one code (the schema requires one).
 */
export function writeQdc(codes: readonly CodeData[], origin: string): string {
  const byKey = new Map(codes.map((c) => [c.key, c]));
  const children = childrenByParent(codes);
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${QDC_NAMESPACE}" origin="${escapeXmlAttr(origin)}">`,
    '  <Codes>',
  ];
  const emit = (key: string, depth: number) => {
    const c = byKey.get(key)!;
    const pad = '  '.repeat(depth);
    const color = RGB.test(c.color) ? ` color="${c.color}"` : '';
    const open = `${pad}<Code guid="${c.guid}" name="${escapeXmlAttr(c.name)}" isCodable="true"${color}`;
    const description = formatDescription({
      definition: c.definition,
      inclusion: c.inclusion,
      exclusion: c.exclusion,
      positive: c.examples.positive,
      negative: c.examples.negative,
      shortLabel: c.shortLabel,
    });
    const kids = children.get(key) ?? [];
    if (!description && kids.length === 0) {
      out.push(`${open}/>`);
      return;
    }
    out.push(`${open}>`);
    // the Description's text is written as is: indentation there would become part of it
    if (description) out.push(`${pad}  <Description>${escapeXmlText(description)}</Description>`);
    for (const k of kids) emit(k, depth + 1);
    out.push(`${pad}</Code>`);
  };
  for (const k of children.get(null) ?? []) emit(k, 2);
  out.push('  </Codes>', '</CodeBook>', '');
  return out.join('\n');
}
