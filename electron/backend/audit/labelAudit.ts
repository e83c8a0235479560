import type Database from 'better-sqlite3';
import type { LabelAudit, ReviewState } from '../../../shared/contract/review';
import { UserError } from '../errors';
import { codeStatus } from '../review/codeStatus';
import { decisionsOfItem } from '../review/decisionLog';
import { effectiveLabelsSql } from '../review/effectiveLabels';
import { loadNameBook } from '../review/itemView';
import { outputProvenance } from '../review/promptProvenance';
import { reasonsOfMask } from '../review/riskScore';
import { withBefore } from './decisionHistory';

interface LabelRow {
  id: number;
  segment_id: number;
  coder_id: number;
  source: 'human' | 'ai';
  created_at: string;
  code_key: string;
  codebook_version: number;
  coder_kind: 'human' | 'ai';
}

interface ItemRow {
  id: number;
  segment_id: number;
  code_key: string;
  coder_id: number;
  output_id: number | null;
  label_id: number | null;
  ai_present: number;
  state: ReviewState;
  risk: number | null;
  reasons: number;
  audit_rank: number | null;
  last_reviewer: string | null;
  decided_at: string | null;
}

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/**
 * The audit view of one label (or one AI decision, by review item): who or what
 * applied it and when, under which prompt, model and codebook version, whether a
 * reviewer looked at it, who, when and with what before → after, what counts now,
 * and the history entries that name it.
 */
export function labelAudit(db: Database.Database, ref: { labelId?: number; itemId?: number }): LabelAudit {
  const labelSql = `SELECT l.id, l.segment_id, l.coder_id, l.source, l.created_at, c.code_key, v.version AS codebook_version, k.kind AS coder_kind
    FROM labels l JOIN codes c ON c.id = l.code_id JOIN codebook_versions v ON v.id = c.codebook_version_id JOIN coders k ON k.id = l.coder_id
    WHERE l.id = ?`;
  const itemSql = `SELECT id, segment_id, code_key, coder_id, output_id, label_id, ai_present, state, risk, reasons, audit_rank, last_reviewer, decided_at
    FROM review_items`;
  let label: LabelRow | undefined;
  let item: ItemRow | undefined;
  if (ref.labelId !== undefined) {
    label = db.prepare(labelSql).get(ref.labelId) as LabelRow | undefined;
    if (!label)
      throw new UserError(
        `label ${ref.labelId} does not exist (removed? its removal is in the exported history)`,
        'not_found',
      );
    item = db.prepare(`${itemSql} WHERE label_id = ?`).get(label.id) as ItemRow | undefined;
  } else {
    item = db.prepare(`${itemSql} WHERE id = ?`).get(ref.itemId) as ItemRow | undefined;
    if (!item) throw new UserError(`review item ${ref.itemId} does not exist`, 'not_found');
    if (item.label_id !== null) label = db.prepare(labelSql).get(item.label_id) as LabelRow | undefined;
  }
  const names = loadNameBook(db);
  const segmentId = label?.segment_id ?? item!.segment_id;
  const codeKey = label?.code_key ?? item!.code_key;
  const outputId =
    item?.output_id ??
    (label
      ? ((db.prepare('SELECT output_id FROM label_provenance WHERE label_id = ?').pluck().get(label.id) as
          number | undefined) ?? null)
      : null);
  const output = outputProvenance(db, outputId);
  const decision = output?.decisions.get(codeKey);
  const segment = db
    .prepare(
      `SELECT s.id, s.document_id AS documentId, d.name AS documentName, s.idx AS "index", s.speaker, s.text
       FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.id = ?`,
    )
    .get(segmentId) as LabelAudit['segment'] | undefined;
  const decisions = item ? withBefore(decisionsOfItem(db, item.id)) : [];
  const effective = db
    .prepare(`SELECT present, source FROM (${effectiveLabelsSql(db, { scope: { segmentId, codeKey } })})`)
    .get() as { present: number; source: LabelAudit['effective']['source'] } | undefined;
  const historyRows = db
    .prepare(
      `SELECT at, actor, action, before, after FROM history
       WHERE (entity = 'label' AND entity_id = ?) OR (entity = 'review_item' AND entity_id = ?) ORDER BY id`,
    )
    .all(label ? String(label.id) : null, item ? String(item.id) : null) as {
    at: string;
    actor: string;
    action: string;
    before: string | null;
    after: string | null;
  }[];

  return {
    labelId: label?.id ?? null,
    itemId: item?.id ?? null,
    segment: segment ?? null,
    code: {
      key: codeKey,
      name: names.code(codeKey)?.name ?? null,
      codebookVersion: label?.codebook_version ?? output?.provenance.codebookVersion ?? null,
      status: codeStatus(db, codeKey),
    },
    appliedBy: label
      ? {
          kind: label.coder_kind,
          coderId: label.coder_id,
          coderName: names.coder(label.coder_id),
          at: label.created_at,
        }
      : null,
    prompt: output
      ? {
          ...output.provenance,
          decision: decision
            ? {
                present: decision.present,
                confidence: decision.confidence,
                voteShare: decision.voteShare ?? null,
                votes: decision.votes ?? null,
                samples: decision.samples ?? null,
                rationale: decision.rationale ?? '',
                evidence: decision.evidence ?? '',
                evidenceFound: decision.evidenceFound ?? null,
              }
            : null,
        }
      : null,
    review: item
      ? {
          state: item.state,
          reviewed: item.state !== 'pending',
          reviewers: [...new Set(decisions.map((d) => d.reviewer))],
          lastReviewer: item.last_reviewer,
          decidedAt: item.decided_at,
          risk: item.risk,
          reasons: reasonsOfMask(item.reasons),
          inAudit: item.audit_rank !== null,
          decisions,
        }
      : null,
    effective: effective
      ? { present: effective.present === 1, source: effective.source }
      : { present: null, source: null },
    history: historyRows.map((h) => ({
      at: h.at,
      actor: h.actor,
      action: h.action,
      before: parseJson(h.before),
      after: parseJson(h.after),
    })),
  };
}
