import {
  JobProgressSchema,
  type JobProgress,
  type JobView,
  type llmMethods,
  type Provider,
} from '../../../shared/contract/llm';
import { UserError } from '../errors';
import { recordHistory } from '../history/record';
import { startBatchRun } from '../jobs/batchRun';
import { getJobRow, jobView } from '../jobs/jobStore';
import { estimateLaunch, prepareLaunch, resolveApiKey, startRun } from '../jobs/launch';
import { currentJobView, jobFailures, listJobs } from '../jobs/queries';
import { activeRun } from '../jobs/registry';
import type { HandlerContext, HandlerMap } from '../rpc/handlers';
import type { Session } from '../session';
import { answerJsonSchema } from './answerSchema';
import {
  aiCoderConfigOf,
  createAiCoder,
  deleteAiCoder,
  getAiCoder,
  getAiCoderRow,
  listAiCoders,
  updateAiCoder,
} from './aiCoders';
import { createClient } from './chatClient';
import { keyStoreFor } from './keyStore';
import { prepareCoder } from './preparedCoder';
import { deletePrice, listPrices, priceFor, setPrice } from './prices';
import { exportProvenance, labelProvenance } from './provenance';
import { classifyError, redactSecrets } from './providerErrors';
import { SegmentReader } from '../jobs/segmentReader';
import { renderUserMessage } from './userMessage';
import { providerKeyId } from './provider';

const keys = (session: Session) => keyStoreFor(session.configDir);

// the progress event carries the fields of the view the schema picks
const progressOf = (v: JobView): JobProgress => JobProgressSchema.parse(v);

async function listModels(session: Session, provider: Provider) {
  const apiKey = await resolveApiKey(keys(session), provider);
  const client = createClient(provider, apiKey, 15_000);
  const out: { id: string; ownedBy: string | null }[] = [];
  for await (const m of client.models.list()) out.push({ id: m.id, ownedBy: m.owned_by ?? null });
  return { out, apiKey };
}

/** Starts or resumes a job in the background of the backend process; progress comes as events. */
async function launch(
  ctx: HandlerContext,
  req: {
    coderId: number;
    selection: Parameters<typeof prepareLaunch>[1]['selection'];
    budgetUsd?: number | null;
    concurrency?: number;
    noCache?: boolean;
    batch?: boolean;
  },
): Promise<JobView> {
  const p = ctx.session.requireProject();
  const coder = getAiCoderRow(p.db, req.coderId);
  const config = aiCoderConfigOf(coder);
  const useCache = !req.noCache;
  const actor = ctx.session.user;
  const prepared = prepareLaunch(p.db, {
    coderId: coder.id,
    selection: req.selection,
    budgetUsd: req.budgetUsd,
    batch: req.batch,
    useCache,
    actor,
  });
  const running = activeRun(p.db, prepared.job.id);
  if (running) {
    if (req.budgetUsd !== undefined) running.setBudget(req.budgetUsd);
    return running.view();
  }
  const apiKey = await resolveApiKey(keys(ctx.session), config.provider);
  const onProgress = (v: JobView) => ctx.emit('job.progress', progressOf(v));
  const run =
    prepared.job.batch === 1
      ? await startBatchRun(p.db, prepared, apiKey, actor, useCache, onProgress)
      : startRun(p.db, prepared, apiKey, {
          useCache,
          actor,
          onProgress,
          ...(req.concurrency ? { concurrency: req.concurrency } : {}),
        });
  // a run's failure is recorded on the job; nothing is left to reject unobserved
  run.done.catch(() => undefined);
  return run.view();
}

function stopIdle(ctx: HandlerContext, jobId: number, status: 'paused' | 'cancelled'): JobView {
  const p = ctx.session.requireProject();
  const row = getJobRow(p.db, jobId);
  if (row.status === 'completed') return jobView(p.db, row);
  p.transaction(() => {
    p.db
      .prepare('UPDATE jobs SET status = ?, updated_at = ? WHERE id = ?')
      .run(status, new Date().toISOString(), jobId);
    recordHistory(p.db, {
      actor: ctx.session.user,
      action: `job.${status === 'paused' ? 'pause' : 'cancel'}`,
      entity: 'job',
      entityId: jobId,
    });
  });
  return jobView(p.db, getJobRow(p.db, jobId));
}

