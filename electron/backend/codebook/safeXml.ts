import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UserError } from '../errors';

/** Elements that may repeat; fast-xml-parser otherwise turns a single child into an object. */
const REPEATING = new Set(['Code', 'Set', 'MemberCode', 'MemberSource']);

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/**
 * Parses XML from a file we did not write. A DOCTYPE can declare entities that pull
 * in local files (XXE) or expand exponentially, so any DOCTYPE or ENTITY declaration
 * is refused before the parser sees the text; no REFI file needs one. Only the five
 * predefined entities and character references remain legal.
 */
export function parseUntrustedXml(text: string, what: string): XmlNode {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new UserError(
      `${what} contains a DOCTYPE or ENTITY declaration, which Concord refuses (it could read local files)`,
    );
  }
  // CDATA and comments may hold a literal "&"; blank them (keeping line breaks) for this check
  const markup = text.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, (m) => m.replace(/[^\n]/g, ' '));
  const undefinedEntity = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)([A-Za-z_][\w.-]*;)?/.exec(
    markup,
  );
  if (undefinedEntity) {
    const line = markup.slice(0, undefinedEntity.index).split('\n').length;
    const ref = undefinedEntity[1] ? `&${undefinedEntity[1]}` : 'a bare "&"';
    throw new UserError(`${what} is not well-formed XML: ${ref} on line ${line} (write & as &amp;)`);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new UserError(
      `${what} is not well-formed XML: ${valid.err.msg.replace(/\.$/, '')} (line ${valid.err.line}, column ${valid.err.col})`,
    );
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
    // character references (&#13;, &#x1F600;) are only decoded in this mode; named
    // HTML entities cannot occur, the check above refused them
    htmlEntities: true,
    processEntities: true,
    isArray: (name) => REPEATING.has(name),
  });
  return parser.parse(text) as XmlNode;
}

export const asNode = (v: XmlValue | undefined): XmlNode | null =>
  v !== undefined && typeof v === 'object' && !Array.isArray(v) ? v : null;

export const asList = (v: XmlValue | undefined): XmlNode[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).flatMap((x) =>
    typeof x === 'string' ? [{ '#text': x }] : Array.isArray(x) ? [] : [x],
  );

/** An element's text, whether the parser gave a string or an object with attributes. */
export function textOf(v: XmlValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map(textOf).join('');
  const t = v['#text'];
  return typeof t === 'string' ? t : '';
}

export function attr(node: XmlNode, name: string): string | undefined {
  const v = node[`@${name}`];
  return typeof v === 'string' ? v : undefined;
}
