import type Database from 'better-sqlite3';
import type { JobView } from '../../../shared/contract/llm';
import { getJobRow, jobView, type JobRow } from './jobStore';
import { activeRun } from './registry';

/** A job as the UI sees it: live figures when it runs in this process. */
export function currentJobView(db: Database.Database, id: number): JobView {
  return activeRun(db, id)?.view() ?? jobView(db, getJobRow(db, id));
}

export function listJobs(db: Database.Database, coderId?: number): JobView[] {
  const rows = (
    coderId === undefined
      ? db.prepare('SELECT id FROM jobs ORDER BY id DESC').all()
      : db.prepare('SELECT id FROM jobs WHERE coder_id = ? ORDER BY id DESC').all(coderId)
  ) as Pick<JobRow, 'id'>[];
  return rows.map((r) => currentJobView(db, r.id));
}

export function jobFailures(db: Database.Database, jobId: number, offset = 0, limit = 100) {
  getJobRow(db, jobId);
  const total = db
    .prepare("SELECT count(*) FROM job_items WHERE job_id = ? AND state = 'failed'")
    .pluck()
    .get(jobId) as number;
  const failures = db
    .prepare(
      `SELECT i.id AS itemId, i.segment_id AS segmentId, s.document_id AS documentId, d.name AS documentName, s.idx AS segmentIndex,
         i.attempts, i.error_code AS errorCode, i.error
       FROM job_items i JOIN segments s ON s.id = i.segment_id JOIN documents d ON d.id = s.document_id
       WHERE i.job_id = ? AND i.state = 'failed' ORDER BY i.id LIMIT ? OFFSET ?`,
    )
    .all(jobId, limit, offset) as {
    itemId: number;
    segmentId: number;
    documentId: number;
    documentName: string;
    segmentIndex: number;
    attempts: number;
    errorCode: string | null;
    error: string | null;
  }[];
  return { total, failures };
}
