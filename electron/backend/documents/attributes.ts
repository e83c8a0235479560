import type Database from 'better-sqlite3';
import { recordHistory } from '../history/record';
import { UserError } from '../errors';

const NAME_RE = /^[\p{L}\p{N}_][\p{L}\p{N}_ .-]{0,63}$/u;

export function validateAttributeName(name: string): string {
  const n = name.trim();
  if (!NAME_RE.test(n)) {
    throw new UserError(
      `"${name}" is not a valid attribute name (letters, digits, space, _ . -; up to 64 characters)`,
    );
  }
  return n;
}

/**
 * Sets (value) or removes (null or empty) attributes of one document. The caller runs
 * this inside a transaction; history records before → after.
 */
export function setDocumentAttributes(
  db: Database.Database,
  documentId: number,
  changes: Record<string, string | null>,
  actor: string,
): void {
  const before = Object.fromEntries(
    (
      db.prepare('SELECT name, value FROM document_attributes WHERE document_id = ?').all(documentId) as {
        name: string;
        value: string;
      }[]
    ).map((r) => [r.name, r.value]),
  );
  const upsert = db.prepare(
    'INSERT INTO document_attributes (document_id, name, value) VALUES (?, ?, ?) ON CONFLICT (document_id, name) DO UPDATE SET value = excluded.value',
  );
  const remove = db.prepare('DELETE FROM document_attributes WHERE document_id = ? AND name = ?');
  const after: Record<string, string> = { ...before };
  for (const [rawName, rawValue] of Object.entries(changes)) {
    const name = validateAttributeName(rawName);
    const value = rawValue?.trim() ?? '';
    if (value === '') {
      remove.run(documentId, name);
      delete after[name];
    } else {
      upsert.run(documentId, name, value);
      after[name] = value;
    }
  }
  recordHistory(db, {
    actor,
    action: 'attributes.set',
    entity: 'document',
    entityId: documentId,
    before,
    after,
  });
}
