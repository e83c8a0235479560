import type { CodebookJson, CodebookJsonCode } from '../../../shared/contract/codebookJson';
import { UserError } from '../errors';
import { claimKey } from './codeKeys';
import { parseDescription } from './qdcDescription';
import { asList, asNode, attr, parseUntrustedXml, textOf, type XmlNode } from './safeXml';

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** Colours for codes a tool exported without one (NVivo often does), so the reader can tell them apart. */
const PALETTE = [
  '#4E79A7',
  '#F28E2B',
  '#59A14F',
  '#E15759',
  '#76B7B2',
  '#EDC948',
  '#B07AA1',
  '#FF9DA7',
  '#9C755F',
  '#BAB0AC',
  '#1F77B4',
  '#8C564B',
];

export interface QdcReadContext {
  /** codebook name when the file has none (CodeBook carries no name in REFI) */
  name: string;
  /** keys the project already gave these guids: re-importing our own export keeps keys */
  keyForGuid: ReadonlyMap<string, string>;
  /** keys in use anywhere in the project (claimed keys are added) */
  takenKeys: Set<string>;
}

export interface QdcReadResult {
  codebook: CodebookJson;
  /** the writing tool, from CodeBook's `origin` */
  origin: string | null;
  warnings: string[];
}

function normaliseColor(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const v = raw.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(v)) return v;
  if (/^#[0-9a-fA-F]{3}$/.test(v)) return `#${[...v.slice(1)].map((ch) => ch + ch).join('')}`;
  return null;
}

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * Reads a REFI-QDA codebook (`.qdc`, or the CodeBook inside a project's `.qde`) as
 * written by Concord, ATLAS.ti, MAXQDA, NVivo, QualCoder and others: nested codes
 * become the hierarchy, Concord's Description layout fills the fields and any other
 * Description becomes the definition. Anything inconsistent (duplicate or malformed
 * guids, empty names, Sets naming unknown codes) rejects the whole file.
 */
export function readQdc(text: string, ctx: QdcReadContext): QdcReadResult {
  const doc = parseUntrustedXml(text, 'the .qdc file');
  const root = asNode(doc.CodeBook) ?? asNode(asNode(doc.Project)?.CodeBook);
  if (!root) {
    const found = Object.keys(doc).find((k) => !k.startsWith('?') && k !== '#text');
    throw new UserError(
      `not a REFI-QDA codebook: the root element is <${found ?? 'none'}>, expected <CodeBook>`,
    );
  }
  const top = asList(asNode(root.Codes)?.Code);
  if (top.length === 0) throw new UserError('the .qdc file has no codes');

  const codes: CodebookJsonCode[] = [];
  const nameByGuid = new Map<string, string>();
  const usedKeys = new Set<string>();
  let notCodable = 0;
  let missingColor = 0;
  const badColors: string[] = [];

  const visit = (node: XmlNode, parent: { key: string; name: string } | null) => {
    const name = (attr(node, 'name') ?? '').trim();
    const where = parent ? ` under "${parent.name}"` : ' at the top level';
    const rawGuid = attr(node, 'guid') ?? '';
    if (!name) throw new UserError(`a code${where} has an empty name (guid ${rawGuid || 'missing'})`);
    const m = GUID.exec(rawGuid.trim());
    if (!m)
      throw new UserError(`code "${name}" has ${rawGuid ? `a malformed guid "${rawGuid}"` : 'no guid'}`);
    const guid = m[1]!.toLowerCase();
    const clash = nameByGuid.get(guid);
    if (clash !== undefined)
      throw new UserError(`duplicate guid ${guid}: codes "${clash}" and "${name}" share it`);
    nameByGuid.set(guid, name);

    const known = ctx.keyForGuid.get(guid);
    const key = known !== undefined && !usedKeys.has(known) ? known : claimKey(name, ctx.takenKeys);
    usedKeys.add(key);
    ctx.takenKeys.add(key);

    const codable = (attr(node, 'isCodable') ?? 'true').trim().toLowerCase();
    if (codable === 'false' || codable === '0') notCodable++;
    const rawColor = attr(node, 'color');
    let color = normaliseColor(rawColor);
    if (color === null) {
      if (rawColor === undefined) missingColor++;
      else badColors.push(`"${name}" (${rawColor})`);
      color = PALETTE[codes.length % PALETTE.length]!;
    }
    const d = parseDescription(textOf(node.Description));
    codes.push({
      id: key,
      name,
      parent_id: parent?.key ?? null,
      short_label: d.shortLabel,
      definition: d.definition,
      inclusion: d.inclusion,
      exclusion: d.exclusion,
      examples: { positive: d.positive, negative: d.negative },
      color,
      guid,
    });
    for (const child of asList(node.Code)) visit(child, { key, name });
  };
  for (const node of top) visit(node, null);

  const warnings: string[] = [];
  if (notCodable) {
    warnings.push(
      `${counted(notCodable, 'code is', 'codes are')} marked not codable (a grouping in the other tool); in Concord every code can be applied`,
    );
  }
  if (missingColor)
    warnings.push(`${counted(missingColor, 'code had', 'codes had')} no colour; Concord chose one`);
  if (badColors.length)
    warnings.push(
      `unreadable colours replaced: ${badColors.slice(0, 5).join(', ')}${badColors.length > 5 ? ', …' : ''}`,
    );

  const sets = asList(asNode(root.Sets)?.Set);
  for (const set of sets) {
    const setName = attr(set, 'name') ?? '(unnamed)';
    for (const member of asList(set.MemberCode)) {
      const ref = GUID.exec((attr(member, 'guid') ?? attr(member, 'targetGUID') ?? '').trim());
      if (!ref || !nameByGuid.has(ref[1]!.toLowerCase())) {
        throw new UserError(
          `set "${setName}" refers to a code that is not in the file (guid ${attr(member, 'guid') ?? 'missing'})`,
        );
      }
    }
  }
  if (sets.length) {
    const names = sets.map((s) => `"${attr(s, 'name') ?? '(unnamed)'}"`);
    warnings.push(
      `code sets are not kept (Concord has no code sets): ${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''}`,
    );
  }
  return {
    codebook: { name: ctx.name, description: '', codes },
    origin: attr(root, 'origin') ?? null,
    warnings,
  };
}
