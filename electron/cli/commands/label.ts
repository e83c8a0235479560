import { createInterface } from 'node:readline/promises';
import {
  AiCoderConfigSchema,
  CodingModeSchema,
  type JobView,
  type Selection,
} from '../../../shared/contract/llm';
import { activeCodebookVersion } from '../../backend/codebook/store';
import { UserError } from '../../backend/errors';
import { ensureAiCoder } from '../../backend/llm/aiCoders';
import { keyStoreFor } from '../../backend/llm/keyStore';
import { providerFromUrl } from '../../backend/llm/provider';
import { startBatchRun } from '../../backend/jobs/batchRun';
import { prepareLaunch, resolveApiKey, startRun } from '../../backend/jobs/launch';
import { defaultConfigDir } from '../../backend/session';
import { CliError, type CliCommand, type CliIO } from '../command';
import { intOption, parseCommandArgs } from '../args';
import { withProject } from './projectFile';

const usage = `concord label <file.concord> --coder NAME --model M [--base-url URL] [--concurrency N] [--samples N]
               [--budget USD] [--sample calibration|NAME] [--mode all|family|code] [--temperature T] [--context N]
               [--codebook-version N] [--timeout S] [--no-cache] [--batch] [--yes] [--json]`;

// UserError codes that mean "fix the configuration", not "fix the input": exit 2.
const CONFIG_CODES = new Set(['no_key', 'bad_config', 'config_conflict', 'no_price', 'job_busy']);
// A job that failed only because some segments failed exits 1; any other stop
// (auth, quota, unknown model, unreachable server, budget, interruption) exits 2.
const ITEM_FAILURES = 'items_failed';

function numberOption(
  value: string | undefined,
  name: string,
  min: number,
  max = Infinity,
): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max)
    throw new CliError(`--${name} must be a number between ${min} and ${max} (got "${value}")`);
  return n;
}

/** The contract's summary (DESIGN.md §4), plus a few extra figures after the required keys. */
export function labelSummary(v: JobView) {
  return {
    job_id: v.id,
    status: v.status,
    segments_total: v.segmentsTotal,
    segments_done: v.segmentsDone,
    requests: v.requests,
    cache_hits: v.cacheHits,
    failed: v.failed,
    retries: v.retries,
    rejected: v.rejected,
    labels: v.labels,
    input_tokens: v.inputTokens,
    output_tokens: v.outputTokens,
    cost_usd: v.costUsd === null ? null : Number(v.costUsd.toFixed(6)),
    run_requests: v.runRequests,
    run_cache_hits: v.runCacheHits,
    cached_input_tokens: v.cachedInputTokens,
    rate_limited: v.rateLimited,
    coder: v.coderName,
    model: v.model,
    config_hash: v.configHash,
    error: v.lastError,
  };
}

export function exitCodeOf(v: JobView): number {
  if (v.status === 'completed') return 0;
  if (v.status === 'failed' && v.lastErrorCode === ITEM_FAILURES) return 1;
  return 2;
}

const money = (usd: number | null) =>
  usd === null ? 'unknown (no price for this model)' : `$${usd.toFixed(usd < 1 ? 4 : 2)}`;

