import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { rowToCodeData, type CodeData } from './codeData';
import type { EditPlan, PlanContext } from './planCodeEdits';
import {
  activeCodebookVersion,
  allCodeKeys,
  appendChangeLog,
  codebookVersionByNumber,
  codesOfVersion,
  insertCodebookVersion,
  insertCodeRow,
  type CodebookVersionRow,
  type CodeRow,
} from './store';

export interface EditOutcome {
  version: number;
  createdVersion: boolean;
  key: string | null;
}

/**
 * The version an edit made against `requested` lands in. A frozen version never
 * changes; if the active version is an unfrozen draft already derived from it, the
 * edit goes there (a UI still showing the frozen number would otherwise fork a second
 * draft and lose the first one's edits); else a new version is created.
 */
function editTarget(db: Database.Database, requested: CodebookVersionRow): CodebookVersionRow {
  if (!requested.frozen) return requested;
  const active = activeCodebookVersion(db);
  if (active && !active.frozen && active.parent_version === requested.version) return active;
  return requested;
}

const sameCodes = (a: readonly CodeData[], b: readonly CodeData[]) => JSON.stringify(a) === JSON.stringify(b);

const UPDATE_CODE = `UPDATE codes SET guid = ?, parent_key = ?, name = ?, short_label = ?, definition = ?, inclusion = ?, exclusion = ?,
  examples_positive = ?, examples_negative = ?, color = ?, sort_order = ? WHERE id = ?`;

/** Rewrites an unfrozen version's codes to `next`, keeping the row (and id) of every code that stays. */
function syncCodesInPlace(
  db: Database.Database,
  v: CodebookVersionRow,
  rows: readonly CodeRow[],
  next: readonly CodeData[],
): void {
  const keep = new Set(next.map((c) => c.key));
  const rowByKey = new Map(rows.map((r) => [r.code_key, r]));
  const usage = db.prepare('SELECT count(*) FROM labels WHERE code_id = ?').pluck();
  for (const r of rows) {
    if (keep.has(r.code_key)) continue;
    const n = usage.get(r.id) as number;
    if (n > 0) {
      throw new UserError(
        `code "${r.name}" has ${n} label${n === 1 ? '' : 's'} in codebook version ${v.version}; remove or move them first (or merge the code into another)`,
        'in_use',
      );
    }
    db.prepare('DELETE FROM codes WHERE id = ?').run(r.id);
  }
  const update = db.prepare(UPDATE_CODE);
  next.forEach((c, i) => {
    const r = rowByKey.get(c.key);
    if (!r) {
      insertCodeRow(db, v.id, c, i);
      return;
    }
    update.run(
      c.guid,
      c.parentKey,
      c.name,
      c.shortLabel,
      c.definition,
      c.inclusion,
      c.exclusion,
      JSON.stringify(c.examples.positive),
      JSON.stringify(c.examples.negative),
      c.color,
      i,
      r.id,
    );
  });
}

/**
 * Applies a planned edit to a codebook version: in place while the version is
 * unfrozen, else as a new active version (a copy of every code with the edit
 * applied) whose change log says what changed. The caller holds the transaction.
 */
export function editCodebook(
  db: Database.Database,
  requestedVersion: number,
  actor: string,
  plan: (codes: CodeData[], ctx: PlanContext) => EditPlan,
): EditOutcome {
  const base = editTarget(db, codebookVersionByNumber(db, requestedVersion));
  const rows = codesOfVersion(db, base.id);
  const codes = rows.map(rowToCodeData);
  const p = plan(codes, { version: base.version, takenKeys: allCodeKeys(db), newGuid: randomUUID });
  if (sameCodes(codes, p.codes)) return { version: base.version, createdVersion: false, key: p.key };
  if (base.frozen) {
    const created = insertCodebookVersion(db, {
      name: base.name,
      description: base.description,
      parentVersion: base.version,
      codes: p.codes,
      changeLog: p.changes,
      actor,
    });
    return { version: created.version, createdVersion: true, key: p.key };
  }
  syncCodesInPlace(db, base, rows, p.codes);
  appendChangeLog(db, base, p.changes);
  recordHistory(db, {
    actor,
    action: 'codebook.edit',
    entity: 'codebook_version',
    entityId: base.version,
    after: p.changes,
  });
  return { version: base.version, createdVersion: false, key: p.key };
}
