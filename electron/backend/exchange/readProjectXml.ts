import { UserError } from '../errors';
import { normalizeGuid } from './guids';
import {
  REFI_PROJECT_NAMESPACE,
  type RefiCase,
  type RefiCode,
  type RefiCoding,
  type RefiProject,
  type RefiSelection,
  type RefiTextSource,
  type RefiVariableValue,
} from './refiModel';
import { childElements, firstChild, type XmlElement } from './xmlParse';

// project.qde → the REFI model, checking everything that would otherwise import half a
// project: malformed or duplicate GUIDs, references to nothing (codes, users, variables,
// sources), positions that are not integers. Ranges against the source texts are
// checked once the texts are read (readQdpx.ts).

const OTHER_SOURCES = ['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource'] as const;
const VALUE_ELEMENTS = [
  'TextValue',
  'BooleanValue',
  'IntegerValue',
  'FloatValue',
  'DateValue',
  'DateTimeValue',
];

function* walk(el: XmlElement): Generator<XmlElement> {
  const stack = [el];
  while (stack.length) {
    const e = stack.pop()!;
    yield e;
    for (let i = e.children.length - 1; i >= 0; i--) stack.push(e.children[i]!);
  }
}

const label = (el: XmlElement) => (el.attrs.name ? `<${el.name} name="${el.attrs.name}">` : `<${el.name}>`);

/** Every element with a guid, by canonical guid; throws on a malformed or repeated one. */
function indexGuids(root: XmlElement): Map<string, XmlElement> {
  const byGuid = new Map<string, XmlElement>();
  for (const el of walk(root)) {
    const raw = el.attrs.guid;
    if (raw === undefined) continue;
    const guid = normalizeGuid(raw);
    if (guid === null)
      throw new UserError(
        `project.qde: ${label(el)} has a malformed guid "${raw}" (REFI-QDA GUIDs are UUIDs)`,
      );
    const other = byGuid.get(guid);
    if (other) throw new UserError(`project.qde: duplicate guid ${guid} (${label(other)} and ${label(el)})`);
    byGuid.set(guid, el);
  }
  return byGuid;
}

function checkReferences(root: XmlElement, byGuid: Map<string, XmlElement>): void {
  const expect = (el: XmlElement, attr: string, kinds: readonly string[] | null) => {
    const raw = el.attrs[attr];
    if (raw === undefined) return;
    const guid = normalizeGuid(raw);
    const target = guid === null ? undefined : byGuid.get(guid);
    if (!target)
      throw new UserError(`project.qde: ${label(el)} ${attr}="${raw}" refers to nothing in the project`);
    if (kinds && !kinds.includes(target.name)) {
      throw new UserError(
        `project.qde: ${label(el)} ${attr}="${raw}" refers to a <${target.name}>, expected ${kinds.map((k) => `<${k}>`).join(' or ')}`,
      );
    }
  };
  for (const el of walk(root)) {
    for (const a of ['creatingUser', 'modifyingUser', 'creatingUserGUID', 'modifyingUserGUID'])
      expect(el, a, ['User']);
    if (el.name === 'CodeRef' || el.name === 'MemberCode') expect(el, 'targetGUID', ['Code']);
    else if (el.name === 'VariableRef') expect(el, 'targetGUID', ['Variable']);
    else if (el.name === 'SourceRef' || el.name === 'MemberSource')
      expect(el, 'targetGUID', ['TextSource', ...OTHER_SOURCES]);
    else if (el.attrs.targetGUID !== undefined) expect(el, 'targetGUID', null);
  }
}

const guidOf = (el: XmlElement) => normalizeGuid(el.attrs.guid)!;
const refOf = (el: XmlElement | undefined, attr = 'targetGUID') =>
  el?.attrs[attr] === undefined ? null : normalizeGuid(el.attrs[attr]);

function readCodes(parent: XmlElement): RefiCode[] {
  return childElements(parent, 'Code').map((c) => ({
    guid: guidOf(c),
    name: c.attrs.name ?? '',
    color: c.attrs.color ?? null,
    description: firstChild(c, 'Description')?.text ?? '',
    children: readCodes(c),
  }));
}

function readValues(el: XmlElement): RefiVariableValue[] {
  return childElements(el, 'VariableValue').flatMap((v) => {
    const variableGuid = refOf(firstChild(v, 'VariableRef'));
    if (variableGuid === null)
      throw new UserError(`project.qde: a <VariableValue> in ${label(el)} has no <VariableRef>`);
    const value = v.children.find((c) => VALUE_ELEMENTS.includes(c.name));
    return value && value.text.trim() !== '' ? [{ variableGuid, value: value.text.trim() }] : [];
  });
}

function position(sel: XmlElement, attr: string, source: string): number {
  const raw = sel.attrs[attr];
  if (raw === undefined || !/^\s*[+-]?\d+\s*$/.test(raw)) {
    throw new UserError(
      `project.qde: a selection in source "${source}" has ${attr}="${raw ?? ''}", not an integer`,
    );
  }
  return Number(raw);
}

