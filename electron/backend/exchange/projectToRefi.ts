import type Database from 'better-sqlite3';
import { formatDescription } from '../codebook/qdcDescription';
import { activeCodebookVersion, codesOfVersion, type CodeRow } from '../codebook/store';
import { rowToCodeData } from '../codebook/codeData';
import { OffsetMap } from './codePointOffsets';
import { normalizeGuid, stableGuid } from './guids';
import type {
  RefiCase,
  RefiCode,
  RefiProject,
  RefiSelection,
  RefiTextSource,
  RefiVariableValue,
} from './refiModel';

declare const __CONCORD_VERSION__: string | undefined;
const VERSION = typeof __CONCORD_VERSION__ === 'string' ? __CONCORD_VERSION__ : '0.1.0';

export interface RefiExport {
  project: RefiProject;
  /** archive entry name (under sources/) → text */
  texts: Map<string, string>;
  warnings: string[];
}

interface LabelExportRow {
  id: number;
  document_id: number;
  seg_start: number;
  seg_end: number;
  span_start: number | null;
  span_end: number | null;
  code_key: string;
  coder_guid: string;
  created_at: string;
}

function describe(c: CodeRow): string {
  const d = rowToCodeData(c);
  return formatDescription({
    definition: d.definition,
    inclusion: d.inclusion,
    exclusion: d.exclusion,
    positive: d.examples.positive,
    negative: d.examples.negative,
    shortLabel: d.shortLabel,
  });
}

/**
 * The active codebook as the code tree, plus (at the top level) codes that only older
 * versions have but labels still use, so every coding has its code.
 */
function codeTree(db: Database.Database): { roots: RefiCode[]; guidByKey: Map<string, string> } {
  const active = activeCodebookVersion(db);
  const rows = active ? codesOfVersion(db, active.id) : [];
  const used = db
    .prepare(
      `SELECT c.* FROM codes c WHERE c.id IN (SELECT DISTINCT code_id FROM labels)
       ORDER BY (SELECT version FROM codebook_versions v WHERE v.id = c.codebook_version_id) DESC`,
    )
    .all() as CodeRow[];
  const keys = new Set(rows.map((r) => r.code_key));
  for (const r of used) {
    if (keys.has(r.code_key)) continue;
    keys.add(r.code_key);
    rows.push({ ...r, parent_key: null });
  }
  const guidByKey = new Map<string, string>();
  const nodes = new Map<string, RefiCode>();
  for (const r of rows) {
    const guid = normalizeGuid(r.guid) ?? stableGuid('code', r.code_key);
    guidByKey.set(r.code_key, guid);
    nodes.set(r.code_key, { guid, name: r.name, color: r.color, description: describe(r), children: [] });
  }
  const roots: RefiCode[] = [];
  for (const r of rows) {
    const parent = r.parent_key === null ? undefined : nodes.get(r.parent_key);
    (parent ? parent.children : roots).push(nodes.get(r.code_key)!);
  }
  return { roots, guidByKey };
}