export const llmHandlers: HandlerMap<keyof typeof llmMethods> = {
  'ai.coders.list': (_p, { session }) => listAiCoders(session.requireProject().db),

  'ai.coders.get': ({ id }, { session }) => getAiCoder(session.requireProject().db, id),

  'ai.coders.create': ({ name, config }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => createAiCoder(p.db, name, config, session.user));
  },

  'ai.coders.update': ({ id, config }, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => updateAiCoder(p.db, id, config, session.user));
  },

  'ai.coders.delete': ({ id }, { session }) => {
    const p = session.requireProject();
    return { deleted: p.transaction(() => deleteAiCoder(p.db, id, session.user)) };
  },

  'ai.coders.preview': ({ config, segmentId }, { session }) => {
    const db = session.requireProject().db;
    const prepared = prepareCoder(db, config);
    const seg = segmentId === undefined ? null : new SegmentReader(db, config.contextTurns).get(segmentId);
    if (segmentId !== undefined && !seg)
      throw new UserError(`segment ${segmentId} does not exist`, 'not_found');
    return {
      configHash: prepared.configHash,
      system: prepared.calls.map((c) => c.system),
      user: seg ? renderUserMessage(seg, seg.before, seg.after) : null,
      schema: answerJsonSchema(prepared.calls[0]?.codes ?? []),
    };
  },

  'ai.testConnection': async ({ provider, model }, { session }) => {
    const t0 = performance.now();
    let apiKey: string | null = null;
    try {
      const r = await listModels(session, provider);
      apiKey = r.apiKey;
      return {
        ok: true,
        latencyMs: Math.round(performance.now() - t0),
        models: r.out.length,
        modelFound: model ? r.out.some((m) => m.id === model) : null,
        error: null,
      };
    } catch (e) {
      const message = e instanceof UserError ? e.message : classifyError(e).message;
      return {
        ok: false,
        latencyMs: Math.round(performance.now() - t0),
        models: 0,
        modelFound: null,
        error: redactSecrets(message, apiKey),
      };
    }
  },

  'ai.listModels': async ({ provider }, { session }) => {
    try {
      return (await listModels(session, provider)).out;
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(redactSecrets(classifyError(e).message, null), 'provider');
    }
  },

  'ai.key.status': ({ provider }, { session }) => keys(session).describe(provider),

  'ai.key.set': async ({ provider, key }, { session }) => {
    const store = keys(session);
    if (!store.set)
      throw new UserError('this host has no writable key store; set OPENAI_API_KEY instead', 'bad_config');
    await store.set(provider, key);
    // the history says that a key was stored for a provider, never the key
    const p = session.project;
    if (p)
      recordHistory(p.db, {
        actor: session.user,
        action: 'ai.key.set',
        entity: 'provider',
        entityId: providerKeyId(provider),
      });
    return { stored: true };
  },

  'ai.key.clear': async ({ provider }, { session }) => {
    const store = keys(session);
    return { cleared: store.clear ? await store.clear(provider) : false };
  },

  'jobs.estimate': ({ coderId, selection, batch }, { session }) =>
    estimateLaunch(session.requireProject().db, { coderId, selection, batch, useCache: true }),

  'jobs.start': (params, ctx) => launch(ctx, params),

  'jobs.pause': ({ jobId }, ctx) => {
    const p = ctx.session.requireProject();
    const run = activeRun(p.db, jobId);
    if (!run) return stopIdle(ctx, jobId, 'paused');
    run.pause();
    return run.view();
  },

  'jobs.resume': ({ jobId, concurrency }, ctx) => {
    const p = ctx.session.requireProject();
    const row = getJobRow(p.db, jobId);
    const job = jobView(p.db, row);
    return launch(ctx, {
      coderId: row.coder_id,
      selection: job.selection,
      concurrency,
      batch: row.batch === 1,
    });
  },

  'jobs.cancel': ({ jobId }, ctx) => {
    const p = ctx.session.requireProject();
    const run = activeRun(p.db, jobId);
    if (!run) return stopIdle(ctx, jobId, 'cancelled');
    run.cancel();
    return run.view();
  },

  'jobs.get': ({ jobId }, { session }) => currentJobView(session.requireProject().db, jobId),

  'jobs.list': ({ coderId }, { session }) => listJobs(session.requireProject().db, coderId),

  'jobs.failures': ({ jobId, offset, limit }, { session }) =>
    jobFailures(session.requireProject().db, jobId, offset, limit),

  'llm.prices.list': (_p, { session }) => listPrices(session.requireProject().db),

  'llm.prices.set': (price, { session }) => {
    const p = session.requireProject();
    return p.transaction(() => {
      const before = priceFor(p.db, price.model);
      const after = setPrice(p.db, price);
      recordHistory(p.db, {
        actor: session.user,
        action: 'llm.price.set',
        entity: 'model_price',
        entityId: price.model,
        before,
        after,
      });
      return after;
    });
  },

  'llm.prices.delete': ({ model }, { session }) => {
    const p = session.requireProject();
    return {
      deleted: p.transaction(() => {
        const gone = deletePrice(p.db, model);
        if (gone)
          recordHistory(p.db, {
            actor: session.user,
            action: 'llm.price.delete',
            entity: 'model_price',
            entityId: model,
          });
        return gone;
      }),
    };
  },

  'llm.provenance': ({ labelId }, { session }) => labelProvenance(session.requireProject().db, labelId),

  'llm.exportProvenance': ({ coderId, jobId, path }, { session }) => {
    const r = exportProvenance(session.requireProject().db, { coderId, jobId }, path);
    return { rows: r.rows, path: path ?? null, jsonl: r.jsonl };
  },
};