function progressLine(v: JobView): string {
  const finished = v.segmentsDone + v.failed;
  const share = v.segmentsTotal ? finished / v.segmentsTotal : 1;
  const width = 24;
  const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
  const eta =
    v.etaSeconds === null
      ? ''
      : ` · ETA ${Math.floor(v.etaSeconds / 60)}:${String(Math.round(v.etaSeconds % 60)).padStart(2, '0')}`;
  const rate = v.segmentsPerSecond === null ? '' : ` · ${v.segmentsPerSecond.toFixed(1)}/s`;
  const extra = [v.failed ? `${v.failed} failed` : '', v.rateLimited ? `${v.rateLimited} rate-limited` : '']
    .filter(Boolean)
    .join(' · ');
  return `\r[${bar}] ${Math.floor(share * 100)}% ${finished}/${v.segmentsTotal}${rate}${eta} · ${money(v.costUsd)}${extra ? ` · ${extra}` : ''}  `;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

function selectionOf(sample: string | undefined): Selection {
  return sample ? { kind: 'sample', name: sample } : { kind: 'all' };
}

async function runLabel(argv: string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseCommandArgs(
    argv,
    {
      coder: { type: 'string' },
      model: { type: 'string' },
      'base-url': { type: 'string' },
      concurrency: { type: 'string' },
      samples: { type: 'string' },
      budget: { type: 'string' },
      sample: { type: 'string' },
      mode: { type: 'string' },
      temperature: { type: 'string' },
      context: { type: 'string' },
      'codebook-version': { type: 'string' },
      timeout: { type: 'string' },
      'no-cache': { type: 'boolean' },
      batch: { type: 'boolean' },
      yes: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    { min: 1, max: 1, usage },
  );
  if (!values.coder?.trim())
    throw new CliError('--coder NAME is required (the AI coder the labels belong to)');
  if (!values.model?.trim())
    throw new CliError('--model M is required (e.g. gpt-4o-mini, or the model name your server serves)');
  // absent: the job's last concurrency on a resume, else 8
  const concurrency = intOption(values.concurrency, 'concurrency', 1);
  if (concurrency !== undefined && concurrency > 256) throw new CliError('--concurrency must be at most 256');
  const samples = intOption(values.samples, 'samples', 1) ?? 1;
  if (samples > 15) throw new CliError('--samples must be at most 15');
  const contextTurns = intOption(values.context, 'context', 0);
  if (contextTurns !== undefined && contextTurns > 10) throw new CliError('--context must be at most 10');
  const budget = numberOption(values.budget, 'budget', 0);
  const temperature = numberOption(values.temperature, 'temperature', 0, 2);
  const timeoutS = numberOption(values.timeout, 'timeout', 1, 3600);
  const mode = values.mode === undefined ? 'all' : CodingModeSchema.safeParse(values.mode).data;
  if (!mode) throw new CliError(`--mode must be all, family or code (got "${values.mode}")`);
  const baseUrl = values['base-url'] ?? (io.env.OPENAI_BASE_URL?.trim() || null);
  let provider;
  try {
    provider = providerFromUrl(baseUrl);
  } catch {
    throw new CliError(`--base-url is not a URL: "${baseUrl}"`);
  }
  const json = Boolean(values.json);
  const showProgress = io.isTTY && !json;

  return withProject(positionals[0]!, io.cwd, async (project) => {
    const db = project.db;
    const versionArg = intOption(values['codebook-version'], 'codebook-version', 1);
    const version = versionArg ?? activeCodebookVersion(db)?.version;
    if (version === undefined)
      throw new CliError('the project has no codebook; import one first (concord codebook import)', 2);
    const config = AiCoderConfigSchema.parse({
      provider,
      model: values.model!.trim(),
      ...(temperature !== undefined ? { temperature } : {}),
      samples,
      mode,
      ...(contextTurns !== undefined ? { contextTurns } : {}),
      codebookVersion: version,
    });
    const actor = `concord label (${io.env.CONCORD_USER ?? io.env.USER ?? 'cli'})`;
    const coder = project.transaction(() => ensureAiCoder(db, values.coder!, config, actor));
    const useCache = !values['no-cache'];
    const launch = prepareLaunch(db, {
      coderId: coder.id,
      selection: selectionOf(values.sample),
      budgetUsd: budget,
      batch: values.batch ? true : undefined,
      useCache,
      actor,
    });
    const apiKey = await resolveApiKey(keyStoreFor(defaultConfigDir(io.env), io.env), config.provider);

    const est = launch.estimate;
    if (showProgress && est.requests > 0) {
      io.stderr(
        `job ${launch.job.id} (${launch.created ? 'new' : 'resumed'}): ${est.segments} segments to code, ${est.cachedSegments} already cached; ` +
          `about ${est.requests} requests, ${est.inputTokens.toLocaleString('en')} input and ${est.outputTokens.toLocaleString('en')} output tokens, ${money(est.costUsd)}\n`,
      );
      if (!values.yes && process.stdin.isTTY && !(await confirm('Start? [y/N] ')))
        throw new CliError('not started', 1);
    }

    const run = launch.job.batch
      ? await startBatchRun(
          db,
          launch,
          apiKey,
          actor,
          useCache,
          showProgress ? (v: JobView) => io.stderr(progressLine(v)) : undefined,
        )
      : startRun(db, launch, apiKey, {
          concurrency,
          ...(timeoutS ? { timeoutMs: timeoutS * 1000 } : {}),
          useCache,
          actor,
          onProgress: showProgress ? (v) => io.stderr(progressLine(v)) : undefined,
        });
    let interrupts = 0;
    const onSigint = () => {
      if (++interrupts === 1) {
        if (showProgress)
          io.stderr('\npausing: finishing the requests in flight (Ctrl+C again to cancel them)\n');
        run.pause();
      } else run.cancel();
    };
    process.on('SIGINT', onSigint);
    let view: JobView;
    try {
      view = await run.done;
    } finally {
      process.off('SIGINT', onSigint);
    }
    if (showProgress) io.stderr('\n');
    const code = exitCodeOf(view);
    if (json) io.stdout(`${JSON.stringify(labelSummary(view))}\n`);
    else {
      io.stdout(
        `job ${view.id} ${view.status}: ${view.segmentsDone}/${view.segmentsTotal} segments done, ${view.failed} failed, ${view.labels} labels\n` +
          `requests ${view.requests} (this run ${view.runRequests}), cache hits ${view.cacheHits} (this run ${view.runCacheHits}), retries ${view.retries}, rejected answers ${view.rejected}\n` +
          `tokens ${view.inputTokens} in (${view.cachedInputTokens} cached), ${view.outputTokens} out; cost ${money(view.costUsd)}\n`,
      );
    }
    if (code === 2 && view.lastError)
      io.stderr(`concord: error: ${view.lastError.replace(/\s*\n\s*/g, ' ')}\n`);
    else if (code === 1 && !json)
      io.stderr(`concord: error: ${view.lastError ?? `${view.failed} segments failed`}\n`);
    return code;
  });
}

export const labelCommand: CliCommand = {
  name: 'label',
  summary: 'code segments with an AI coder (OpenAI or compatible), as a resumable job',
  usage: `Usage: ${usage}

Runs an AI coder over the project's segments (all, or --sample calibration / a sample
name) as a durable job: concurrent, rate-limit aware, cached, resumable. Running the
same command again resumes the same job (after a crash, Ctrl+C or kill) and sends
nothing for segments already coded. The coder is created on first use; a coder whose
configuration changed needs a new name.

  --coder NAME        the AI coder (labels belong to it)
  --model M           model name (gpt-4o-mini, or what your server serves)
  --base-url URL      OpenAI-compatible server (Ollama, vLLM, LM Studio, llama.cpp,
                      Azure); wins over OPENAI_BASE_URL; default api.openai.com
  --concurrency N     requests in flight (default 8, or what the job last ran with; lowered on 429s)
  --samples N         answers per segment, majority vote (default 1)
  --budget USD        stop with status budget_exceeded before spending more
  --sample NAME       a named sample, or calibration/holdout/audit = the newest one
  --mode M            all (default): one call; family: one per code family; code: one per code
  --temperature T     default 0;  --context N  neighbouring turns shown (default 1)
  --timeout S         per request (default 120)
  --no-cache          ask again even when the answer is in the project's cache
  --batch             OpenAI Batch API (half price, results within 24 h)
  --yes               do not ask before starting (never asked without a terminal or with --json)
  --json              print the summary as JSON (always, whatever the exit code)

The API key comes from OPENAI_API_KEY (or credentials.json, mode 0600, in the
Concord config folder); it is never stored in the project.
Exit 0 when completed, 1 when segments failed, 2 when stopped by auth, quota,
configuration, budget or an interruption.`,
  async run(argv, io) {
    try {
      return await runLabel(argv, io);
    } catch (e) {
      if (e instanceof UserError && CONFIG_CODES.has(e.code)) throw new CliError(e.message, 2);
      throw e;
    }
  },
};
