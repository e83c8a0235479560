import type Database from 'better-sqlite3';
import { loadNameBook } from '../review/itemView';
import { reasonsOfMask } from '../review/riskScore';

/** One change to what a segment is coded with, from whichever part of the app made it. */
export interface LabelEvent {
  at: string;
  actor: string;
  /** ai: a labeling job; human: manual coding or an import; reviewer: a review decision */
  actor_kind: 'ai' | 'human' | 'reviewer';
  event: string;
  document: string | null;
  segment_id: number | null;
  segment_index: number | null;
  code_id: string | null;
  code: string | null;
  coder: string | null;
  before: string | null;
  after: string | null;
  state_before: string | null;
  state_after: string | null;
  changed_to: string | null;
  memo: string | null;
  config_hash: string | null;
  prompt_hash: string | null;
  model: string | null;
  codebook_version: number | null;
  review_reasons: string[];
  risk: number | null;
  item_id: number | null;
  label_id: number | null;
  decision_id: number | null;
}

export const LABEL_EVENT_COLUMNS: readonly (keyof LabelEvent)[] = [
  'at',
  'actor',
  'actor_kind',
  'event',
  'document',
  'segment_id',
  'segment_index',
  'code_id',
  'code',
  'coder',
  'before',
  'after',
  'state_before',
  'state_after',
  'changed_to',
  'memo',
  'config_hash',
  'prompt_hash',
  'model',
  'codebook_version',
  'review_reasons',
  'risk',
  'item_id',
  'label_id',
  'decision_id',
];

const presence = (column: string) => `CASE ${column} WHEN 1 THEN 'present' WHEN 0 THEN 'absent' END`;

// Three sources, one stream: AI labels (labels + their provenance; a job writes no
// history row per label), human label changes (the history table: label.add,
// label.remove, label.memo, written by coding/ and the importers) and review
// decisions (with the state each found, from the decision one revision earlier).
const EVENTS_SQL = `
  SELECT l.created_at AS at, k.name AS actor, 'ai' AS actor_kind, 'ai.label' AS event, l.segment_id, c.code_key, k.name AS coder,
    'absent' AS before, 'present' AS after, NULL AS state_before, NULL AS state_after, NULL AS changed_to, NULL AS memo,
    coalesce(o.config_hash, k.config_hash) AS config_hash, o.prompt_hash, coalesce(o.model_returned, o.model_requested) AS model,
    v.version AS codebook_version, NULL AS reasons, NULL AS risk, NULL AS item_id, l.id AS label_id, NULL AS decision_id, 0 AS source_order, l.id AS seq
  FROM labels l JOIN codes c ON c.id = l.code_id JOIN coders k ON k.id = l.coder_id JOIN codebook_versions v ON v.id = c.codebook_version_id
    LEFT JOIN label_provenance p ON p.label_id = l.id LEFT JOIN llm_outputs o ON o.id = p.output_id
  WHERE l.source = 'ai'
  UNION ALL
  SELECT h.at, h.actor, 'human', h.action, coalesce(json_extract(h.after, '$.segmentId'), json_extract(h.before, '$.segment_id'), hl.segment_id),
    hc.code_key, hk.name,
    CASE h.action WHEN 'label.add' THEN 'absent' ELSE 'present' END, CASE h.action WHEN 'label.remove' THEN 'absent' ELSE 'present' END,
    NULL, NULL, NULL, CASE h.action WHEN 'label.memo' THEN json_extract(h.after, '$') ELSE NULL END,
    NULL, NULL, NULL, hv.version, NULL, NULL, NULL, CAST(h.entity_id AS INTEGER), NULL, 1, h.id
  FROM history h LEFT JOIN labels hl ON hl.id = CAST(h.entity_id AS INTEGER)
    LEFT JOIN codes hc ON hc.id = coalesce(json_extract(h.after, '$.codeId'), json_extract(h.before, '$.code_id'), hl.code_id)
    LEFT JOIN codebook_versions hv ON hv.id = hc.codebook_version_id
    LEFT JOIN coders hk ON hk.id = coalesce(json_extract(h.after, '$.coderId'), json_extract(h.before, '$.coder_id'), hl.coder_id)
  WHERE h.entity = 'label'
  UNION ALL
  SELECT rd.decided_at, rd.reviewer, 'reviewer', 'review.' || rd.action, i.segment_id, i.code_key, k.name,
    coalesce(${presence('pr.verdict')}, ${presence('i.ai_present')}), coalesce(${presence('rd.verdict')}, ${presence('i.ai_present')}),
    coalesce(pr.state, 'pending'), rd.state, rd.replacement_key, nullif(rd.memo, ''),
    o.config_hash, o.prompt_hash, coalesce(o.model_returned, o.model_requested), rv.version, rd.reasons, rd.risk, i.id, i.label_id, rd.id, 2, rd.id
  FROM review_decisions rd JOIN review_items i ON i.id = rd.item_id
    LEFT JOIN review_decisions pr ON pr.item_id = rd.item_id AND pr.revision = rd.revision - 1
    LEFT JOIN coders k ON k.id = i.coder_id LEFT JOIN llm_outputs o ON o.id = i.output_id
    LEFT JOIN codebook_versions rv ON rv.id = rd.codebook_version_id`;

interface EventRow extends Omit<
  LabelEvent,
  'document' | 'segment_index' | 'code_id' | 'code' | 'review_reasons'
> {
  code_key: string | null;
  reasons: number | null;
  document: string | null;
  idx: number | null;
}

/** Every label change in time order (optionally of one code), streamed row by row. */
export function* labelEvents(
  db: Database.Database,
  filter: { codeKey?: string } = {},
): Generator<LabelEvent> {
  const names = loadNameBook(db);
  const stmt = db.prepare(
    `SELECT e.*, d.name AS document, s.idx FROM (${EVENTS_SQL}) e LEFT JOIN segments s ON s.id = e.segment_id
       LEFT JOIN documents d ON d.id = s.document_id
     ${filter.codeKey === undefined ? '' : 'WHERE e.code_key = ?'}
     ORDER BY e.at, e.source_order, e.seq`,
  );
  for (const r of stmt.iterate(
    ...(filter.codeKey === undefined ? [] : [filter.codeKey]),
  ) as IterableIterator<EventRow>) {
    yield {
      at: r.at,
      actor: r.actor,
      actor_kind: r.actor_kind,
      event: r.event,
      document: r.document,
      segment_id: r.segment_id,
      segment_index: r.idx,
      code_id: r.code_key,
      code: r.code_key === null ? null : (names.code(r.code_key)?.name ?? null),
      coder: r.coder,
      before: r.before,
      after: r.after,
      state_before: r.state_before,
      state_after: r.state_after,
      changed_to: r.changed_to,
      memo: r.memo,
      config_hash: r.config_hash,
      prompt_hash: r.prompt_hash,
      model: r.model,
      codebook_version: r.codebook_version,
      review_reasons: r.reasons === null ? [] : reasonsOfMask(r.reasons),
      risk: r.risk,
      item_id: r.item_id,
      label_id: r.label_id,
      decision_id: r.decision_id,
    };
  }
}
