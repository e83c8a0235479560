import { SaxesParser } from 'saxes';
import { UserError } from '../errors';

// A strict, non-validating XML reader (saxes) that builds a small element tree. It never
// resolves DTDs or external entities: any DOCTYPE is refused outright (the classic XXE
// and billion-laughs vectors), and an undefined entity is a well-formedness error.

export interface XmlElement {
  /** local name, without prefix */
  name: string;
  /** namespace URI ('' when none) */
  uri: string;
  /** attributes by local name (namespace declarations left out) */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** concatenated character data directly inside the element */
  text: string;
}

const MAX_DEPTH = 256;

/** Parses `xml` (one root element). Throws UserError naming `fileName` on any problem. */
export function parseXml(xml: string, fileName: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let failure: string | null = null;
  const fail = (message: string): never => {
    failure ??= message;
    throw new UserError(`${fileName}: ${message}`);
  };

  parser.on('doctype', () =>
    fail('contains a DTD (<!DOCTYPE …>); Concord refuses DTDs and entity declarations in exchange files'),
  );
  parser.on('error', (e) => {
    let what = e.message.replace(/^(?:.*?:)?\d+:\d+: /, '').replace(/\.$/, '');
    if (/undefined entity/.test(what)) {
      // saxes does not name it; the line does
      const line = xml.split('\n')[parser.line - 1] ?? '';
      const name = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)([^;\s&]*);?/.exec(line)?.[1];
      if (name) what = `undefined entity &${name};`;
    }
    fail(`not well-formed XML (${what} at line ${parser.line})`);
  });
  parser.on('opentag', (tag) => {
    if (stack.length >= MAX_DEPTH) fail(`elements nested deeper than ${MAX_DEPTH} levels`);
    const attrs: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.local] = a.value;
    }
    const el: XmlElement = { name: tag.local, uri: tag.uri, attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => void stack.pop());
  const addText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  try {
    parser.write(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml).close();
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`${fileName}: ${failure ?? `not well-formed XML (${(e as Error).message})`}`);
  }
  if (!root) throw new UserError(`${fileName}: no root element`);
  return root;
}

export const childElements = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c) => c.name === name);
export const firstChild = (el: XmlElement, name: string): XmlElement | undefined =>
  el.children.find((c) => c.name === name);
