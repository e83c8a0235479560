import { escapeXmlAttr, escapeXmlText } from '../codebook/qdcWrite';

// Writing XML by hand is safe when every text and attribute value goes through the
// escapes the codebook's .qdc writer uses. Source texts never pass through here: they
// travel as separate UTF-8 files in the archive.

export type XmlAttrs = Record<string, string | number | boolean | null | undefined>;

/** `<name a="…"` with the attributes that have a value, in the given order. */
export function openTag(name: string, attrs: XmlAttrs = {}): string {
  const parts = Object.entries(attrs)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`);
  return `<${name}${parts.join('')}`;
}

/** A small indented writer: `line` adds one line at the current depth. */
export class XmlWriter {
  private readonly lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  private depth = 0;

  private push(s: string): void {
    this.lines.push(`${'  '.repeat(this.depth)}${s}`);
  }

  empty(name: string, attrs?: XmlAttrs): void {
    this.push(`${openTag(name, attrs)}/>`);
  }

  textElement(name: string, text: string, attrs?: XmlAttrs): void {
    this.push(`${openTag(name, attrs)}>${escapeXmlText(text)}</${name}>`);
  }

  open(name: string, attrs?: XmlAttrs): void {
    this.push(`${openTag(name, attrs)}>`);
    this.depth++;
  }

  close(name: string): void {
    this.depth--;
    this.push(`</${name}>`);
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}
