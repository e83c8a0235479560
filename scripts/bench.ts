// `npm run bench`: the performance targets of DESIGN.md §5, measured on generated data.
// Prints a human summary and writes bench-results.json. Not a test: numbers, not verdicts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSources } from '../electron/backend/documents/importer';
import { Project } from '../electron/backend/project/project';
import { projectSummary } from '../electron/backend/project/summary';
import { benchSections } from './benchSections';

const results: Record<string, number | string | null> = {};
const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(3));

/** A fictional ~10,000-character interview with varied turns. */
function syntheticTranscript(i: number): string {
  const lines: string[] = [];
  const speakers = [
    'INTERVIEWER',
    i % 3 === 0 ? 'PRINCIPAL RIVERA' : i % 3 === 1 ? 'Ms. Okafor' : 'Parent Lin',
  ];
  let chars = 0;
  for (let t = 0; chars < 10_000; t++) {
    const who = speakers[t % 2]!;
    const reps = 1 + ((i * 7 + t * 13) % 9);
    const body = Array.from(
      { length: reps },
      (_, k) =>
        `We talked with family number ${i}-${t}-${k} about reading at home and the Thursday coffee hour.`,
    ).join(' ');
    const line = `${who}: ${body}`;
    lines.push(line);
    chars += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

async function benchImport(dir: string): Promise<string> {
  const files = join(dir, 'transcripts');
  mkdirSync(files);
  let total = 0;
  const paths: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const text = syntheticTranscript(i);
    total += text.length;
    const p = join(files, `interview-${String(i).padStart(4, '0')}.txt`);
    writeFileSync(p, text);
    paths.push(p);
  }
  const projectPath = join(dir, 'bench.concord');
  const project = Project.open(projectPath, 'create');
  const t0 = performance.now();
  const report = await importSources(
    project,
    paths.map((path) => ({ path })),
    { actor: 'bench' },
  );
  results.import_1000_s = seconds(t0);
  results.import_chars = total;
  results.import_segments = report.imported.reduce((s, r) => s + r.segments, 0);
  if (report.errors.length) results.import_errors = report.errors.length;
  project.close();
  return projectPath;
}

function benchOpen(path: string): void {
  const t0 = performance.now();
  const p = Project.open(path, 'open');
  projectSummary(p);
  results.open_s = seconds(t0);
  p.close();
}

const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
try {
  const path = await benchImport(dir);
  benchOpen(path);
  for (const name of Object.keys(benchSections)) {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/benchSection.ts', name, dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`bench section ${name} failed (exit ${run.status})`);
    Object.assign(results, JSON.parse(run.stdout.trim().split('\n').at(-1)!));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
console.log('Concord benchmarks (targets in DESIGN.md §5)');
const targets: Record<string, string> = {
  import_1000_s: '≤ 20 s',
  open_s: '≤ 1 s',
  agreement_report_s: '≤ 1 s',
  compare_1m_labels_s: '≤ 0.3 s',
  label_ceiling_ratio: '≥ 0.9',
  label_overhead_ms: '≤ 2 ms',
  rerun_requests: '= 0',
  review_first_item_ms: '≤ 200 ms',
};
for (const [k, v] of Object.entries(results))
  console.log(`  ${k.padEnd(28)} ${String(v).padStart(12)}  ${targets[k] ?? ''}`);
console.log(JSON.stringify(results));
