import type Database from 'better-sqlite3';
import type { CoderRef } from '../../../shared/contract/calibration';
import { type SelectedCoder, selectCoders } from '../agreement/selectCoders';
import { coderByName, ensureCoder } from '../coding/coders';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';

// The consensus coder: a human coder row listed in consensus_coders with the coders it
// adjudicates. Its labels are the gold standard the AI coders are measured against.

export interface ConsensusCoder {
  coderId: number;
  name: string;
  sources: SelectedCoder[];
}

function sourcesOf(db: Database.Database, coderId: number): SelectedCoder[] {
  const ids = JSON.parse(
    db
      .prepare('SELECT source_coders FROM consensus_coders WHERE coder_id = ?')
      .pluck()
      .get(coderId) as string,
  ) as number[];
  return selectCoders(db, ids);
}

export function findConsensusCoder(db: Database.Database, name: string): ConsensusCoder | null {
  const row = coderByName(db, name.trim());
  if (!row || !db.prepare('SELECT 1 FROM consensus_coders WHERE coder_id = ?').get(row.id)) return null;
  return { coderId: row.id, name: row.name, sources: sourcesOf(db, row.id) };
}

export function requireConsensusCoder(db: Database.Database, name: string): ConsensusCoder {
  const c = findConsensusCoder(db, name);
  if (!c)
    throw new UserError(
      `there is no consensus coder named "${name}"; start the consensus first`,
      'not_found',
    );
  return c;
}

/** The consensus coder of these human coders under this name, created when new. The caller holds the transaction. */
export function ensureConsensusCoder(
  db: Database.Database,
  name: string,
  refs: readonly CoderRef[],
  actor: string,
): ConsensusCoder {
  const sources = selectCoders(db, refs);
  const notHuman = sources.filter((s) => s.role !== 'human');
  if (notHuman.length)
    throw new UserError(
      `a consensus adjudicates human coders; ${notHuman.map((s) => `"${s.name}" is ${s.role === 'ai' ? 'an AI coder' : 'a consensus coder'}`).join(', ')}`,
    );
  const wanted = sources.map((s) => s.id).sort((a, b) => a - b);
  const existing = findConsensusCoder(db, name);
  if (existing) {
    const have = existing.sources.map((s) => s.id).sort((a, b) => a - b);
    if (have.join(',') !== wanted.join(','))
      throw new UserError(
        `"${existing.name}" is the consensus of ${existing.sources.map((s) => s.name).join(', ')}; choose another name for a consensus of ${sources.map((s) => s.name).join(', ')}`,
        'conflict',
      );
    return existing;
  }
  if (coderByName(db, name.trim()))
    throw new UserError(
      `a coder named "${name.trim()}" already exists and is not a consensus coder; choose another name`,
      'conflict',
    );
  const coder = ensureCoder(db, name, 'human');
  db.prepare(
    'INSERT INTO consensus_coders (coder_id, source_coders, created_at, created_by) VALUES (?, ?, ?, ?)',
  ).run(coder.id, JSON.stringify(wanted), new Date().toISOString(), actor);
  recordHistory(db, {
    actor,
    action: 'consensus.create',
    entity: 'coder',
    entityId: coder.id,
    after: { name: coder.name, sources: sources.map((s) => s.name) },
  });
  return { coderId: coder.id, name: coder.name, sources };
}
