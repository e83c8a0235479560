import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AiCoderConfigSchema, type AiCoderConfig, type AiCoderView } from '../../../shared/contract/llm';
import { coderByName, type CoderRow } from '../coding/coders';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { prepareCoder } from './preparedCoder';

// AI coders are rows of `coders` (kind 'ai') like human ones, so every statistic
// treats them the same. The row keeps the configuration (never a key) and its hash;
// a configuration that has produced labels is never changed under them: a new
// configuration is a new coder.

export function aiCoderConfigOf(row: CoderRow): AiCoderConfig {
  if (row.kind !== 'ai' || !row.config)
    throw new UserError(`coder "${row.name}" is not an AI coder`, 'not_found');
  return AiCoderConfigSchema.parse(JSON.parse(row.config));
}

function view(db: Database.Database, row: CoderRow): AiCoderView {
  const labels = (
    db.prepare('SELECT count(*) AS n FROM labels WHERE coder_id = ?').get(row.id) as { n: number }
  ).n;
  const jobs = (db.prepare('SELECT count(*) AS n FROM jobs WHERE coder_id = ?').get(row.id) as { n: number })
    .n;
  return {
    id: row.id,
    name: row.name,
    config: aiCoderConfigOf(row),
    configHash: row.config_hash ?? '',
    labels,
    jobs,
    createdAt: row.created_at,
  };
}

export function getAiCoderRow(db: Database.Database, id: number): CoderRow {
  const row = db.prepare("SELECT * FROM coders WHERE id = ? AND kind = 'ai'").get(id) as CoderRow | undefined;
  if (!row) throw new UserError(`AI coder ${id} does not exist`, 'not_found');
  return row;
}

export const getAiCoder = (db: Database.Database, id: number): AiCoderView => view(db, getAiCoderRow(db, id));

export function listAiCoders(db: Database.Database): AiCoderView[] {
  return (db.prepare("SELECT * FROM coders WHERE kind = 'ai' ORDER BY name").all() as CoderRow[]).map((r) =>
    view(db, r),
  );
}

/** True once the coder has produced anything a statistic could have used. */
function hasWork(db: Database.Database, coderId: number): boolean {
  return Boolean(
    db.prepare('SELECT 1 FROM labels WHERE coder_id = ? LIMIT 1').get(coderId) ??
    db.prepare('SELECT 1 FROM coded_segments WHERE coder_id = ? LIMIT 1').get(coderId),
  );
}

export function createAiCoder(
  db: Database.Database,
  name: string,
  config: AiCoderConfig,
  actor: string,
): AiCoderView {
  const trimmed = name.trim();
  if (!trimmed) throw new UserError('an AI coder needs a name');
  if (coderByName(db, trimmed)) throw new UserError(`a coder named "${trimmed}" already exists`);
  const prepared = prepareCoder(db, config);
  const id = Number(
    db
      .prepare(
        "INSERT INTO coders (name, kind, guid, config, config_hash, created_at) VALUES (?, 'ai', ?, ?, ?, ?)",
      )
      .run(trimmed, randomUUID(), JSON.stringify(config), prepared.configHash, new Date().toISOString())
      .lastInsertRowid,
  );
  recordHistory(db, {
    actor,
    action: 'ai_coder.create',
    entity: 'coder',
    entityId: id,
    after: { name: trimmed, config, configHash: prepared.configHash },
  });
  return getAiCoder(db, id);
}

export function updateAiCoder(
  db: Database.Database,
  id: number,
  config: AiCoderConfig,
  actor: string,
): AiCoderView {
  const row = getAiCoderRow(db, id);
  const prepared = prepareCoder(db, config);
  if (prepared.configHash === row.config_hash) return view(db, row);
  if (hasWork(db, id)) {
    throw new UserError(
      `AI coder "${row.name}" already has labels under its configuration; a changed configuration is a new coder (choose another name)`,
      'config_conflict',
    );
  }
  db.prepare('UPDATE coders SET config = ?, config_hash = ? WHERE id = ?').run(
    JSON.stringify(config),
    prepared.configHash,
    id,
  );
  recordHistory(db, {
    actor,
    action: 'ai_coder.update',
    entity: 'coder',
    entityId: id,
    before: { config: row.config ? (JSON.parse(row.config) as unknown) : null, configHash: row.config_hash },
    after: { config, configHash: prepared.configHash },
  });
  return getAiCoder(db, id);
}

export function deleteAiCoder(db: Database.Database, id: number, actor: string): boolean {
  const row = getAiCoderRow(db, id);
  if (db.prepare('SELECT 1 FROM labels WHERE coder_id = ? LIMIT 1').get(id)) {
    throw new UserError(
      `AI coder "${row.name}" has labels; remove them before deleting the coder`,
      'conflict',
    );
  }
  db.prepare('DELETE FROM llm_outputs WHERE coder_id = ?').run(id);
  db.prepare('DELETE FROM coders WHERE id = ?').run(id);
  recordHistory(db, {
    actor,
    action: 'ai_coder.delete',
    entity: 'coder',
    entityId: id,
    before: { name: row.name, configHash: row.config_hash },
  });
  return true;
}

/** The CLI's way in: the named AI coder with this configuration, created when new. */
export function ensureAiCoder(
  db: Database.Database,
  name: string,
  config: AiCoderConfig,
  actor: string,
): AiCoderView {
  const found = coderByName(db, name.trim());
  if (!found) return createAiCoder(db, name, config, actor);
  if (found.kind !== 'ai')
    throw new UserError(
      `coder "${found.name}" is a human coder; choose another name for the AI coder`,
      'config_conflict',
    );
  const prepared = prepareCoder(db, config);
  if (prepared.configHash === found.config_hash) return view(db, found);
  if (hasWork(db, found.id)) {
    const was = aiCoderConfigOf(found);
    throw new UserError(
      `AI coder "${found.name}" has labels from another configuration (model ${was.model}, codebook version ${was.codebookVersion}, config ${found.config_hash?.slice(0, 12)}); a changed configuration is a new coder: choose another --coder name`,
      'config_conflict',
    );
  }
  return updateAiCoder(db, found.id, config, actor);
}
