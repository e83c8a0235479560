import type Database from 'better-sqlite3';

/**
 * Pending items of a job, read in id order a chunk at a time (keyset pagination on
 * the (job_id, state, id) index), so a 100k-item job costs no scan per item.
 */
export class ItemQueue {
  private buffer: { id: number; segmentId: number }[] = [];
  private at = 0;
  private lastId = 0;
  private exhausted = false;
  private readonly stmt;

  constructor(
    db: Database.Database,
    private readonly jobId: number,
    private readonly chunk = 512,
  ) {
    this.stmt = db.prepare(
      "SELECT id, segment_id AS segmentId FROM job_items WHERE job_id = ? AND state = 'pending' AND id > ? ORDER BY id LIMIT ?",
    );
  }

  next(): { id: number; segmentId: number } | null {
    if (this.at >= this.buffer.length) {
      if (this.exhausted) return null;
      this.buffer = this.stmt.all(this.jobId, this.lastId, this.chunk) as { id: number; segmentId: number }[];
      this.at = 0;
      if (this.buffer.length < this.chunk) this.exhausted = true;
      if (!this.buffer.length) return null;
      this.lastId = this.buffer[this.buffer.length - 1]!.id;
    }
    return this.buffer[this.at++]!;
  }
}
