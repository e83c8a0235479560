import type Database from 'better-sqlite3';
import type { CoderRef, CoderRole } from '../../../shared/contract/calibration';
import { UserError } from '../errors';

export interface SelectedCoder {
  id: number;
  name: string;
  kind: 'human' | 'ai';
  /** a consensus coder is a human row adjudicating other coders; it is never part of the human–human baseline */
  role: CoderRole;
  configHash: string | null;
  model: string | null;
}

interface Row {
  id: number;
  name: string;
  kind: 'human' | 'ai';
  config: string | null;
  config_hash: string | null;
  consensus: number;
}

const ROWS = `SELECT c.id, c.name, c.kind, c.config, c.config_hash,
  EXISTS (SELECT 1 FROM consensus_coders k WHERE k.coder_id = c.id) AS consensus FROM coders c`;

function modelOf(config: string | null): string | null {
  if (!config) return null;
  try {
    const model = (JSON.parse(config) as { model?: unknown }).model;
    return typeof model === 'string' ? model : null;
  } catch {
    return null;
  }
}

const toSelected = (r: Row): SelectedCoder => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  role: r.consensus ? 'consensus' : r.kind,
  configHash: r.config_hash,
  model: modelOf(r.config),
});

function rowByName(db: Database.Database, name: string): Row | undefined {
  const exact = db.prepare(`${ROWS} WHERE c.name = ?`).get(name) as Row | undefined;
  if (exact) return exact;
  // "maya chen (demo)" finds "Maya Chen (demo)", unless the case is what tells two coders apart
  const loose = db.prepare(`${ROWS} WHERE c.name = ? COLLATE NOCASE`).all(name) as Row[];
  return loose.length === 1 ? loose[0] : undefined;
}

/** One coder by name (exact, then case-insensitive), or by id; null when the project has none. */
export function findCoder(db: Database.Database, ref: CoderRef): SelectedCoder | null {
  const byId = (id: number) => db.prepare(`${ROWS} WHERE c.id = ?`).get(id) as Row | undefined;
  const text = typeof ref === 'string' ? ref.trim() : null;
  const row =
    text === null
      ? byId(ref as number)
      : (rowByName(db, text) ?? (/^\d+$/.test(text) ? byId(Number(text)) : undefined));
  return row ? toSelected(row) : null;
}

export function requireCoder(db: Database.Database, ref: CoderRef): SelectedCoder {
  const c = findCoder(db, ref);
  if (!c) throw unknownCoders(db, [ref]);
  return c;
}

function unknownCoders(db: Database.Database, refs: CoderRef[]): UserError {
  const names = db.prepare('SELECT name FROM coders ORDER BY kind DESC, name').pluck().all() as string[];
  const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
  const list = refs.map((r) => JSON.stringify(String(r))).join(', ');
  return new UserError(
    `unknown coder${refs.length > 1 ? 's' : ''} ${list}; ${names.length ? `the project has: ${shown}` : 'the project has no coders yet'}`,
    'not_found',
  );
}

/** The coders of a report, in the order given; every unknown one is named in one error. */
export function selectCoders(db: Database.Database, refs: readonly CoderRef[], min = 2): SelectedCoder[] {
  const found = refs.map((r) => findCoder(db, r));
  const missing = refs.filter((_r, i) => !found[i]);
  if (missing.length) throw unknownCoders(db, missing);
  const coders = found as SelectedCoder[];
  const seen = new Set<number>();
  for (const c of coders) {
    if (seen.has(c.id)) throw new UserError(`coder "${c.name}" is listed twice`);
    seen.add(c.id);
  }
  if (coders.length < min)
    throw new UserError(`agreement needs at least ${min} coders, got ${coders.length}`);
  return coders;
}
