// Benchmark: the review queue at 100,000 items (DESIGN §5: first item ≤ 200 ms). The
// project is generated straight into SQLite as the labeling engine writes it: 20,000
// segments × 5 codes decided by one AI coder (llm_outputs rows, labels of the present
// decisions linked in label_provenance, as jobs/itemWriter.ts writes them). review_sync_100k_ms is the one-time
// materialisation of the queue on its first read after the job; review_first_item_ms
// is a first page as a reviewer opens the project afterwards.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { mulberry32 } from '../../shared/agreement/prng';
import { QueueParamsSchema } from '../../shared/contract/review';
import { createCodebookVersion } from '../../electron/backend/codebook/store';
import { ensureCoder } from '../../electron/backend/coding/coders';
import { Project } from '../../electron/backend/project/project';
import { reviewDashboard } from '../../electron/backend/review/dashboard';
import { decideItem } from '../../electron/backend/review/decide';
import { queuePage } from '../../electron/backend/review/queuePage';
import { refreshReviewQueue, syncReviewItems } from '../../electron/backend/review/syncQueue';
import type { BenchSection } from '../benchSections';

const SEGMENTS = 20_000;
const CODES = 5;
const PER_DOCUMENT = 100;

function buildProject(path: string): void {
  const project = Project.open(path, 'create');
  const db = project.db;
  const random = mulberry32(7);
  project.transaction(() => {
    const codes = Array.from({ length: CODES }, (_, i) => ({
      id: `code-${i}`,
      name: `Code ${i}`,
      parent_id: null,
      short_label: '',
      definition: '',
      inclusion: '',
      exclusion: '',
      examples: { positive: [], negative: [] },
      color: '#336699',
    }));
    const version = createCodebookVersion(db, { name: 'bench', description: '', codes }, 'bench');
    const codeIds = db
      .prepare('SELECT id FROM codes WHERE codebook_version_id = ? ORDER BY sort_order')
      .pluck()
      .all(version.id) as number[];
    const coder = ensureCoder(db, 'model-1', 'ai');
    const doc = db.prepare(
      `INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES (?, ?, 'txt', ?, '', 0, 0, '')`,
    );
    const attr = db.prepare('INSERT INTO document_attributes (document_id, name, value) VALUES (?, ?, ?)');
    const seg = db.prepare(
      `INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES (?, ?, ?, ?, 'P', 0, 0, ?, 12)`,
    );
    const output = db.prepare(
      `INSERT INTO llm_outputs (coder_id, segment_id, config_hash, model_requested, model_returned, codebook_version_id, prompt_hash, temperature,
         samples, decisions, raw_responses, created_at) VALUES (?, ?, 'cfg', 'bench-model', 'bench-model', ?, 'prompt', 0, 3, ?, '["{}","{}","{}"]', '2025-01-01T00:00:00Z')`,
    );
    const label = db.prepare(
      `INSERT INTO labels (segment_id, code_id, coder_id, source, confidence, rationale, evidence, created_at, updated_at)
       VALUES (?, ?, ?, 'ai', ?, 'bench', 'quote', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
    );
    const provenance = db.prepare(
      `INSERT INTO label_provenance (label_id, output_id, code_key, confidence, vote_share, votes, samples, rationale, evidence, evidence_found)
       VALUES (?, ?, ?, ?, ?, ?, 3, 'bench', 'quote', ?)`,
    );
    let documentId = 0;
    for (let s = 0; s < SEGMENTS; s++) {
      if (s % PER_DOCUMENT === 0) {
        documentId = Number(
          doc.run(randomUUID(), `interview-${s / PER_DOCUMENT}`, `hash-${s}`).lastInsertRowid,
        );
        attr.run(documentId, 'group', (s / PER_DOCUMENT) % 2 ? 'bright' : 'partner');
      }
      const segmentId = Number(
        seg.run(randomUUID(), documentId, s % PER_DOCUMENT, s % PER_DOCUMENT, `We talked about family ${s}.`)
          .lastInsertRowid,
      );
      const decisions = codes.map((c) => {
        const votes = random() < 0.85 ? (random() < 0.3 ? 3 : 0) : 1 + Math.floor(random() * 2);
        const present = votes >= 2;
        const share = votes / 3;
        return {
          code: c.id,
          present,
          voteShare: share,
          votes,
          samples: 3,
          confidence: present ? share : 1 - share,
          rationale: 'bench',
          evidence: present ? 'quote' : '',
          evidenceFound: present ? random() > 0.05 : null,
        };
      });
      const outputId = Number(
        output.run(coder.id, segmentId, version.id, JSON.stringify(decisions)).lastInsertRowid,
      );
      decisions.forEach((d, k) => {
        if (!d.present) return;
        const labelId = Number(label.run(segmentId, codeIds[k]!, coder.id, d.confidence).lastInsertRowid);
        provenance.run(
          labelId,
          outputId,
          d.code,
          d.confidence,
          d.voteShare,
          d.votes,
          d.evidenceFound ? 1 : 0,
        );
      });
    }
  });
  project.close();
}

const ms = (t0: number) => Number((performance.now() - t0).toFixed(1));

export const reviewBench: BenchSection = async (dir) => {
  const path = join(dir, 'review-bench.concord');
  buildProject(path);
  // the queue is materialised and scored once, when it is first read after a labeling job
  let project = Project.open(path, 'open');
  let t0 = performance.now();
  const synced = syncReviewItems(project.db);
  const syncMs = ms(t0);
  project.close();

  project = Project.open(path, 'open');
  try {
    const params = QueueParamsSchema.parse({ limit: 50 });
    t0 = performance.now();
    refreshReviewQueue(project.db);
    const first = queuePage(project.db, params);
    const firstMs = ms(t0);

    t0 = performance.now();
    let page = first;
    let pages = 1;
    for (; pages < 200 && page.nextCursor; pages++)
      page = queuePage(project.db, { ...params, cursor: page.nextCursor });
    const pageMs = Number(((performance.now() - t0) / (pages - 1)).toFixed(2));

    t0 = performance.now();
    queuePage(
      project.db,
      QueueParamsSchema.parse({
        limit: 50,
        filters: { codeKeys: ['code-3'], attributes: [{ name: 'group', value: 'bright' }] },
      }),
    );
    const filteredMs = ms(t0);

    t0 = performance.now();
    const n = 200;
    for (const item of queuePage(project.db, QueueParamsSchema.parse({ limit: n })).items) {
      decideItem(project.db, {
        itemId: item.itemId,
        baseRevision: item.revision,
        reviewer: 'bench',
        action: { action: 'accept' },
      });
    }
    const decideMs = Number(((performance.now() - t0) / n).toFixed(2));

    t0 = performance.now();
    reviewDashboard(project.db);
    const dashboardMs = ms(t0);

    return {
      review_first_item_ms: firstMs,
      review_queue_items: first.total,
      review_sync_100k_ms: syncMs,
      review_synced_items: synced,
      review_next_page_ms: pageMs,
      review_filtered_first_page_ms: filteredMs,
      review_decide_ms: decideMs,
      review_dashboard_ms: dashboardMs,
    };
  } finally {
    project.close();
  }
};
