import type Database from 'better-sqlite3';

export interface HistoryEntry {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends to the project's history (the table refuses updates and deletes). */
export function recordHistory(db: Database.Database, e: HistoryEntry): void {
  db.prepare(
    'INSERT INTO history (at, actor, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(
    new Date().toISOString(),
    e.actor,
    e.action,
    e.entity,
    e.entityId == null ? null : String(e.entityId),
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
  );
}
