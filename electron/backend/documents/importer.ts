import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import type { ImportProgress, ImportReport, ImportSource } from '../../../shared/contract/documents';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import {
  decodeText,
  extractDocxText,
  formatFromFileName,
  ImportFileError,
  parseTranscript,
  parseTurnsCsv,
  segmentTurns,
  countWords,
  type ParsedDocument,
} from '../import';
import type { Project } from '../project/project';
import { applyMetadata } from './applyMetadata';

/** DESIGN.md §4: larger files go to `errors`. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_SEGMENT_CHARS = 1200;

export interface ImportOptions {
  actor: string;
  maxSegmentChars?: number;
  /** base directory for relative paths (the CLI's cwd) */
  cwd?: string;
  onProgress?: (p: ImportProgress) => void;
}

interface LoadedFile {
  label: string;
  name: string;
  bytes: Uint8Array;
}

interface PreparedDocument {
  name: string;
  format: string;
  encoding: string | null;
  doc: ParsedDocument;
  hash: string;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function loadSource(src: ImportSource, cwd = process.cwd()): LoadedFile {
  if ('path' in src) {
    const full = resolve(cwd, src.path);
    if (!existsSync(full)) throw new UserError('no such file');
    const st = statSync(full);
    if (st.isDirectory()) throw new UserError('is a directory, not a file');
    if (st.size > MAX_IMPORT_BYTES)
      throw new UserError(`file is too large (${mb(st.size)}; the limit is 20 MB)`);
    return { label: src.path, name: basename(full), bytes: readFileSync(full) };
  }
  const bytes = Buffer.from(src.contentBase64, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES)
    throw new UserError(`file is too large (${mb(bytes.length)}; the limit is 20 MB)`);
  return { label: src.name, name: basename(src.name), bytes };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const stem = (name: string) => basename(name, extname(name));

async function prepareDocuments(file: LoadedFile): Promise<{ docs: PreparedDocument[]; warnings: string[] }> {
  const format = formatFromFileName(file.name);
  if (!format) {
    throw new UserError(
      `unsupported file type "${extname(file.name) || file.name}" (use .txt, .md, .docx, .vtt, .srt or a turns .csv)`,
    );
  }
  if (file.bytes.length === 0) throw new ImportFileError('file is empty');
  if (format === 'docx') {
    const text = await extractDocxText(file.bytes);
    const doc = parseTranscript(text, 'txt');
    return {
      docs: [{ name: stem(file.name), format, encoding: null, doc, hash: sha256(doc.text) }],
      warnings: doc.warnings,
    };
  }
  const { text, encoding } = decodeText(file.bytes);
  if (format === 'csv') {
    const parsed = parseTurnsCsv(text);
    const docs = parsed.documents.map((d) => ({
      name: d.name,
      format,
      encoding,
      doc: d.doc,
      hash: sha256(`${d.name}\u0000${d.doc.text}`),
    }));
    return { docs, warnings: [...parsed.warnings, ...parsed.documents.flatMap((d) => d.doc.warnings)] };
  }
  const doc = parseTranscript(text, format);
  return {
    docs: [{ name: stem(file.name), format, encoding, doc, hash: sha256(doc.text) }],
    warnings: doc.warnings,
  };
}

function segmentUid(hash: string, index: number): string {
  return `seg-${sha256(`${hash}:${index}`).slice(0, 16)}`;
}

/**
 * Imports each file in its own transaction: a bad file lands in `errors` with its
 * reason and never stops or half-writes the others. Duplicates (same content hash)
 * are `skipped`.
 */
export async function importSources(
  project: Project,
  sources: ImportSource[],
  opts: ImportOptions,
  meta?: ImportSource,
): Promise<ImportReport> {
  const db = project.db;
  const report: ImportReport = { imported: [], skipped: [], errors: [], warnings: [], meta: null };
  const maxChars = opts.maxSegmentChars ?? DEFAULT_MAX_SEGMENT_CHARS;
  const findByHash = db.prepare('SELECT id, name FROM documents WHERE content_hash = ?');
  const insertDoc = db.prepare(
    `INSERT INTO documents (uid, name, source_file, format, encoding, content_hash, text, chars, words, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSeg = db.prepare(
    `INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words, time_start, time_end)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  for (let i = 0; i < sources.length; i++) {
    const src = sources[i]!;
    let label = 'path' in src ? src.path : src.name;
    try {
      const file = loadSource(src, opts.cwd);
      label = file.label;
      const { docs, warnings } = await prepareDocuments(file);
      for (const w of warnings) report.warnings.push({ file: label, warning: w });
      const segmented = docs.map((d) => ({ ...d, segments: segmentTurns(d.doc, { maxChars }) }));
      for (const d of segmented) {
        if (d.segments.length === 0)
          throw new ImportFileError(
            `no transcript text found${docs.length > 1 ? ` in document "${d.name}"` : ''}`,
          );
      }
      project.transaction(() => {
        for (const d of segmented) {
          const dup = findByHash.get(d.hash) as { id: number; name: string } | undefined;
          if (dup) {
            report.skipped.push({
              file: label,
              reason: `duplicate of document "${dup.name}" (same content)`,
            });
            continue;
          }
          const words = countWords(d.doc.text);
          const now = new Date().toISOString();
          const id = Number(
            insertDoc.run(
              randomUUID(),
              d.name,
              file.name,
              d.format,
              d.encoding,
              d.hash,
              d.doc.text,
              d.doc.text.length,
              words,
              now,
            ).lastInsertRowid,
          );
          for (const s of d.segments) {
            insertSeg.run(
              segmentUid(d.hash, s.index),
              id,
              s.index,
              s.turnIndex,
              s.speaker,
              s.start,
              s.end,
              s.text,
              s.words,
              s.timeStart,
              s.timeEnd,
            );
          }
          recordHistory(db, {
            actor: opts.actor,
            action: 'document.import',
            entity: 'document',
            entityId: id,
            after: {
              name: d.name,
              file: file.name,
              format: d.format,
              segments: d.segments.length,
              hash: d.hash,
            },
          });
          report.imported.push({ file: label, document_id: id, name: d.name, segments: d.segments.length });
        }
      });
    } catch (e) {
      if (!(e instanceof UserError || e instanceof ImportFileError)) throw e;
      report.errors.push({ file: label, error: e.message });
    }
    opts.onProgress?.({ done: i + 1, total: sources.length, file: label });
    // let progress events and other requests through between files
    await new Promise((r) => setImmediate(r));
  }

  if (meta) {
    const metaLabel = 'path' in meta ? meta.path : meta.name;
    try {
      const file = loadSource(meta, opts.cwd);
      const { text } = decodeText(file.bytes);
      const res = applyMetadata(project, text, metaLabel, opts.actor);
      report.meta = { file: metaLabel, updated: res.updated, unmatched: res.unmatched, error: null };
    } catch (e) {
      if (!(e instanceof UserError || e instanceof ImportFileError)) throw e;
      report.meta = { file: metaLabel, updated: 0, unmatched: [], error: e.message };
      report.errors.push({ file: metaLabel, error: e.message });
    }
  }
  return report;
}
