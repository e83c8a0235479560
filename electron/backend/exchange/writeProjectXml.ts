import { REFI_PROJECT_NAMESPACE, type RefiCode, type RefiProject, type RefiVariableValue } from './refiModel';
import { XmlWriter } from './xmlWrite';

// project.qde in the element order Project.xsd prescribes (Users, CodeBook, Variables,
// Cases, Sources); containers the schema requires to be non-empty are left out when
// there is nothing to put in them.

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const dateTime = (s: string | null) => (s !== null && DATE_TIME.test(s) ? s : undefined);
const RGB = /^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$/;

function writeCode(w: XmlWriter, c: RefiCode): void {
  const attrs = {
    guid: c.guid,
    name: c.name,
    isCodable: 'true',
    color: c.color !== null && RGB.test(c.color) ? c.color : undefined,
  };
  if (!c.description && c.children.length === 0) return w.empty('Code', attrs);
  w.open('Code', attrs);
  if (c.description) w.textElement('Description', c.description);
  for (const child of c.children) writeCode(w, child);
  w.close('Code');
}

function writeValues(w: XmlWriter, values: readonly RefiVariableValue[]): void {
  for (const v of values) {
    w.open('VariableValue');
    w.empty('VariableRef', { targetGUID: v.variableGuid });
    w.textElement('TextValue', v.value);
    w.close('VariableValue');
  }
}

export function writeProjectXml(p: RefiProject, created: Date): string {
  const w = new XmlWriter();
  w.open('Project', {
    xmlns: REFI_PROJECT_NAMESPACE,
    name: p.name,
    origin: p.origin ?? undefined,
    creationDateTime: created.toISOString(),
  });
  if (p.users.length) {
    w.open('Users');
    for (const u of p.users) w.empty('User', { guid: u.guid, name: u.name });
    w.close('Users');
  }
  if (p.codes.length) {
    w.open('CodeBook');
    w.open('Codes');
    for (const c of p.codes) writeCode(w, c);
    w.close('Codes');
    w.close('CodeBook');
  }
  if (p.variables.length) {
    w.open('Variables');
    for (const v of p.variables) w.empty('Variable', { guid: v.guid, name: v.name, typeOfVariable: v.type });
    w.close('Variables');
  }
  if (p.cases.length) {
    w.open('Cases');
    for (const c of p.cases) {
      w.open('Case', { guid: c.guid, name: c.name });
      writeValues(w, c.values);
      for (const s of c.sourceGuids) w.empty('SourceRef', { targetGUID: s });
      w.close('Case');
    }
    w.close('Cases');
  }
  if (p.sources.length) {
    w.open('Sources');
    for (const s of p.sources) {
      w.open('TextSource', {
        guid: s.guid,
        name: s.name,
        plainTextPath: s.internalPath === null ? undefined : `internal://${s.internalPath}`,
      });
      if (s.internalPath === null) w.textElement('PlainTextContent', s.inlineText ?? '');
      for (const sel of s.selections) {
        w.open('PlainTextSelection', {
          guid: sel.guid,
          startPosition: sel.start,
          endPosition: sel.end,
          creatingUser: sel.userGuid ?? undefined,
          creationDateTime: dateTime(sel.createdAt),
        });
        for (const c of sel.codings) {
          w.open('Coding', {
            guid: c.guid,
            creatingUser: c.userGuid ?? undefined,
            creationDateTime: dateTime(c.createdAt),
          });
          w.empty('CodeRef', { targetGUID: c.codeGuid });
          w.close('Coding');
        }
        w.close('PlainTextSelection');
      }
      writeValues(w, s.values);
      w.close('TextSource');
    }
    w.close('Sources');
  }
  w.close('Project');
  return w.toString();
}
