import type Database from 'better-sqlite3';
import type { Turn } from '../llm/userMessage';

export interface SegmentForCoding {
  id: number;
  documentId: number;
  index: number;
  speaker: string | null;
  text: string;
  before: Turn[];
  after: Turn[];
}

/** Reads a segment with its neighbouring turns in the same document (indexed look-ups only). */
export class SegmentReader {
  private readonly one;
  private readonly range;

  constructor(
    db: Database.Database,
    private readonly contextTurns: number,
  ) {
    this.one = db.prepare('SELECT id, document_id, idx, speaker, text FROM segments WHERE id = ?');
    // the segment and its neighbours in one indexed look-up
    this.range = db.prepare(
      `SELECT n.id, n.document_id, n.idx, n.speaker, n.text FROM segments s JOIN segments n ON n.document_id = s.document_id
         AND n.idx BETWEEN s.idx - ? AND s.idx + ? WHERE s.id = ? ORDER BY n.idx`,
    );
  }

  get(id: number): SegmentForCoding | null {
    type Row = { id: number; document_id: number; idx: number; speaker: string | null; text: string };
    const rows = (
      this.contextTurns > 0
        ? this.range.all(this.contextTurns, this.contextTurns, id)
        : [this.one.get(id)].filter(Boolean)
    ) as Row[];
    const s = rows.find((r) => r.id === id);
    if (!s) return null;
    const before: Turn[] = [];
    const after: Turn[] = [];
    for (const r of rows) {
      if (r.idx < s.idx) before.push({ speaker: r.speaker, text: r.text });
      else if (r.idx > s.idx) after.push({ speaker: r.speaker, text: r.text });
    }
    return {
      id: s.id,
      documentId: s.document_id,
      index: s.idx,
      speaker: s.speaker,
      text: s.text,
      before,
      after,
    };
  }
}
