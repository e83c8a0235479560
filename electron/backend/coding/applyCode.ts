import type Database from 'better-sqlite3';
import type { LabelView } from '../../../shared/contract/coding';
import { requireActiveCodebookVersion, type CodeRow } from '../codebook/store';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { coderById } from './coders';
import { labelView } from './labelViews';
import { addLabel, markSegmentCoded, removeLabel } from './labels';

interface SegmentBounds {
  id: number;
  document_id: number;
  idx: number;
  start: number;
  end: number;
}

export function segmentBounds(db: Database.Database, segmentId: number): SegmentBounds {
  const s = db
    .prepare('SELECT id, document_id, idx, start, end FROM segments WHERE id = ?')
    .get(segmentId) as SegmentBounds | undefined;
  if (!s) throw new UserError(`segment ${segmentId} does not exist`, 'not_found');
  return s;
}

export interface ApplyCode {
  segmentId: number;
  codeKey: string;
  coderId: number;
  /** UTF-16 offsets into the document text; must lie inside the segment */
  span?: { start: number; end: number } | null;
  memo?: string;
}

/** A human coder's code on a segment, under the active codebook version. The caller holds the transaction. */
export function applyCode(db: Database.Database, a: ApplyCode, actor: string): LabelView {
  const segment = segmentBounds(db, a.segmentId);
  const coder = coderById(db, a.coderId);
  if (coder.kind !== 'human')
    throw new UserError(`"${coder.name}" is an AI coder; its labels come from labeling runs`);
  const version = requireActiveCodebookVersion(db);
  const code = db
    .prepare('SELECT * FROM codes WHERE codebook_version_id = ? AND code_key = ?')
    .get(version.id, a.codeKey) as CodeRow | undefined;
  if (!code)
    throw new UserError(
      `the active codebook (version ${version.version}) has no code "${a.codeKey}"`,
      'not_found',
    );
  const span = a.span ?? null;
  if (span) {
    if (span.start >= span.end)
      throw new UserError(`an evidence span must not be empty (${span.start}–${span.end})`);
    if (span.start < segment.start || span.end > segment.end) {
      throw new UserError(
        `the evidence span ${span.start}–${span.end} lies outside segment ${segment.idx + 1} (characters ${segment.start}–${segment.end})`,
      );
    }
  }
  const id = addLabel(
    db,
    { segmentId: segment.id, codeId: code.id, coderId: coder.id, source: 'human', span, memo: a.memo ?? '' },
    actor,
  );
  // applying a code that is already there keeps the label; a memo given with it still counts
  if (a.memo !== undefined) setLabelMemo(db, id, a.memo, actor);
  markSegmentCoded(db, coder.id, segment.id, version.id);
  return labelView(db, id);
}

export function setLabelMemo(db: Database.Database, labelId: number, memo: string, actor: string): LabelView {
  const before = labelView(db, labelId);
  if (before.memo !== memo) {
    db.prepare('UPDATE labels SET memo = ?, updated_at = ? WHERE id = ?').run(
      memo,
      new Date().toISOString(),
      labelId,
    );
    recordHistory(db, {
      actor,
      action: 'label.memo',
      entity: 'label',
      entityId: labelId,
      before: before.memo,
      after: memo,
    });
  }
  return labelView(db, labelId);
}

/**
 * Removes a coder's own label. When it was the coder's last label on the segment the
 * segment is no longer marked as coded by them, so undoing a first code restores
 * "not coded yet" rather than "coded: nothing applies".
 */
export function removeCode(
  db: Database.Database,
  labelId: number,
  coderId: number,
  actor: string,
): LabelView {
  const view = labelView(db, labelId);
  if (view.coderId !== coderId)
    throw new UserError(`label ${labelId} belongs to another coder ("${view.coderName}")`, 'forbidden');
  removeLabel(db, labelId, actor);
  const left = db
    .prepare('SELECT count(*) FROM labels WHERE coder_id = ? AND segment_id = ?')
    .pluck()
    .get(coderId, view.segmentId) as number;
  if (left === 0)
    db.prepare('DELETE FROM coded_segments WHERE coder_id = ? AND segment_id = ?').run(
      coderId,
      view.segmentId,
    );
  return view;
}

/** Marks (or unmarks) a segment as fully coded by a coder: a code without a label there is then a deliberate "no". */
export function setSegmentDone(
  db: Database.Database,
  segmentId: number,
  coderId: number,
  done: boolean,
  actor: string,
): boolean {
  const segment = segmentBounds(db, segmentId);
  const coder = coderById(db, coderId);
  if (done) markSegmentCoded(db, coder.id, segment.id, requireActiveCodebookVersion(db).id);
  else {
    const labels = db
      .prepare('SELECT count(*) FROM labels WHERE coder_id = ? AND segment_id = ?')
      .pluck()
      .get(coderId, segmentId) as number;
    if (labels > 0) throw new UserError(`"${coder.name}" has codes on this segment; remove them first`);
    db.prepare('DELETE FROM coded_segments WHERE coder_id = ? AND segment_id = ?').run(coderId, segmentId);
  }
  recordHistory(db, {
    actor,
    action: done ? 'segment.coded' : 'segment.uncoded',
    entity: 'segment',
    entityId: segmentId,
    after: { coderId },
  });
  return done;
}