function readCoding(c: XmlElement, fallbackUser: string | null): RefiCoding {
  const codeGuid = refOf(firstChild(c, 'CodeRef'));
  if (codeGuid === null)
    throw new UserError(`project.qde: a <Coding> (guid ${c.attrs.guid ?? 'missing'}) has no <CodeRef>`);
  return {
    guid: guidOf(c),
    codeGuid,
    userGuid: refOf(c, 'creatingUser') ?? fallbackUser,
    createdAt: c.attrs.creationDateTime ?? null,
  };
}

function readTextSource(s: XmlElement, warnings: string[]): RefiTextSource {
  const name = s.attrs.name?.trim() || `source ${guidOf(s).slice(0, 8)}`;
  const path = s.attrs.plainTextPath?.trim();
  const inline = firstChild(s, 'PlainTextContent');
  let internalPath: string | null = null;
  if (path) {
    const m = /^internal:\/\/(.+)$/i.exec(path);
    if (!m) {
      throw new UserError(
        `source "${name}" refers to a file outside the archive (${path}); Concord imports only sources stored inside the .qdpx`,
      );
    }
    internalPath = m[1]!;
    if (internalPath.startsWith('/') || internalPath.split(/[\\/]/).includes('..')) {
      throw new UserError(`source "${name}" points outside the archive (${path})`);
    }
  } else if (!inline) {
    throw new UserError(`source "${name}" has no plain text (neither plainTextPath nor PlainTextContent)`);
  }
  const selections: RefiSelection[] = childElements(s, 'PlainTextSelection').map((sel) => {
    const userGuid = refOf(sel, 'creatingUser');
    return {
      guid: guidOf(sel),
      start: position(sel, 'startPosition', name),
      end: position(sel, 'endPosition', name),
      userGuid,
      createdAt: sel.attrs.creationDateTime ?? null,
      codings: childElements(sel, 'Coding').map((c) => readCoding(c, userGuid)),
    };
  });
  const wholeSource = childElements(s, 'Coding').length;
  if (wholeSource)
    warnings.push(
      `${wholeSource} coding(s) of the whole source "${name}" were not imported (Concord codes passages)`,
    );
  return {
    guid: guidOf(s),
    name,
    internalPath,
    inlineText: internalPath === null ? (inline?.text ?? '') : null,
    values: readValues(s),
    selections,
  };
}

export function readProjectXml(root: XmlElement): RefiProject {
  if (root.name !== 'Project' || (root.uri !== '' && root.uri !== REFI_PROJECT_NAMESPACE)) {
    throw new UserError(
      `project.qde is not a REFI-QDA project: its root is <${root.name}>${root.uri ? ` in ${root.uri}` : ''}, expected <Project> in ${REFI_PROJECT_NAMESPACE}`,
    );
  }
  const byGuid = indexGuids(root);
  checkReferences(root, byGuid);
  const warnings: string[] = [];
  const users = childElements(firstChild(root, 'Users') ?? root, 'User').map((u) => ({
    guid: guidOf(u),
    name: (u.attrs.name ?? u.attrs.id ?? '').trim(),
  }));
  const codebook = firstChild(root, 'CodeBook');
  const codes = codebook ? readCodes(firstChild(codebook, 'Codes') ?? codebook) : [];
  const variables = childElements(firstChild(root, 'Variables') ?? root, 'Variable').map((v) => ({
    guid: guidOf(v),
    name: (v.attrs.name ?? '').trim(),
    type: v.attrs.typeOfVariable ?? 'Text',
  }));
  const cases: RefiCase[] = childElements(firstChild(root, 'Cases') ?? root, 'Case').map((c) => ({
    guid: guidOf(c),
    name: c.attrs.name ?? '',
    values: readValues(c),
    sourceGuids: childElements(c, 'SourceRef').map((r) => refOf(r)!),
  }));
  const sourcesEl = firstChild(root, 'Sources');
  const sources = sourcesEl
    ? childElements(sourcesEl, 'TextSource').map((s) => readTextSource(s, warnings))
    : [];
  if (sourcesEl) {
    for (const kind of OTHER_SOURCES) {
      const n = childElements(sourcesEl, kind).length;
      if (n)
        warnings.push(
          `${n} ${kind.replace('Source', '').toLowerCase()} source(s) were not imported (Concord imports text sources)`,
        );
    }
  }
  const notes = childElements(firstChild(root, 'Notes') ?? root, 'Note').length;
  if (notes) warnings.push(`${notes} note(s)/memo(s) were not imported`);
  if (firstChild(root, 'Sets'))
    warnings.push('sets were not imported (Concord groups documents by attributes)');
  return {
    name: root.attrs.name ?? '',
    origin: root.attrs.origin ?? null,
    users,
    codes,
    variables,
    cases,
    sources,
    warnings,
  };
}
