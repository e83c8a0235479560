// Labeling engine benchmark (DESIGN.md §5): 10,000 segments, the shipped 38-code
// codebook, concurrency 16, against the scripted provider answering 50 ms after each
// request arrives. The provider runs in its own process so the engine's figures are the
// engine's alone (on two cores it still competes with the engine for CPU).
//   label_segments_per_s   segments finished per second of wall time (first run)
//   label_ceiling_ratio    that over the ceiling 16 / 0.05 s = 320 segments/s
//   label_overhead_ms      engine CPU time per segment (user + system, this process only):
//                          prompt rendering, SDK and HTTP, validation, voting, SQLite writes
//   label_busy_ms          main-thread busy wall time per segment (event-loop utilisation);
//                          above label_overhead_ms when the machine is short of CPU
//   label_db_write_ms      of the busy time, committing items: labels, provenance, usage,
//                          cache, and the triggers other features hang on AI outputs (review queue)
//   label_slot_overhead_ms latency the engine adds to each request slot: wall × 16 / N − 50
//   rerun_requests         requests the provider saw during a second run of the same
//                          configuration (another coder, so a new job): all cache hits
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { AiCoderConfigSchema } from '../../shared/contract/llm';
import { CodebookJsonSchema } from '../../shared/contract/codebookJson';
import { createCodebookVersion } from '../../electron/backend/codebook/store';
import { ensureAiCoder } from '../../electron/backend/llm/aiCoders';
import { prepareLaunch, startRun } from '../../electron/backend/jobs/launch';
import { Project } from '../../electron/backend/project/project';
import type { BenchSection } from '../benchSections';

const SEGMENTS = Number(process.env.LABEL_BENCH_SEGMENTS ?? 10_000);
const CONCURRENCY = 16;
const LATENCY_MS = 50;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const TURNS = [
  'Every teacher calls two families a week with good news before anything else comes up.',
  'Many parents work evenings, so we also hold meetings at seven in the morning.',
  'The front office answers in both languages and every flyer is translated the same day.',
  'Parents run a Thursday coffee hour. They set the agenda, not us.',
  'Students write the invitations by hand, so families actually read them.',
  'The teacher came to our apartment and asked what we hoped for our son this year.',
  'Honestly some staff think these families just do not care about school.',
];

const RULES = [
  { code: 'communication-one-on-one', match: 'calls' },
  { code: 'barriers-time-work-conflicts', match: 'work evenings' },
  { code: 'cross-language-practices-resources-services', match: 'translated' },
  { code: 'interaction-types-family-groups-committees', match: 'coffee hour' },
  { code: 'interaction-types-student-mediated', match: 'Students write' },
  { code: 'relationships-personal', match: 'apartment' },
  { code: 'mindsets-deficit-doubt', match: 'do not care' },
];

async function startProvider(
  dir: string,
): Promise<{ url: string; stop: () => void; stats: () => Promise<{ requests: number }> }> {
  const rules = join(dir, 'bench-rules.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(rules, JSON.stringify(RULES));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'test/support/fakeOpenAICli.ts'),
      '--latency',
      String(LATENCY_MS),
      '--rules',
      rules,
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`the test provider exited (${code})`)));
  });
  return {
    url,
    stop: () => child.kill('SIGTERM'),
    stats: async () => (await (await fetch(`${url}/_stats`)).json()) as { requests: number },
  };
}

function createProject(dir: string): string {
  const path = join(dir, 'label-bench.concord');
  const p = Project.open(path, 'create');
  const codebook = CodebookJsonSchema.parse(
    JSON.parse(readFileSync(join(ROOT, 'codebooks/family-engagement.json'), 'utf8')),
  );
  p.transaction(() => {
    createCodebookVersion(p.db, codebook, 'bench');
    const doc = p.db.prepare(
      "INSERT INTO documents (uid, name, format, content_hash, text, chars, words, imported_at) VALUES (?, ?, 'txt', ?, '', 0, 0, 'now')",
    );
    const seg = p.db.prepare(
      'INSERT INTO segments (uid, document_id, idx, turn, speaker, start, end, text, words) VALUES (?, ?, ?, ?, ?, 0, 1, ?, 20)',
    );
    let docId = 0;
    for (let i = 0; i < SEGMENTS; i++) {
      if (i % 100 === 0)
        docId = Number(doc.run(`bench-${i}`, `interview-${i / 100}`, `bench-${i}`).lastInsertRowid);
      const text =
        i % 2 === 0 ? `Can you tell me more about that, part ${i}?` : `${TURNS[i % TURNS.length]} (${i})`;
      seg.run(`bench-s${i}`, docId, i % 100, i % 100, i % 2 === 0 ? 'INTERVIEWER' : 'Principal Rivera', text);
    }
  });
  p.close();
  return path;
}

async function runJob(path: string, url: string, coder: string) {
  const p = Project.open(path, 'open');
  try {
    const config = AiCoderConfigSchema.parse({
      provider: { kind: 'compatible', baseURL: url },
      model: 'fake-model',
      codebookVersion: 1,
    });
    const c = p.transaction(() => ensureAiCoder(p.db, coder, config, 'bench'));
    const launch = prepareLaunch(p.db, {
      coderId: c.id,
      selection: { kind: 'all' },
      useCache: true,
      actor: 'bench',
    });
    const elu0 = performance.eventLoopUtilization();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = startRun(p.db, launch, 'no-key', {
      concurrency: CONCURRENCY,
      timeoutMs: 30_000,
      useCache: true,
      actor: 'bench',
    });
    const view = await run.done;
    const wallMs = performance.now() - t0;
    const elu = performance.eventLoopUtilization(elu0);
    const cpu = process.cpuUsage(cpu0);
    return {
      view,
      wallMs,
      busyMs: elu.active,
      cpuMs: (cpu.user + cpu.system) / 1000,
      writeMs: run.timings.flushMs,
    };
  } finally {
    p.close();
  }
}

export const labelBench: BenchSection = async (tmpDir) => {
  const provider = await startProvider(tmpDir);
  try {
    const path = createProject(tmpDir);
    const first = await runJob(path, provider.url, 'bench-ai');
    if (first.view.status !== 'completed')
      throw new Error(`label bench: job ended ${first.view.status}: ${first.view.lastError}`);
    const before = (await provider.stats()).requests;
    const second = await runJob(path, provider.url, 'bench-ai-rerun');
    const after = (await provider.stats()).requests;
    const perS = SEGMENTS / (first.wallMs / 1000);
    const ceiling = CONCURRENCY / (LATENCY_MS / 1000);
    return {
      label_segments_per_s: Number(perS.toFixed(1)),
      label_ceiling_ratio: Number((perS / ceiling).toFixed(3)),
      label_overhead_ms: Number((first.cpuMs / SEGMENTS).toFixed(3)),
      label_db_write_ms: Number((first.writeMs / SEGMENTS).toFixed(3)),
      label_busy_ms: Number((first.busyMs / SEGMENTS).toFixed(3)),
      label_slot_overhead_ms: Number(((first.wallMs * CONCURRENCY) / SEGMENTS - LATENCY_MS).toFixed(2)),
      label_first_run_s: Number((first.wallMs / 1000).toFixed(2)),
      label_input_tokens: first.view.inputTokens,
      rerun_requests: after - before,
      rerun_cache_hits: second.view.cacheHits,
      rerun_s: Number((second.wallMs / 1000).toFixed(2)),
    };
  } finally {
    provider.stop();
  }
};
