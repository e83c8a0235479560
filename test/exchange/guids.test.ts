import { describe, expect, it } from 'vitest';
import { normalizeGuid, stableGuid } from '../../electron/backend/exchange/guids';
import { parseXml } from '../../electron/backend/exchange/xmlParse';

describe('REFI GUIDs', () => {
  it.each([
    ['3F2504E0-4F89-41D3-9A0C-0305E82C3301', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    ['{3F2504E0-4F89-41D3-9A0C-0305E82C3301}', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    [' 3f2504e0-4f89-41d3-9a0c-0305e82c3301 ', '3f2504e0-4f89-41d3-9a0c-0305e82c3301'],
    ['{3F2504E0-4F89-41D3-9A0C-0305E82C3301', null],
    ['3F2504E0-4F89-41D3-9A0C', null],
    ['not-a-guid', null],
  ])('%s → %s', (raw, want) => expect(normalizeGuid(raw)).toBe(want));

  it('stable GUIDs are valid, deterministic UUIDs', () => {
    const g = stableGuid('selection', 42);
    expect(g).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableGuid('selection', 42)).toBe(g);
    expect(stableGuid('selection', 43)).not.toBe(g);
  });
});

describe('XML reader', () => {
  it('reads namespaces, attributes, text, CDATA and character references', () => {
    const root = parseXml(
      '\uFEFF<?xml version="1.0"?><p:Project xmlns:p="urn:QDA-XML:project:1.0" name="a &amp; b"><p:Description><![CDATA[x < y]]> &#x1F31F;</p:Description></p:Project>',
      't.xml',
    );
    expect(root).toMatchObject({ name: 'Project', uri: 'urn:QDA-XML:project:1.0', attrs: { name: 'a & b' } });
    expect(root.children[0]!.text).toBe('x < y 🌟');
  });

  it('refuses DTDs, undefined entities and malformed XML, naming the file', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>', 'p.qde')).toThrow(
      /^p\.qde: contains a DTD/,
    );
    expect(() => parseXml('<x>&e;</x>', 'p.qde')).toThrow(/undefined entity &e;/);
    expect(() => parseXml('<x><y></x>', 'p.qde')).toThrow(/not well-formed XML/);
    expect(() => parseXml('', 'p.qde')).toThrow(/p\.qde/);
  });
});
