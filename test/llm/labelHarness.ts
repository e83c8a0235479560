import {
  AiCoderConfigSchema,
  type AiCoderConfigInput,
  type JobView,
  type Selection,
} from '../../shared/contract/llm';
import { activeCodebookVersion } from '../../electron/backend/codebook/store';
import { ensureAiCoder } from '../../electron/backend/llm/aiCoders';
import type { JobRun } from '../../electron/backend/jobs/engine';
import { prepareLaunch, startRun, type PreparedLaunch } from '../../electron/backend/jobs/launch';
import type { RequestPolicy } from '../../electron/backend/jobs/runtimeFactory';
import { Project } from '../../electron/backend/project/project';
import type { FakeServer } from '../support/fakeOpenAI';

/** Retries fast enough for tests; still exponential with jitter. */
export const FAST_POLICY: Partial<RequestPolicy> = {
  concurrency: 8,
  timeoutMs: 2000,
  backoff: { baseMs: 5, maxMs: 40 },
  maxAttempts: 6,
};

export interface LabelRunOptions {
  coder?: string;
  config?: Partial<AiCoderConfigInput>;
  selection?: Selection;
  budgetUsd?: number | null;
  useCache?: boolean;
  policy?: Partial<RequestPolicy>;
  /** called once the run has started (pause / cancel it from here) */
  during?: (run: JobRun, launch: PreparedLaunch) => void;
  apiKey?: string;
}

/** Runs the AI coder over a project file against the fake provider, as the CLI would. */
export async function labelWithFake(
  path: string,
  fake: FakeServer,
  o: LabelRunOptions = {},
): Promise<{ view: JobView; launch: PreparedLaunch }> {
  const p = Project.open(path, 'open');
  try {
    const config = AiCoderConfigSchema.parse({
      provider: { kind: 'compatible', baseURL: fake.url },
      model: 'fake-model',
      codebookVersion: activeCodebookVersion(p.db)!.version,
      ...o.config,
    });
    const coder = p.transaction(() => ensureAiCoder(p.db, o.coder ?? 'gpt-test', config, 'test'));
    const useCache = o.useCache ?? true;
    const launch = prepareLaunch(p.db, {
      coderId: coder.id,
      selection: o.selection ?? { kind: 'all' },
      budgetUsd: o.budgetUsd,
      useCache,
      actor: 'test',
    });
    const run = startRun(p.db, launch, o.apiKey ?? 'sk-test-key', {
      ...FAST_POLICY,
      ...o.policy,
      useCache,
      actor: 'test',
    });
    o.during?.(run, launch);
    return { view: await run.done, launch };
  } finally {
    p.close();
  }
}

/** Opens a project read-write for assertions and closes it after fn. */
export function withDb<T>(path: string, fn: (p: Project) => T): T {
  const p = Project.open(path, 'open');
  try {
    return fn(p);
  } finally {
    p.close();
  }
}
