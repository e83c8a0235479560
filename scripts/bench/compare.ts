// Benchmark: group comparison over 1,000,000 labels (DESIGN §5: ≤ 300 ms). The project
// is generated straight into SQLite (1,000 interviews × 100 segments, 40 codes, two
// human coders and one AI coder); the timed part is the whole `compare.run` at each level.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { runComparison } from '../../electron/backend/compare/runComparison';
import { createCodebookVersion } from '../../electron/backend/codebook/store';
import { ensureCoder } from '../../electron/backend/coding/coders';
import { Project } from '../../electron/backend/project/project';
import type { BenchSection } from '../benchSections';

const DOCUMENTS = 1000;
const SEGMENTS_PER_DOCUMENT = 100;
const CODES = 40;
const LABELS = 1_000_000;

export function buildCompareBenchProject(path: string): Project {
  const project = Project.open(path, 'create');
  const db = project.db;
  project.transaction(() => {
    const codebook = {
      name: 'bench',
      description: '',
      codes: Array.from({ length: CODES }, (_, i) => ({
        id: `code-${i}`,
        name: `Code ${i}`,
        parent_id: null,
        short_label: '',
        definition: '',
        inclusion: '',
        exclusion: '',
        examples: { positive: [], negative: [] },
        color: '#336699',
      })),
    };
    const version = createCodebookVersion(db, codebook, 'bench');
    const codeIds = db
      .prepare('SELECT id FROM codes WHERE codebook_version_id = ? ORDER BY sort_order')
      .pluck()
      .all(version.id) as number[];
    const coders = [
      ensureCoder(db, 'human-1', 'human'),
      ensureCoder(db, 'human-2', 'human'),
      ensureCoder(db, 'model-1', 'ai'),
    ];
    const doc = db.prepare(
      `INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES (?, ?, 'txt', ?, '', 0, 5000, '')`,
    );
    const seg = db.prepare(
      `INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES (?, ?, ?, ?, 'P', 0, 0, '', 50)`,
    );
    const attr = db.prepare('INSERT INTO document_attributes (document_id, name, value) VALUES (?, ?, ?)');
    const segmentIds: number[] = [];
    for (let d = 0; d < DOCUMENTS; d++) {
      const id = Number(doc.run(randomUUID(), `interview-${d}`, `hash-${d}`).lastInsertRowid);
      attr.run(id, 'group', d % 2 ? 'bright' : 'partner');
      attr.run(id, 'school', `school-${d % 100}`);
      attr.run(id, 'role', ['principal', 'teacher', 'family'][d % 3]!);
      for (let s = 0; s < SEGMENTS_PER_DOCUMENT; s++)
        segmentIds.push(Number(seg.run(`s-${d}-${s}`, id, s, s).lastInsertRowid));
    }
    const label = db.prepare(
      `INSERT INTO labels (segment_id, code_id, coder_id, source, confidence, rationale, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'generated for the benchmark', '', '')`,
    );
    // 10 labels per segment: coder c applies codes (segment + c·7 + k·3) mod 40, k < 4 (3 for the AI)
    let n = 0;
    for (let i = 0; n < LABELS; i = (i + 1) % segmentIds.length) {
      for (let c = 0; c < coders.length && n < LABELS; c++) {
        for (let k = 0; k < (c === 2 ? 2 : 4) && n < LABELS; k++) {
          const coder = coders[c]!;
          label.run(
            segmentIds[i]!,
            codeIds[(i + c * 7 + k * 3) % CODES]!,
            coder.id,
            coder.kind,
            coder.kind === 'ai' ? 0.9 : null,
          );
          n++;
        }
      }
    }
  });
  return project;
}

export const compareBench: BenchSection = async (dir) => {
  const path = join(dir, 'compare-bench.concord');
  // timed on the project as a user opens it (the build's WAL folded back into the file)
  buildCompareBenchProject(path).close();
  const project = Project.open(path, 'open');
  try {
    const times: Record<string, number> = {};
    let cpu = 0;
    for (const level of ['document', 'segment', 'school'] as const) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      runComparison(project.db, { by: 'group', level });
      times[level] = (performance.now() - t0) / 1000;
      // CPU time of this process: tells a slow machine from a slow comparison
      const used = process.cpuUsage(c0);
      if (level === 'document') cpu = (used.user + used.system) / 1e6;
    }
    const t0 = performance.now();
    runComparison(project.db, { by: 'group', breakdowns: ['role'] });
    const breakdown = (performance.now() - t0) / 1000;
    const labels = project.db.prepare('SELECT count(*) FROM labels').pluck().get() as number;
    // the first call reads the labels; later ones (another level, a breakdown) reuse
    // what it read until the project changes
    return {
      compare_1m_labels_s: Number(times.document!.toFixed(3)),
      compare_1m_labels_cpu_s: Number(cpu.toFixed(3)),
      compare_1m_labels_again_segment_s: Number(times.segment!.toFixed(3)),
      compare_1m_labels_again_school_s: Number(times.school!.toFixed(3)),
      compare_1m_labels_again_breakdown_role_s: Number(breakdown.toFixed(3)),
      compare_bench_labels: labels,
    };
  } finally {
    project.close();
  }
};
