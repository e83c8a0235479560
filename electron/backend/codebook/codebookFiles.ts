import type Database from 'better-sqlite3';
import { basename, extname } from 'node:path';
import type { ChangeEntry } from '../../../shared/contract/codebook';
import type { CodebookJson } from '../../../shared/contract/codebookJson';
import { UserError } from '../errors';
import { boundedChangeLog } from './changeLog';
import { codebookJsonText, parseCodebookJson } from './codebookJsonFile';
import { slugify } from './codeKeys';
import { diffCodes } from './diffCodes';
import { codebookMarkdown } from './markdownExport';
import { readQdc } from './qdcRead';
import { writeQdc } from './qdcWrite';
import {
  activeCodebookVersion,
  allCodeKeys,
  codebookVersionByNumber,
  codeDataOfVersion,
  insertCodebookVersion,
  jsonCodesToCodeData,
  requireActiveCodebookVersion,
} from './store';
import { decodeExchangeText } from './textBytes';
import { validateCodebook } from './validateCodebook';

export type CodebookFormat = 'qdc' | 'json' | 'md' | 'docx';

export const MIME_TYPES: Record<CodebookFormat, string> = {
  qdc: 'application/xml',
  json: 'application/json',
  md: 'text/markdown',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export function formatFromFileName(file: string): CodebookFormat | null {
  const ext = extname(file).toLowerCase().slice(1);
  if (ext === 'qdc' || ext === 'xml') return 'qdc';
  if (ext === 'json' || ext === 'md' || ext === 'docx') return ext;
  if (ext === 'markdown') return 'md';
  return null;
}

function guidKeys(db: Database.Database): Map<string, string> {
  const rows = db.prepare('SELECT guid, code_key FROM codes ORDER BY codebook_version_id').all() as {
    guid: string;
    code_key: string;
  }[];
  return new Map(rows.map((r) => [r.guid, r.code_key]));
}

/** Reads a codebook file into the JSON form without storing anything. */
export function readCodebookFile(
  db: Database.Database,
  fileName: string,
  bytes: Uint8Array,
): { codebook: CodebookJson; warnings: string[] } {
  const format = formatFromFileName(fileName);
  if (format !== 'qdc' && format !== 'json') {
    throw new UserError(
      `cannot import "${extname(fileName) || fileName}" as a codebook (use a REFI-QDA .qdc or the JSON form)`,
    );
  }
  const text = decodeExchangeText(bytes, `the codebook file ${basename(fileName)}`);
  if (format === 'json') return { codebook: parseCodebookJson(text), warnings: [] };
  const active = activeCodebookVersion(db);
  const stem = basename(fileName, extname(fileName));
  const read = readQdc(text, {
    name: active?.name ?? stem,
    keyForGuid: guidKeys(db),
    takenKeys: allCodeKeys(db),
  });
  const description =
    active?.description ??
    (read.origin ? `Imported from a REFI-QDA codebook written by ${read.origin}.` : '');
  return { codebook: { ...read.codebook, description }, warnings: read.warnings };
}

export interface CodebookImport {
  version: number;
  codes: number;
  warnings: string[];
}

/**
 * Imports a codebook file as a new version that becomes active; its change log
 * compares it with the version that was active. All or nothing: the caller holds
 * the transaction, and nothing is written before the file has been fully checked.
 */
export function importCodebookFile(
  db: Database.Database,
  fileName: string,
  bytes: Uint8Array,
  actor: string,
): CodebookImport {
  const { codebook, warnings } = readCodebookFile(db, fileName, bytes);
  if (codebook.codes.length === 0) throw new UserError('the codebook has no codes');
  const problems = validateCodebook(codebook);
  if (problems.errors.length) {
    const more = problems.errors.length > 5 ? ` (+${problems.errors.length - 5} more)` : '';
    throw new UserError(`the codebook is not valid: ${problems.errors.slice(0, 5).join('; ')}${more}`);
  }
  const previous = activeCodebookVersion(db);
  const codes = jsonCodesToCodeData(db, codebook);
  const imported: ChangeEntry = {
    kind: 'imported',
    key: null,
    name: null,
    detail: `imported from ${basename(fileName)} (${codes.length} codes)`,
  };
  const changes = previous ? boundedChangeLog(diffCodes(codeDataOfVersion(db, previous.id), codes)) : [];
  const created = insertCodebookVersion(db, {
    name: codebook.name,
    description: codebook.description,
    parentVersion: previous?.version ?? null,
    codes,
    changeLog: [imported, ...changes],
    actor,
  });
  return { version: created.version, codes: codes.length, warnings: [...warnings, ...problems.warnings] };
}

export interface CodebookExport {
  version: number;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/** A version (the active one by default) in one of the export formats. */
export async function exportCodebookFile(
  db: Database.Database,
  format: CodebookFormat,
  version?: number,
): Promise<CodebookExport> {
  const v = version === undefined ? requireActiveCodebookVersion(db) : codebookVersionByNumber(db, version);
  const codes = codeDataOfVersion(db, v.id);
  const header = { name: v.name, version: v.version, description: v.description };
  let bytes: Buffer;
  if (format === 'qdc') {
    if (codes.length === 0)
      throw new UserError(`codebook version ${v.version} has no codes; a .qdc file needs at least one`);
    bytes = Buffer.from(writeQdc(codes, 'Concord'), 'utf8');
  } else if (format === 'json') bytes = Buffer.from(codebookJsonText(header, codes), 'utf8');
  else if (format === 'md') bytes = Buffer.from(codebookMarkdown(header, codes), 'utf8');
  else {
    // the docx package is large; load it only when someone asks for Word
    const { codebookDocx } = await import('./docxExport');
    bytes = await codebookDocx(header, codes);
  }
  return {
    version: v.version,
    fileName: `${slugify(v.name)}-v${v.version}.${format}`,
    mimeType: MIME_TYPES[format],
    bytes,
  };
}
