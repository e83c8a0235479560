import type Database from 'better-sqlite3';
import type { ApprovalView, CoderRef } from '../../../shared/contract/calibration';
import { getRun } from '../agreement/history';
import { requireCoder } from '../agreement/selectCoders';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';

// Approving an AI coder (DESIGN §1.5 "freeze the config"): the approval names the
// coder and its configuration hash, so it stays attached to that exact configuration
// (a changed configuration is a new coder anyway, see llm/aiCoders.ts); it may point at
// the calibration report that justified it. Revoking keeps the row.

interface ApprovalRow {
  id: number;
  coder_id: number;
  coder_name: string;
  coder_hash: string | null;
  config: string | null;
  config_hash: string;
  calibration_run_id: number | null;
  note: string;
  approved_at: string;
  approved_by: string;
  revoked_at: string | null;
  revoked_by: string | null;
}

const SELECT = `SELECT a.*, c.name AS coder_name, c.config_hash AS coder_hash, c.config FROM coder_approvals a JOIN coders c ON c.id = a.coder_id`;

function view(r: ApprovalRow): ApprovalView {
  let model: string | null = null;
  let codebookVersion: number | null = null;
  try {
    const config = JSON.parse(r.config ?? '{}') as { model?: unknown; codebookVersion?: unknown };
    model = typeof config.model === 'string' ? config.model : null;
    codebookVersion = typeof config.codebookVersion === 'number' ? config.codebookVersion : null;
  } catch {
    // an unreadable configuration still leaves the approval readable
  }
  return {
    id: r.id,
    coderId: r.coder_id,
    coderName: r.coder_name,
    configHash: r.config_hash,
    model,
    codebookVersion,
    calibrationRunId: r.calibration_run_id,
    note: r.note,
    approvedAt: r.approved_at,
    approvedBy: r.approved_by,
    revokedAt: r.revoked_at,
    revokedBy: r.revoked_by,
    // the coder's configuration cannot change under labels, but guard against a hand-edited file
    active: r.revoked_at === null && r.coder_hash === r.config_hash,
  };
}

export function listApprovals(db: Database.Database): ApprovalView[] {
  return (db.prepare(`${SELECT} ORDER BY a.id`).all() as ApprovalRow[]).map(view);
}

export function getApproval(db: Database.Database, id: number): ApprovalView {
  const r = db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as ApprovalRow | undefined;
  if (!r) throw new UserError(`approval ${id} does not exist`, 'not_found');
  return view(r);
}

export function activeApproval(db: Database.Database, coderId: number): ApprovalView | null {
  const r = db.prepare(`${SELECT} WHERE a.coder_id = ? AND a.revoked_at IS NULL`).get(coderId) as
    ApprovalRow | undefined;
  return r ? view(r) : null;
}

/** Approves the coder's current configuration (again approving an approved one returns it). The caller holds the transaction. */
export function approveCoder(
  db: Database.Database,
  ref: CoderRef,
  runId: number | undefined,
  note: string,
  actor: string,
): ApprovalView {
  const coder = requireCoder(db, ref);
  if (coder.kind !== 'ai' || !coder.configHash)
    throw new UserError(`"${coder.name}" is not an AI coder; only an AI coder's configuration is approved`);
  if (runId !== undefined) {
    const run = getRun(db, runId);
    if (!run) throw new UserError(`agreement report ${runId} is not in the history`, 'not_found');
    if (!run.coders.some((c) => c.id === coder.id && c.configHash === coder.configHash))
      throw new UserError(
        `agreement report ${runId} does not include "${coder.name}" with its current configuration`,
      );
  }
  const current = activeApproval(db, coder.id);
  if (current) return current;
  const id = Number(
    db
      .prepare(
        'INSERT INTO coder_approvals (coder_id, config_hash, calibration_run_id, note, approved_at, approved_by) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(coder.id, coder.configHash, runId ?? null, note, new Date().toISOString(), actor).lastInsertRowid,
  );
  recordHistory(db, {
    actor,
    action: 'ai_coder.approve',
    entity: 'coder',
    entityId: coder.id,
    after: { approval: id, configHash: coder.configHash, runId: runId ?? null, note },
  });
  return getApproval(db, id);
}

export function revokeApproval(db: Database.Database, id: number, actor: string): ApprovalView {
  const a = getApproval(db, id);
  if (a.revokedAt) return a;
  db.prepare('UPDATE coder_approvals SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(
    new Date().toISOString(),
    actor,
    id,
  );
  recordHistory(db, {
    actor,
    action: 'ai_coder.revoke_approval',
    entity: 'coder',
    entityId: a.coderId,
    before: { approval: id, configHash: a.configHash },
  });
  return getApproval(db, id);
}