/** Reads the whole project into the REFI model: documents become sources, labels codings. */
export function projectToRefi(db: Database.Database, name: string, schoolAttribute = 'school'): RefiExport {
  const warnings: string[] = [];
  const users = (
    db.prepare('SELECT guid, name, kind FROM coders ORDER BY id').all() as {
      guid: string;
      name: string;
      kind: string;
    }[]
  ).map((c) => ({
    guid: normalizeGuid(c.guid) ?? stableGuid('coder', c.name),
    name: c.name,
    kind: c.kind,
  }));
  const userGuidByDbGuid = new Map(users.map((u) => [u.guid, u.guid]));
  const { roots, guidByKey } = codeTree(db);

  const attributeRows = db
    .prepare('SELECT document_id, name, value FROM document_attributes ORDER BY name')
    .all() as {
    document_id: number;
    name: string;
    value: string;
  }[];
  const variableNames = [...new Set(attributeRows.map((r) => r.name))];
  const variableGuid = new Map(variableNames.map((n) => [n, stableGuid('variable', n)]));
  const attrsByDoc = new Map<number, Map<string, string>>();
  for (const r of attributeRows) {
    let m = attrsByDoc.get(r.document_id);
    if (!m) attrsByDoc.set(r.document_id, (m = new Map()));
    m.set(r.name, r.value);
  }
  const valuesOf = (attrs: Map<string, string> | undefined): RefiVariableValue[] =>
    [...(attrs ?? new Map<string, string>())].map(([n, value]) => ({
      variableGuid: variableGuid.get(n)!,
      value,
    }));

  const documents = db
    .prepare('SELECT id, uid, name, text FROM documents ORDER BY name COLLATE NOCASE, id')
    .all() as {
    id: number;
    uid: string;
    name: string;
    text: string;
  }[];
  const labels = db
    .prepare(
      `SELECT l.id, s.document_id, s.start AS seg_start, s.end AS seg_end, l.span_start, l.span_end, c.code_key, co.guid AS coder_guid, l.created_at
       FROM labels l JOIN segments s ON s.id = l.segment_id JOIN codes c ON c.id = l.code_id JOIN coders co ON co.id = l.coder_id
       ORDER BY s.document_id, coalesce(l.span_start, s.start), coalesce(l.span_end, s.end), l.id`,
    )
    .all() as LabelExportRow[];
  const labelsByDoc = new Map<number, LabelExportRow[]>();
  for (const l of labels) {
    const list = labelsByDoc.get(l.document_id);
    if (list) list.push(l);
    else labelsByDoc.set(l.document_id, [l]);
  }

  const texts = new Map<string, string>();
  const sourceGuidByDoc = new Map<number, string>();
  const sources: RefiTextSource[] = documents.map((d) => {
    const guid = normalizeGuid(d.uid) ?? stableGuid('document', d.uid);
    sourceGuidByDoc.set(d.id, guid);
    texts.set(`${guid}.txt`, d.text);
    const offsets = new OffsetMap(d.text);
    const selections: RefiSelection[] = [];
    for (const l of labelsByDoc.get(d.id) ?? []) {
      const start = offsets.toCodePoints(l.span_start ?? l.seg_start);
      const end = offsets.toCodePoints(l.span_end ?? l.seg_end);
      if (start === null || end === null || end <= start) {
        warnings.push(`label ${l.id} in "${d.name}" has offsets outside the text; it was left out`);
        continue;
      }
      const userGuid = userGuidByDbGuid.get(normalizeGuid(l.coder_guid) ?? '') ?? null;
      selections.push({
        guid: stableGuid('selection', l.id),
        start,
        end,
        userGuid,
        createdAt: l.created_at,
        codings: [
          {
            guid: stableGuid('coding', l.id),
            codeGuid: guidByKey.get(l.code_key)!,
            userGuid,
            createdAt: l.created_at,
          },
        ],
      });
    }
    return {
      guid,
      name: d.name,
      internalPath: `${guid}.txt`,
      inlineText: null,
      values: valuesOf(attrsByDoc.get(d.id)),
      selections,
    };
  });

  // Cases: one per school, carrying the attributes all its documents share (group,
  // district, pair …), as NVivo and MAXQDA users expect to find them on the case.
  const bySchool = new Map<string, number[]>();
  for (const d of documents) {
    const school = attrsByDoc.get(d.id)?.get(schoolAttribute);
    if (school === undefined) continue;
    const list = bySchool.get(school);
    if (list) list.push(d.id);
    else bySchool.set(school, [d.id]);
  }
  const cases: RefiCase[] = [...bySchool].map(([school, docIds]) => {
    const shared = new Map(attrsByDoc.get(docIds[0]!) ?? []);
    for (const id of docIds.slice(1)) {
      const attrs = attrsByDoc.get(id);
      for (const [k, v] of shared) if (attrs?.get(k) !== v) shared.delete(k);
    }
    return {
      guid: stableGuid('case', school),
      name: school,
      values: valuesOf(shared),
      sourceGuids: docIds.map((id) => sourceGuidByDoc.get(id)!),
    };
  });

  const aiUsers = users.filter((u) => u.kind === 'ai').map((u) => u.name);
  if (aiUsers.length) {
    warnings.push(
      `REFI-QDA has no AI coders: the codings of ${aiUsers.join(', ')} are exported under users of those names, and other tools (and Concord on import) take them for a person's`,
    );
  }
  const memos = db.prepare("SELECT count(*) FROM labels WHERE memo <> ''").pluck().get() as number;
  if (memos) warnings.push(`${memos} label memos are not exported`);

  return {
    project: {
      name,
      origin: `Concord ${VERSION}`,
      users: users.map(({ guid, name: n }) => ({ guid, name: n })),
      codes: roots,
      variables: variableNames.map((n) => ({ guid: variableGuid.get(n)!, name: n, type: 'Text' })),
      cases,
      sources,
      warnings: [],
    },
    texts,
    warnings,
  };
}
