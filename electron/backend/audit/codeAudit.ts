import type Database from 'better-sqlite3';
import type { CodeAudit } from '../../../shared/contract/review';
import { UserError } from '../errors';
import { codeStatus } from '../review/codeStatus';
import { DECISION_SELECT, decisionsOfItem, type DecisionRow } from '../review/decisionLog';
import { loadNameBook } from '../review/itemView';
import { withBefore } from './decisionHistory';

/**
 * The audit view of one code: the codebook versions that had it, every AI coder and
 * prompt that decided it with how much of that was reviewed and how, the human coders
 * who applied it, the reviewers, and a page of its review decisions (newest first).
 */
export function codeAudit(
  db: Database.Database,
  p: { codeKey: string; offset: number; limit: number },
): CodeAudit {
  const versions = db
    .prepare(
      'SELECT v.version FROM codes c JOIN codebook_versions v ON v.id = c.codebook_version_id WHERE c.code_key = ? ORDER BY v.version',
    )
    .pluck()
    .all(p.codeKey) as number[];
  const decided = db
    .prepare('SELECT 1 FROM review_items WHERE code_key = ? OR replacement_key = ? LIMIT 1')
    .get(p.codeKey, p.codeKey);
  if (!versions.length && !decided)
    throw new UserError(`no codebook version has a code "${p.codeKey}"`, 'not_found');
  const names = loadNameBook(db);
  const configs = db
    .prepare(
      `SELECT i.coder_id AS coderId, k.name AS coderName, coalesce(o.config_hash, k.config_hash) AS configHash, o.prompt_hash AS promptHash,
         coalesce(o.model_requested, json_extract(k.config, '$.model')) AS model, v.version AS codebookVersion,
         sum(i.ai_present = 1) AS aiLabels, sum(i.ai_present = 0 AND i.source <> 'review') AS aiAbsent, sum(i.state <> 'pending') AS reviewed,
         sum(i.state = 'accepted') AS accepted, sum(i.state = 'rejected') AS rejected, sum(i.state = 'changed') AS changed, sum(i.state = 'added') AS added
       FROM review_items i LEFT JOIN coders k ON k.id = i.coder_id LEFT JOIN llm_outputs o ON o.id = i.output_id
         LEFT JOIN codebook_versions v ON v.id = o.codebook_version_id
       WHERE i.code_key = ? AND i.orphaned = 0
       GROUP BY i.coder_id, configHash, promptHash, model, codebookVersion ORDER BY coderName, codebookVersion`,
    )
    .all(p.codeKey) as CodeAudit['configs'];
  const humanLabels = db
    .prepare(
      `SELECT k.id AS coderId, k.name AS coderName, count(*) AS labels FROM labels l JOIN codes c ON c.id = l.code_id JOIN coders k ON k.id = l.coder_id
       WHERE c.code_key = ? AND l.source = 'human' GROUP BY k.id ORDER BY k.name`,
    )
    .all(p.codeKey) as CodeAudit['humanLabels'];
  const scope = 'FROM review_decisions rd JOIN review_items i ON i.id = rd.item_id WHERE i.code_key = ?';
  const reviewers = db
    .prepare(`SELECT rd.reviewer, count(*) AS decisions ${scope} GROUP BY rd.reviewer ORDER BY rd.reviewer`)
    .all(p.codeKey) as CodeAudit['reviewers'];
  const total = db.prepare(`SELECT count(*) ${scope}`).pluck().get(p.codeKey) as number;
  const page = db
    .prepare(
      `${DECISION_SELECT} JOIN review_items i ON i.id = rd.item_id WHERE i.code_key = ? ORDER BY rd.decided_at DESC, rd.id DESC LIMIT ? OFFSET ?`,
    )
    .all(p.codeKey, p.limit, p.offset) as DecisionRow[];
  const itemInfo = db.prepare(
    `SELECT i.segment_id, i.coder_id, i.ai_present, s.idx, d.name FROM review_items i LEFT JOIN segments s ON s.id = i.segment_id
     LEFT JOIN documents d ON d.id = i.document_id WHERE i.id = ?`,
  );
  const rows = page.map((r) => {
    const withPrev = withBefore(decisionsOfItem(db, r.item_id)).find((d) => d.id === r.id)!;
    const info = itemInfo.get(r.item_id) as {
      segment_id: number;
      coder_id: number;
      ai_present: number;
      idx: number | null;
      name: string | null;
    };
    return {
      ...withPrev,
      segmentId: info.segment_id,
      documentName: info.name,
      segmentIndex: info.idx,
      coderName: names.coder(info.coder_id),
      aiPresent: info.ai_present === 1,
    };
  });
  return {
    code: {
      key: p.codeKey,
      name: names.code(p.codeKey)?.name ?? null,
      status: codeStatus(db, p.codeKey),
      versions,
    },
    configs,
    humanLabels,
    reviewers,
    decisions: { total, rows },
  };
}
