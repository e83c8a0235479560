import type Database from 'better-sqlite3';
import { CompareExcerptsParamsSchema, type CompareExcerpt } from '../../../shared/contract/compare';
import type { z } from 'zod';
import { UserError } from '../errors';
import { keyWithDescendants, listComparedCodes } from './codeList';
import { chooseGroups } from './groupSelection';
import { labelSourceDefinition, labelSourceFrom } from './labelSource';

interface ExcerptRow {
  segment_id: number;
  segment_uid: string;
  idx: number;
  speaker: string | null;
  text: string;
  start: number;
  document_id: number;
  document: string;
  school: string | null;
  coders: string;
  spans: string;
}

/**
 * The segments behind one cell of a comparison (code × group): every segment of the
 * group's documents that a kept label gives the code, in reading order, with the coders
 * and the evidence spans. At the document and school levels these are the excerpts that
 * made the document or school count.
 */
export function comparisonExcerpts(db: Database.Database, raw: z.input<typeof CompareExcerptsParamsSchema>) {
  const p = CompareExcerptsParamsSchema.parse(raw);
  const counts = new Map(
    (
      db
        .prepare('SELECT value, count(*) AS n FROM document_attributes WHERE name = ? GROUP BY value')
        .all(p.by) as { value: string; n: number }[]
    ).map((r) => [r.value, r.n]),
  );
  const names = db
    .prepare('SELECT DISTINCT name FROM document_attributes ORDER BY name')
    .pluck()
    .all() as string[];
  const choice = chooseGroups(p, counts, names);
  const values = p.group === 'a' ? choice.aValues : choice.bValues;
  const code = db
    .prepare('SELECT name FROM codes WHERE code_key = ? ORDER BY codebook_version_id DESC LIMIT 1')
    .pluck()
    .get(p.code) as string | undefined;
  if (code === undefined) throw new UserError(`no code with id "${p.code}"`, 'not_found');

  const joins = `FROM ${labelSourceFrom(db, p.source)}
    JOIN codes c ON c.id = l.code_id AND c.code_key IN (SELECT value FROM json_each(@codes))
    JOIN segments s ON s.id = l.segment_id
    JOIN document_attributes ga ON ga.document_id = s.document_id AND ga.name = @by AND ga.value IN (SELECT value FROM json_each(@values))`;
  const where = `WHERE ${labelSourceDefinition(p.source).where}`;
  // with roll-up a parent's cell is made of its subcodes' labels too
  const keys = p.rollup ? keyWithDescendants(listComparedCodes(db).codes, p.code) : [p.code];
  const params = {
    codes: JSON.stringify(keys),
    by: p.by,
    values: JSON.stringify(values),
    school: p.schoolAttribute,
  };
  const total = db
    .prepare(`SELECT count(DISTINCT l.segment_id) ${joins} ${where}`)
    .pluck()
    .get(params) as number;
  const rows = db
    .prepare(
      `SELECT s.id AS segment_id, s.uid AS segment_uid, s.idx, s.speaker, s.text, s.start, d.id AS document_id, d.name AS document,
         (SELECT value FROM document_attributes WHERE document_id = d.id AND name = @school) AS school,
         json_group_array(DISTINCT co.name) AS coders,
         json_group_array(json_array(l.span_start, l.span_end)) AS spans
       ${joins} JOIN documents d ON d.id = s.document_id JOIN coders co ON co.id = l.coder_id ${where}
       GROUP BY s.id ORDER BY d.name COLLATE NOCASE, d.id, s.idx LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: p.limit, offset: p.offset }) as ExcerptRow[];

  const excerpts: CompareExcerpt[] = rows.map((r) => {
    const seen = new Set<string>();
    const highlights = (JSON.parse(r.spans) as [number | null, number | null][])
      .filter((s): s is [number, number] => s[0] !== null && s[1] !== null)
      .map(([start, end]) => ({
        start: Math.max(0, start - r.start),
        end: Math.min(r.text.length, end - r.start),
      }))
      .filter((h) => h.start < h.end && !seen.has(`${h.start}:${h.end}`) && seen.add(`${h.start}:${h.end}`))
      .sort((x, y) => x.start - y.start);
    return {
      document_id: r.document_id,
      document: r.document,
      school: r.school,
      segment_id: r.segment_id,
      segment_uid: r.segment_uid,
      index: r.idx,
      speaker: r.speaker,
      text: r.text,
      highlights,
      coders: (JSON.parse(r.coders) as string[]).sort(),
    };
  });
  return { code, group: p.group === 'a' ? choice.a : choice.b, total, excerpts };
}
