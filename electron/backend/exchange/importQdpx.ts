import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ImportQdpxReport } from '../../../shared/contract/exchange';
import { readQdc } from '../codebook/qdcRead';
import { createCodebookVersion } from '../codebook/store';
import { ensureCoder } from '../coding/coders';
import { addLabel, markSegmentCoded } from '../coding/labels';
import { setDocumentAttributes } from '../documents/attributes';
import { attributeCounts } from '../documents/queries';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { countWords } from '../import';
import { Project } from '../project/project';
import { OffsetMap } from './codePointOffsets';
import { readQdpx, type QdpxContent } from './readQdpx';
import { segmentCodedSource } from './segmentSource';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const sideFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`, `${path}-journal`];

/** An attribute name Concord accepts (letters, digits, space, _ . -; ≤ 64), as close to the variable's name as possible. */
function attributeName(raw: string): string {
  const cleaned = raw
    .trim()
    .replace(/[^\p{L}\p{N}_ .-]+/gu, '_')
    .replace(/^[ .-]+/, '')
    .slice(0, 64)
    .trim();
  return cleaned || 'variable';
}

/** Unique, non-empty names in order: "ana", "ana (2)", … */
function uniqueNames(names: string[], fallback: (i: number) => string): string[] {
  const seen = new Set<string>();
  return names.map((raw, i) => {
    const base = raw.trim() || fallback(i);
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    seen.add(name.toLowerCase());
    return name;
  });
}

interface SegmentSpan {
  id: number;
  start: number;
  end: number;
}

/**
 * The segment a span belongs to: the one containing its start (found by bisection, the
 * segments being in text order), else the first it overlaps, else the nearest.
 */
function segmentFor(segments: readonly SegmentSpan[], start: number, end: number): SegmentSpan | null {
  let lo = 0;
  let hi = segments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]!.start <= start) lo = mid + 1;
    else hi = mid;
  }
  const before = segments[lo - 1];
  if (before && start < before.end) return before;
  // the start lies between segments (a speaker label, a blank line): the next segment if
  // the span reaches it, else whichever neighbour is closer
  const after = segments[lo];
  if (after && end > after.start) return after;
  if (!before) return after ?? null;
  if (!after) return before;
  return start - before.end <= after.start - end ? before : after;
}

function writeProject(project: Project, content: QdpxContent, actor: string, name: string): string[] {
  const { project: refi, texts } = content;
  const db = project.db;
  const warnings = [...refi.warnings];

  // codes: the codebook reader of `codebook import` does this for .qdc files, with the same rules
  const codeIdByGuid = new Map<string, number>();
  if (refi.codes.length) {
    const read = readQdc(content.projectXml, {
      name: refi.name || name,
      keyForGuid: new Map(),
      takenKeys: new Set(),
    });
    warnings.push(...read.warnings);
    const version = createCodebookVersion(db, read.codebook, actor, [
      {
        kind: 'imported',
        key: null,
        name: null,
        detail: `from a REFI-QDA project${refi.origin ? ` written by ${refi.origin}` : ''}`,
      },
    ]);
    for (const r of db
      .prepare('SELECT id, guid FROM codes WHERE codebook_version_id = ?')
      .all(version.id) as { id: number; guid: string }[]) {
      codeIdByGuid.set(r.guid, r.id);
    }
  }
  const versionId = db
    .prepare('SELECT id FROM codebook_versions ORDER BY version DESC LIMIT 1')
    .pluck()
    .get() as number | undefined;

  // REFI users are people: human coders, keeping their GUIDs
  const userNames = uniqueNames(
    refi.users.map((u) => u.name),
    (i) => `user ${refi.users[i]!.guid.slice(0, 8)}`,
  );
  const coderIdByGuid = new Map(
    refi.users.map((u, i) => [u.guid, ensureCoder(db, userNames[i]!, 'human', u.guid).id]),
  );
  // some tools leave creatingUser out: those codings go to one coder named "imported"
  let anonymous: number | null = null;
  const coderFor = (guid: string | null) => {
    const id = guid === null ? undefined : coderIdByGuid.get(guid);
    if (id !== undefined) return id;
    anonymous ??= ensureCoder(
      db,
      uniqueNames([...userNames, 'imported'], () => 'imported').at(-1)!,
      'human',
    ).id;
    return anonymous;
  };

  // attributes: case variables first, then the source's own values override them
  const variableName = new Map(refi.variables.map((v) => [v.guid, attributeName(v.name)]));
  const renamed = refi.variables.filter((v) => attributeName(v.name) !== v.name.trim());
  if (renamed.length)
    warnings.push(
      `variable names changed to fit Concord's attribute names: ${renamed.map((v) => `"${v.name}" → "${variableName.get(v.guid)}"`).join(', ')}`,
    );
  const caseValues = new Map<string, Map<string, string>>();
  for (const c of refi.cases) {
    for (const sourceGuid of c.sourceGuids) {
      const values = caseValues.get(sourceGuid) ?? new Map<string, string>();
      for (const v of c.values) values.set(variableName.get(v.variableGuid)!, v.value);
      caseValues.set(sourceGuid, values);
    }
  }

  const insertDoc = db.prepare(
    `INSERT INTO documents (uid, name, source_file, format, encoding, content_hash, text, chars, words, imported_at)
     VALUES (?, ?, ?, 'txt', 'utf-8', ?, ?, ?, ?, ?)`,
  );
  const insertSeg = db.prepare(
    `INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words, time_start, time_end)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
  );
  const hashTaken = db.prepare('SELECT 1 FROM documents WHERE content_hash = ?').pluck();
  const docNames = uniqueNames(
    refi.sources.map((s) => s.name),
    (i) => `source ${i + 1}`,
  );
  const now = new Date().toISOString();
  let spanLabels = 0;
  refi.sources.forEach((source, i) => {
    const text = texts.get(source.guid) ?? '';
    let hash = sha256(text);
    if (hashTaken.get(hash)) hash = sha256(`${source.guid}\u0000${text}`);
    const docId = Number(
      insertDoc.run(source.guid, docNames[i], basename(name), hash, text, text.length, countWords(text), now)
        .lastInsertRowid,
    );
    const offsets = new OffsetMap(text);
    const coded = source.selections.map((sel) => ({
      start: offsets.toUtf16(sel.start)!,
      end: offsets.toUtf16(sel.end)!,
    }));
    const segments: SegmentSpan[] = segmentCodedSource(text, coded).map((s) => ({
      id: Number(
        insertSeg.run(
          `seg-${sha256(`${source.guid}:${s.index}`).slice(0, 16)}`,
          docId,
          s.index,
          s.turnIndex,
          s.speaker,
          s.start,
          s.end,
          s.text,
          s.words,
        ).lastInsertRowid,
      ),
      start: s.start,
      end: s.end,
    }));
    const values = new Map(caseValues.get(source.guid) ?? []);
    for (const v of source.values) values.set(variableName.get(v.variableGuid)!, v.value);
    if (values.size) setDocumentAttributes(db, docId, Object.fromEntries(values), actor);

    const codersHere = new Set<number>();
    for (const sel of source.selections) {
      if (sel.start === sel.end) {
        warnings.push(`an empty selection (${sel.start}–${sel.end}) in "${source.name}" was skipped`);
        continue;
      }
      const start = offsets.toUtf16(sel.start)!;
      const end = offsets.toUtf16(sel.end)!;
      const segment = segmentFor(segments, start, end);
      if (!segment) throw new UserError(`source "${source.name}" has codings but no text to attach them to`);
      const whole = segment.start === start && segment.end === end;
      for (const coding of sel.codings) {
        const codeId = codeIdByGuid.get(coding.codeGuid);
        if (codeId === undefined)
          throw new UserError(
            `a coding in "${source.name}" refers to code ${coding.codeGuid}, which the codebook does not have`,
          );
        const coderId = coderFor(coding.userGuid);
        codersHere.add(coderId);
        addLabel(
          db,
          { segmentId: segment.id, codeId, coderId, source: 'human', span: whole ? null : { start, end } },
          actor,
        );
        if (!whole) spanLabels++;
      }
    }
    // REFI has no "coded and found nothing": a coder who coded anything in a document
    // is taken to have read all of it, so agreement statistics see their zeros
    if (versionId !== undefined)
      for (const coderId of codersHere)
        for (const s of segments) markSegmentCoded(db, coderId, s.id, versionId);
  });
  if (spanLabels)
    warnings.push(
      `${spanLabels} coding(s) cover part of a segment or several segments; their exact spans are kept`,
    );
  return warnings;
}

/**
 * Creates `target` as a new project holding the REFI-QDA project in `bytes`. The file
 * is built under a temporary name and renamed at the end, so a failure at any point
 * leaves no project file behind, and an existing target is never touched.
 */
export async function importQdpxToNewProject(
  bytes: Buffer,
  target: string,
  actor: string,
): Promise<ImportQdpxReport> {
  if (existsSync(target)) {
    throw new UserError(
      statSync(target).isDirectory()
        ? `${target} is a directory`
        : `${target} already exists; import-qdpx creates a new project`,
    );
  }
  for (const side of sideFiles(target).slice(1))
    if (existsSync(side)) throw new UserError(`${side} exists; remove it or choose another target`);
  if (!existsSync(dirname(target))) throw new UserError(`the folder ${dirname(target)} does not exist`);
  const content = await readQdpx(bytes);
  const temp = join(dirname(target), `.${basename(target)}.importing-${process.pid}-${Date.now()}`);
  let project: Project | null = null;
  try {
    project = Project.open(temp, 'create');
    const p = project;
    const warnings = p.transaction(() => {
      const w = writeProject(p, content, actor, basename(target));
      recordHistory(p.db, {
        actor,
        action: 'exchange.importQdpx',
        entity: 'project',
        after: {
          origin: content.project.origin,
          name: content.project.name,
          sources: content.project.sources.length,
        },
      });
      return w;
    });
    const counts = {
      documents: p.db.prepare('SELECT count(*) FROM documents').pluck().get() as number,
      codes: p.db.prepare('SELECT count(*) FROM codes').pluck().get() as number,
      coders: p.db.prepare('SELECT count(*) FROM coders').pluck().get() as number,
      labels: p.db.prepare('SELECT count(*) FROM labels').pluck().get() as number,
      attributes: attributeCounts(p.db),
    };
    p.close();
    project = null;
    if (existsSync(target))
      throw new UserError(`${target} appeared while importing; nothing was overwritten`);
    renameSync(temp, target);
    return { path: target, ...counts, warnings };
  } finally {
    project?.close();
    for (const f of sideFiles(temp)) rmSync(f, { force: true });
  }
}
