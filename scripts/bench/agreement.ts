// Benchmark: the agreement report from the database (DESIGN §5: 10,000 units × 40 codes
// × 3 coders ≤ 1 s), without bootstrap and with 1,000 resamples. The project is written
// straight into SQLite: 100 interviews × 100 segments, 40 codes, two human coders and
// one AI coder who have all finished every segment, each applying a code where a hidden
// truth has it with 90% accuracy (codes of 2–30% prevalence).
import { join } from 'node:path';
import { mulberry32 } from '../../shared/agreement/prng';
import { projectAgreementReport } from '../../electron/backend/agreement/projectReport';
import { createCodebookVersion } from '../../electron/backend/codebook/store';
import { ensureCoder } from '../../electron/backend/coding/coders';
import { Project } from '../../electron/backend/project/project';
import type { BenchSection } from '../benchSections';

const DOCUMENTS = 100;
const SEGMENTS_PER_DOCUMENT = 100;
const CODES = 40;

function buildProject(path: string): { project: Project; coders: string[] } {
  const project = Project.open(path, 'create');
  const db = project.db;
  const random = mulberry32(6);
  const names = ['Human A', 'Human B', 'Model X'];
  project.transaction(() => {
    const version = createCodebookVersion(
      db,
      {
        name: 'bench',
        description: '',
        codes: Array.from({ length: CODES }, (_, i) => ({
          id: `code-${i}`,
          name: `Code ${i}`,
          parent_id: null,
          short_label: '',
          definition: `Definition ${i}.`,
          inclusion: '',
          exclusion: '',
          examples: { positive: [], negative: [] },
          color: '#336699',
        })),
      },
      'bench',
    );
    const codeIds = db
      .prepare('SELECT id FROM codes WHERE codebook_version_id = ? ORDER BY sort_order')
      .pluck()
      .all(version.id) as number[];
    const coders = names.map((n, i) => ensureCoder(db, n, i === 2 ? 'ai' : 'human'));
    const doc = db.prepare(
      `INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES (?, ?, 'txt', ?, '', 0, 5000, '')`,
    );
    const seg = db.prepare(
      `INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES (?, ?, ?, ?, 'P', 0, 0, '', 50)`,
    );
    const coded = db.prepare(
      "INSERT INTO coded_segments (coder_id, segment_id, codebook_version_id, completed_at) VALUES (?, ?, ?, '')",
    );
    const label = db.prepare(
      `INSERT INTO labels (segment_id, code_id, coder_id, source, created_at, updated_at) VALUES (?, ?, ?, ?, '', '')`,
    );
    const prevalence = Array.from({ length: CODES }, (_, k) => 0.02 + (0.28 * k) / (CODES - 1));
    for (let d = 0; d < DOCUMENTS; d++) {
      const docId = Number(doc.run(`doc-${d}`, `interview-${d}`, `hash-${d}`).lastInsertRowid);
      for (let s = 0; s < SEGMENTS_PER_DOCUMENT; s++) {
        const segId = Number(seg.run(`seg-${d}-${s}`, docId, s, s).lastInsertRowid);
        const truth = prevalence.map((p) => random() < p);
        for (const c of coders) {
          coded.run(c.id, segId, version.id);
          truth.forEach((t, k) => {
            if (random() < 0.9 === t) label.run(segId, codeIds[k]!, c.id, c.kind);
          });
        }
      }
    }
  });
  return { project, coders: names };
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(3));

/** Wall and CPU time of fn: on a shared machine the CPU time shows what the wall time hides. */
function timed(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: seconds(performance.now() - t0), cpu: seconds((c.user + c.system) / 1000) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const agreementBench: BenchSection = async (dir) => {
  const { project, coders } = buildProject(join(dir, 'agreement-bench.concord'));
  try {
    let units = 0;
    // the first call also compiles the code paths; the figure is the median of five
    const runs = [0, 1, 2, 3, 4].map(() =>
      timed(() => {
        units = projectAgreementReport(project.db, { coders, bootstrap: 0, seed: 1 }).report.scope.segments;
      }),
    );
    const bootstrap = timed(() => projectAgreementReport(project.db, { coders, bootstrap: 1000, seed: 1 }));
    const labels = project.db.prepare('SELECT count(*) FROM labels').pluck().get() as number;
    return {
      agreement_report_s: median(runs.map((r) => r.wall)),
      agreement_report_first_s: runs[0]!.wall,
      agreement_report_cpu_s: median(runs.map((r) => r.cpu)),
      agreement_report_bootstrap_s: bootstrap.wall,
      agreement_report_bootstrap_cpu_s: bootstrap.cpu,
      agreement_bench_units: units,
      agreement_bench_labels: labels,
    };
  } finally {
    project.close();
  }
};
