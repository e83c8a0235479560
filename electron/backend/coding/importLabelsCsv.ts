import type Database from 'better-sqlite3';
import { requireActiveCodebookVersion, type CodeRow } from '../codebook/store';
import { decodeExchangeText } from '../codebook/textBytes';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { coderByName, ensureCoder } from './coders';
import { addLabel, markSegmentCoded } from './labels';
import { parseLabelsCsv, type LabelsCsvRow } from './labelsCsv';

export interface LabelsImport {
  /** labels created (rows repeating an existing label add none) */
  labels: number;
  /** coders named in the file */
  coders: string[];
  warnings: string[];
}

interface ResolvedRow {
  segmentId: number;
  coder: string;
  codeId: number | null;
}

/** Looks up names that may repeat: a unique match, 'ambiguous', or undefined. */
function uniqueIndex<T>(items: readonly T[], key: (t: T) => string): Map<string, T | 'ambiguous'> {
  const out = new Map<string, T | 'ambiguous'>();
  for (const it of items) out.set(key(it), out.has(key(it)) ? 'ambiguous' : it);
  return out;
}

function resolver(db: Database.Database) {
  const version = requireActiveCodebookVersion(db);
  const codes = db.prepare('SELECT * FROM codes WHERE codebook_version_id = ?').all(version.id) as CodeRow[];
  const codeByKey = new Map(codes.map((c) => [c.code_key, c]));
  const codeByName = uniqueIndex(codes, (c) => c.name);
  const codeByFolded = uniqueIndex(codes, (c) => c.name.toLowerCase());
  const docs = db.prepare('SELECT id, uid, name FROM documents').all() as {
    id: number;
    uid: string;
    name: string;
  }[];
  const docByName = uniqueIndex(docs, (d) => d.name);
  const docByUid = new Map(docs.map((d) => [d.uid, d]));
  const byIndex = db.prepare('SELECT id FROM segments WHERE document_id = ? AND idx = ?').pluck();
  const byUid = db.prepare('SELECT id, document_id FROM segments WHERE uid = ?');

  const resolve = (r: LabelsCsvRow): ResolvedRow | string => {
    if (!r.document) return 'the document is empty';
    const named = docByName.get(r.document);
    if (named === 'ambiguous') return `several documents are named "${r.document}"; use the document's uid`;
    const doc = named ?? docByUid.get(r.document);
    if (!doc) return `unknown document "${r.document}"`;
    if (!r.segment) return 'the segment is empty';
    let segmentId: number | undefined;
    if (/^\d+$/.test(r.segment)) {
      segmentId = byIndex.get(doc.id, Number(r.segment)) as number | undefined;
      if (segmentId === undefined)
        return `document "${r.document}" has no segment ${r.segment} (segments count from 0)`;
    } else {
      const s = byUid.get(r.segment) as { id: number; document_id: number } | undefined;
      if (!s) return `unknown segment "${r.segment}" (give a 0-based index or a segment uid)`;
      if (s.document_id !== doc.id)
        return `segment "${r.segment}" belongs to another document than "${r.document}"`;
      segmentId = s.id;
    }
    if (!r.coder) return 'the coder is empty';
    const existing = coderByName(db, r.coder);
    if (existing && existing.kind !== 'human')
      return `"${r.coder}" is an AI coder; human labels need a human coder`;
    // an empty code records that the coder coded the segment and found no code applied
    if (!r.code) return { segmentId, coder: r.coder, codeId: null };
    const code =
      codeByKey.get(r.code) ??
      codeByName.get(r.code) ??
      (codeByFolded.get(r.code.toLowerCase()) as CodeRow | 'ambiguous' | undefined);
    if (code === 'ambiguous') return `several codes are named "${r.code}"; use the code's key`;
    if (!code) return `unknown code "${r.code}" (not in the active codebook, version ${version.version})`;
    return { segmentId, coder: r.coder, codeId: code.id };
  };
  return { version, resolve };
}

/**
 * Imports human labels coded elsewhere. All or nothing: every row is resolved first
 * (document by name or uid, segment by 0-based index or uid, code by key or name in
 * the active version) and any problem rejects the file, naming the lines. Coders are
 * created as needed and each (coder, segment) pair is marked coded, so codes a coder
 * did not apply there count as deliberate zeros. The caller holds the transaction.
 */
export function importLabelsCsv(
  db: Database.Database,
  bytes: Uint8Array,
  fileName: string,
  actor: string,
): LabelsImport {
  const { rows, warnings } = parseLabelsCsv(decodeExchangeText(bytes, `the labels file ${fileName}`));
  const { version, resolve } = resolver(db);
  const resolved: ResolvedRow[] = [];
  const problems: string[] = [];
  for (const r of rows) {
    const out = resolve(r);
    if (typeof out === 'string') problems.push(`line ${r.line}: ${out}`);
    else resolved.push(out);
  }
  if (problems.length) {
    const more = problems.length > 5 ? ` (+${problems.length - 5} more)` : '';
    throw new UserError(
      `nothing imported: ${problems.length} bad row${problems.length === 1 ? '' : 's'} in ${fileName}: ${problems.slice(0, 5).join('; ')}${more}`,
    );
  }
  const before = db.prepare('SELECT count(*) FROM labels').pluck().get() as number;
  const coderIds = new Map<string, number>();
  const marked = new Set<string>();
  let duplicates = 0;
  const seen = new Set<string>();
  for (const r of resolved) {
    let coderId = coderIds.get(r.coder);
    if (coderId === undefined) {
      coderId = ensureCoder(db, r.coder, 'human').id;
      coderIds.set(r.coder, coderId);
    }
    if (r.codeId !== null) {
      const k = `${coderId}:${r.segmentId}:${r.codeId}`;
      if (seen.has(k)) duplicates++;
      seen.add(k);
      addLabel(db, { segmentId: r.segmentId, codeId: r.codeId, coderId, source: 'human' }, actor);
    }
    const pair = `${coderId}:${r.segmentId}`;
    if (!marked.has(pair)) markSegmentCoded(db, coderId, r.segmentId, version.id);
    marked.add(pair);
  }
  const created = (db.prepare('SELECT count(*) FROM labels').pluck().get() as number) - before;
  if (duplicates)
    warnings.push(`${duplicates} row${duplicates === 1 ? '' : 's'} repeated a label already in the file`);
  const existing = resolved.filter((r) => r.codeId !== null).length - duplicates - created;
  if (existing > 0)
    warnings.push(`${existing} label${existing === 1 ? ' was' : 's were'} already in the project`);
  recordHistory(db, {
    actor,
    action: 'labels.import',
    entity: 'labels',
    after: {
      file: fileName,
      rows: rows.length,
      labels: created,
      coders: [...coderIds.keys()],
      codebookVersion: version.version,
    },
  });
  return { labels: created, coders: [...coderIds.keys()].sort(), warnings };
}
