import type Database from 'better-sqlite3';
import type { AiCodeView, ItemDetail, QueueItem } from '../../../shared/contract/review';
import { activeCodebookVersion, codeDataOfVersion } from '../codebook/store';
import { codeStatus } from './codeStatus';
import { decisionsOfItem, decisionView, outcomeOfRow } from './decisionLog';
import { evidenceSpans } from './evidenceSpans';
import { ITEM_SELECT, loadItem, loadNameBook, toQueueItem, type ItemRow } from './itemView';
import { outputProvenance } from './promptProvenance';

interface SegmentRow {
  id: number;
  uid: string;
  document_id: number;
  idx: number;
  speaker: string | null;
  text: string;
  time_start: number | null;
  time_end: number | null;
  document_name: string;
}

/** In blind mode a reviewer sees the item as their own decisions left it, never anyone else's. */
function blinded(
  item: QueueItem,
  own: ReturnType<typeof outcomeOfRow>,
  ownLast: { reviewer: string; at: string } | null,
): QueueItem {
  return {
    ...item,
    state: own.state,
    verdict: own.verdict,
    replacementKey: own.replacementKey,
    memo: own.memo,
    lastReviewer: ownLast?.reviewer ?? null,
    decidedAt: ownLast?.at ?? null,
  };
}

/**
 * Everything the review view shows for one item: the segment in its transcript with
 * neighbouring turns, every code the AI decided there (with rationale, evidence and its
 * place in the text, confidence and votes), the active codebook's definitions, the
 * prompt behind the answer and the item's decision log.
 */
export function itemDetail(
  db: Database.Database,
  p: { itemId: number; contextTurns: number; blindFor?: string },
): ItemDetail {
  const row = loadItem(db, p.itemId);
  const names = loadNameBook(db);
  const segment = db
    .prepare(
      `SELECT s.id, s.uid, s.document_id, s.idx, s.speaker, s.text, s.time_start, s.time_end, d.name AS document_name
       FROM segments s JOIN documents d ON d.id = s.document_id WHERE s.id = ?`,
    )
    .get(row.segment_id) as SegmentRow | undefined;
  const turns = segment
    ? (db
        .prepare(
          'SELECT id, idx, speaker, text FROM segments WHERE document_id = ? AND idx BETWEEN ? AND ? AND id <> ? ORDER BY idx',
        )
        .all(segment.document_id, segment.idx - p.contextTurns, segment.idx + p.contextTurns, segment.id) as {
        id: number;
        idx: number;
        speaker: string | null;
        text: string;
      }[])
    : [];
  const toTurn = (t: (typeof turns)[number]) => ({
    segmentId: t.id,
    index: t.idx,
    speaker: t.speaker,
    text: t.text,
  });
  const attributes = segment
    ? Object.fromEntries(
        (
          db
            .prepare('SELECT name, value FROM document_attributes WHERE document_id = ? ORDER BY name')
            .all(segment.document_id) as {
            name: string;
            value: string;
          }[]
        ).map((a) => [a.name, a.value]),
      )
    : {};

  const active = activeCodebookVersion(db);
  const codes = active ? codeDataOfVersion(db, active.id) : [];
  const order = new Map(codes.map((c, i) => [c.key, i]));
  const siblings = (
    db
      .prepare(`${ITEM_SELECT} WHERE i.segment_id = ? AND i.coder_id = ?`)
      .all(row.segment_id, row.coder_id) as ItemRow[]
  ).sort(
    (a, b) =>
      (order.get(a.code_key) ?? Infinity) - (order.get(b.code_key) ?? Infinity) ||
      a.code_key.localeCompare(b.code_key),
  );
  const output = outputProvenance(db, row.output_id);
  const labelText = db.prepare('SELECT rationale, evidence FROM labels WHERE id = ?');
  const decisionRows = decisionsOfItem(db, row.id);

  const ownView = (r: ItemRow): QueueItem => {
    const item = toQueueItem(r, names);
    if (p.blindFor === undefined || r.last_reviewer === null || r.last_reviewer === p.blindFor) return item;
    const own = decisionsOfItem(db, r.id).filter((d) => d.reviewer === p.blindFor && d.action !== 'undo');
    const last = own[own.length - 1];
    return blinded(item, outcomeOfRow(last), last ? { reviewer: last.reviewer, at: last.decided_at } : null);
  };

  const aiCodes: AiCodeView[] = siblings.map((r) => {
    const item = ownView(r);
    const fromOutput = (
      r.output_id === row.output_id ? output : outputProvenance(db, r.output_id)
    )?.decisions.get(r.code_key);
    const fromLabel =
      r.label_id === null
        ? undefined
        : (labelText.get(r.label_id) as { rationale: string | null; evidence: string | null } | undefined);
    const rationale = fromOutput?.rationale ?? fromLabel?.rationale ?? '';
    const evidence = fromOutput?.evidence ?? fromLabel?.evidence ?? '';
    return {
      itemId: item.itemId,
      revision: item.revision,
      codeKey: item.codeKey,
      codeName: item.codeName,
      color: item.color,
      aiPresent: item.aiPresent,
      confidence: item.confidence,
      voteShare: item.voteShare,
      votes: item.votes,
      samples: item.samples,
      evidenceFound: item.evidenceFound,
      risk: item.risk,
      reasons: item.reasons,
      state: item.state,
      verdict: item.verdict,
      replacementKey: item.replacementKey,
      memo: item.memo,
      lastReviewer: item.lastReviewer,
      rationale,
      evidence,
      evidenceSpans: segment && evidence ? evidenceSpans(evidence, segment.text) : [],
    };
  });

  return {
    item: ownView(row),
    segment: segment
      ? {
          id: segment.id,
          uid: segment.uid,
          documentId: segment.document_id,
          documentName: segment.document_name,
          index: segment.idx,
          speaker: segment.speaker,
          text: segment.text,
          timeStart: segment.time_start,
          timeEnd: segment.time_end,
          attributes,
        }
      : null,
    before: turns.filter((t) => segment && t.idx < segment.idx).map(toTurn),
    after: turns.filter((t) => segment && t.idx > segment.idx).map(toTurn),
    aiCodes,
    codes: codes.map((c) => ({
      key: c.key,
      name: c.name,
      parentKey: c.parentKey,
      shortLabel: c.shortLabel,
      definition: c.definition,
      inclusion: c.inclusion,
      exclusion: c.exclusion,
      examples: c.examples,
      color: c.color,
    })),
    codeStatus: codeStatus(db, row.code_key),
    provenance: output?.provenance ?? null,
    decisions: decisionRows
      .filter((d) => p.blindFor === undefined || d.reviewer === p.blindFor)
      .map(decisionView),
  };
}
