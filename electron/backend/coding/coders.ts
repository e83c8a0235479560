import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';

export interface CoderRow {
  id: number;
  name: string;
  kind: 'human' | 'ai';
  guid: string;
  config: string | null;
  config_hash: string | null;
  created_at: string;
}

export function listCoders(db: Database.Database): CoderRow[] {
  return db.prepare('SELECT * FROM coders ORDER BY kind DESC, name').all() as CoderRow[];
}

export function coderByName(db: Database.Database, name: string): CoderRow | undefined {
  return db.prepare('SELECT * FROM coders WHERE name = ?').get(name) as CoderRow | undefined;
}

/** Finds a coder by name or creates it; a name never changes kind. */
export function ensureCoder(
  db: Database.Database,
  name: string,
  kind: 'human' | 'ai',
  guid?: string,
): CoderRow {
  const trimmed = name.trim();
  if (!trimmed) throw new UserError('a coder needs a name');
  const found = coderByName(db, trimmed);
  if (found) {
    if (found.kind !== kind)
      throw new UserError(`coder "${trimmed}" is ${found.kind === 'ai' ? 'an AI' : 'a human'} coder`);
    return found;
  }
  db.prepare('INSERT INTO coders (name, kind, guid, created_at) VALUES (?, ?, ?, ?)').run(
    trimmed,
    kind,
    (guid ?? randomUUID()).toLowerCase(),
    new Date().toISOString(),
  );
  return coderByName(db, trimmed)!;
}

export interface CoderWithCount extends CoderRow {
  labels: number;
}

/** Coders with how many labels each has made (humans first). */
export function listCodersWithCounts(db: Database.Database): CoderWithCount[] {
  return db
    .prepare(
      'SELECT k.*, (SELECT count(*) FROM labels l WHERE l.coder_id = k.id) AS labels FROM coders k ORDER BY k.kind DESC, k.name',
    )
    .all() as CoderWithCount[];
}

export function coderById(db: Database.Database, id: number): CoderRow {
  const row = db.prepare('SELECT * FROM coders WHERE id = ?').get(id) as CoderRow | undefined;
  if (!row) throw new UserError(`coder ${id} does not exist`, 'not_found');
  return row;
}
