import type Database from 'better-sqlite3';
import { setMaxListeners } from 'node:events';
import { toFile } from 'openai';
import type OpenAI from 'openai';
import type { JobView } from '../../../shared/contract/llm';
import { chatBody, createClient, readCompletion, type ChatUsage } from '../llm/chatClient';
import { classifyError, redactSecrets } from '../llm/providerErrors';
import { abortableSleep } from '../llm/providerRuntime';
import { cacheKeyOf, ResponseCache } from '../llm/responseCache';
import { renderUserMessage } from '../llm/userMessage';
import { validateAnswer, type SampleDecision } from '../llm/validateAnswer';
import { majorityVote } from '../llm/vote';
import { ItemQueue } from './itemQueue';
import { zeroStats, type ItemOutcome } from './itemOutcome';
import { ItemWriter } from './itemWriter';
import { claimJob, finishJob, getJobRow, jobView } from './jobStore';
import type { PreparedLaunch } from './launch';
import { startRun } from './launch';
import { trackRun, type ActiveRun } from './registry';
import { SegmentReader } from './segmentReader';

// OpenAI Batch API mode: every pending segment's requests go into one JSONL file
// (custom_id = item:call:sample), uploaded and submitted as a batch whose id is
// stored on the job at once, so a killed process resumes polling the same batch
// instead of paying twice. Results are imported by custom_id with the same
// validation and vote as synchronous answers; items with a missing, failed or
// refused answer stay pending and finish through the synchronous engine.

const BATCH_DONE = new Set(['completed', 'failed', 'expired', 'cancelled']);

export interface BatchOptions {
  pollMs: number;
}

export const DEFAULT_BATCH: BatchOptions = { pollMs: 30_000 };

const customId = (itemId: number, call: number, sample: number) => `${itemId}:${call}:${sample}`;

function parseCustomId(id: string): { itemId: number; call: number; sample: number } | null {
  const m = /^(\d+):(\d+):(\d+)$/.exec(id);
  return m ? { itemId: Number(m[1]), call: Number(m[2]), sample: Number(m[3]) } : null;
}

interface ResultLine {
  custom_id?: string;
  response?: {
    status_code?: number;
    body?: Pick<OpenAI.Chat.Completions.ChatCompletion, 'choices' | 'model' | 'usage'>;
  } | null;
  error?: { message?: string } | null;
}

export class BatchRun implements ActiveRun {
  readonly done: Promise<JobView>;
  private readonly controller = new AbortController();
  private stopped: 'pause' | 'cancel' | null = null;
  private runRequests = 0;
  private runCacheHits = 0;
  private syncRun: ActiveRun | null = null;
  private readonly client: OpenAI;

  constructor(
    private readonly db: Database.Database,
    private readonly launch: PreparedLaunch,
    private readonly apiKey: string,
    private readonly opts: {
      actor: string;
      useCache: boolean;
      batch: BatchOptions;
      onProgress?: (v: JobView) => void;
    },
  ) {
    setMaxListeners(0, this.controller.signal);
    this.jobId = launch.job.id;
    claimJob(db, this.jobId, { retryFailed: true });
    this.client = createClient(launch.prepared.config.provider, apiKey, 120_000);
    this.done = this.run();
  }

  readonly jobId: number;

  pause(): void {
    this.stopped ??= 'pause';
    this.syncRun?.pause();
    this.controller.abort();
  }

  cancel(): void {
    this.stopped = 'cancel';
    this.syncRun?.cancel();
    this.controller.abort();
  }

  setBudget(usd: number | null): void {
    this.syncRun?.setBudget(usd);
  }

  view(): JobView {
    if (this.syncRun) return this.withRunFigures(this.syncRun.view());
    return jobView(this.db, getJobRow(this.db, this.jobId), {
      runRequests: this.runRequests,
      runCacheHits: this.runCacheHits,
      inFlight: 0,
      segmentsPerSecond: null,
      etaSeconds: null,
    });
  }

  private withRunFigures(v: JobView): JobView {
    return {
      ...v,
      runRequests: v.runRequests + this.runRequests,
      runCacheHits: v.runCacheHits + this.runCacheHits,
    };
  }

  private async run(): Promise<JobView> {
    const { prepared, price } = this.launch;
    const writer = new ItemWriter(
      this.db,
      { id: this.jobId, coderId: this.launch.job.coder_id },
      prepared,
      price,
    );
    try {
      let batchId = getJobRow(this.db, this.jobId).batch_id;
      if (!batchId) batchId = await this.submit(writer);
      if (batchId) {
        const batch = await this.poll(batchId);
        if (batch) await this.importResults(batch, writer);
      }
    } catch (e) {
      writer.flush();
      const f = classifyError(e);
      if (f.kind === 'aborted' || this.stopped)
        return this.finish(this.stopped === 'cancel' ? 'cancelled' : 'paused', null);
      const message = redactSecrets(f.message, this.apiKey);
      return this.finish('failed', {
        code: f.kind === 'fatal' ? f.code : 'batch',
        message: `batch: ${message}`,
      });
    }
    writer.flush();
    if (this.stopped) return this.finish(this.stopped === 'cancel' ? 'cancelled' : 'paused', null);
    const left = this.db
      .prepare("SELECT count(*) AS n FROM job_items WHERE job_id = ? AND state IN ('pending', 'running')")
      .pluck()
      .get(this.jobId) as number;
    if (left === 0) {
      const row = getJobRow(this.db, this.jobId);
      return row.segments_failed > 0
        ? this.finish('failed', {
            code: 'items_failed',
            message: `${row.segments_failed} segment(s) failed; see the job's failures`,
          })
        : this.finish('completed', null);
    }
    // whatever the batch did not answer validly is finished synchronously
    this.syncRun = startRun(this.db, { ...this.launch, job: getJobRow(this.db, this.jobId) }, this.apiKey, {
      useCache: this.opts.useCache,
      actor: this.opts.actor,
      onProgress: this.opts.onProgress ? (v) => this.opts.onProgress!(this.withRunFigures(v)) : undefined,
    });
    return this.withRunFigures(await this.syncRun.done);
  }

  private finish(status: JobView['status'], error: { code: string; message: string } | null): JobView {
    const row = finishJob(this.db, this.jobId, status, error, this.opts.actor);
    const v = jobView(this.db, row, {
      runRequests: this.runRequests,
      runCacheHits: this.runCacheHits,
      inFlight: 0,
      segmentsPerSecond: null,
      etaSeconds: null,
    });
    this.opts.onProgress?.(v);
    return v;
  }

  /** Writes the JSONL of every pending item not answered from the cache, uploads it and submits the batch. */
  private async submit(writer: ItemWriter): Promise<string | null> {
    const { prepared } = this.launch;
    const reader = new SegmentReader(this.db, prepared.config.contextTurns);
    const cache = this.opts.useCache ? new ResponseCache(this.db) : null;
    const queue = new ItemQueue(this.db, this.jobId);
    const lines: string[] = [];
    for (let item = queue.next(); item; item = queue.next()) {
      const seg = reader.get(item.segmentId);
      if (!seg) continue;
      const user = renderUserMessage(seg, seg.before, seg.after);
      const key = cacheKeyOf(prepared.configHash, user);
      const hit = seg.text.trim() ? cache?.get(key) : null;
      if (hit) {
        writer.add({
          kind: 'done',
          itemId: item.id,
          segmentId: item.segmentId,
          decisions: hit.decisions,
          raw: hit.raw,
          modelReturned: hit.modelReturned,
          stats: zeroStats(),
          fromCache: true,
          answerUsage: hit.usage,
          cacheKey: key,
        });
        this.runCacheHits++;
        continue;
      }
      prepared.calls.forEach((call, ci) => {
        for (let s = 0; s < prepared.config.samples; s++) {
          const body = chatBody({
            model: prepared.config.model,
            messages: [
              { role: 'system', content: call.system },
              { role: 'user', content: user },
            ],
            format:
              prepared.config.structuredOutput === 'auto' ? 'json_schema' : prepared.config.structuredOutput,
            codeIds: call.codes,
            temperature: prepared.config.temperature,
            maxOutputTokens: prepared.config.maxOutputTokens,
            provider: prepared.config.provider,
          });
          lines.push(
            JSON.stringify({
              custom_id: customId(item.id, ci, s),
              method: 'POST',
              url: '/v1/chat/completions',
              body,
            }),
          );
        }
      });
    }
    writer.flush();
    if (!lines.length) return null;
    const file = await this.client.files.create(
      {
        file: await toFile(Buffer.from(`${lines.join('\n')}\n`), 'concord-batch.jsonl', {
          type: 'application/jsonl',
        }),
        purpose: 'batch',
      },
      { signal: this.controller.signal },
    );
    const batch = await this.client.batches.create(
      { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' },
      { signal: this.controller.signal },
    );
    this.db
      .prepare('UPDATE jobs SET batch_id = ?, updated_at = ? WHERE id = ?')
      .run(batch.id, new Date().toISOString(), this.jobId);
    return batch.id;
  }

  private async poll(batchId: string): Promise<OpenAI.Batches.Batch | null> {
    for (;;) {
      const b = await this.client.batches.retrieve(batchId, { signal: this.controller.signal });
      this.db.prepare('UPDATE jobs SET heartbeat_at = ? WHERE id = ?').run(Date.now(), this.jobId);
      this.opts.onProgress?.(this.view());
      if (BATCH_DONE.has(b.status)) return b;
      await abortableSleep(this.opts.batch.pollMs, this.controller.signal);
      if (this.stopped) {
        if (this.stopped === 'cancel') await this.client.batches.cancel(batchId).catch(() => undefined);
        return null;
      }
    }
  }

  private async fileLines(fileId: string | null | undefined): Promise<ResultLine[]> {
    if (!fileId) return [];
    const text = await (await this.client.files.content(fileId, { signal: this.controller.signal })).text();
    return text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        try {
          return JSON.parse(l) as ResultLine;
        } catch {
          return {};
        }
      });
  }

  /** Imports answers by custom_id; an item is done only when every call and sample of it is valid. */
  private async importResults(batch: OpenAI.Batches.Batch, writer: ItemWriter): Promise<void> {
    const { prepared } = this.launch;
    const lines = [
      ...(await this.fileLines(batch.output_file_id)),
      ...(await this.fileLines(batch.error_file_id)),
    ];
    const reader = new SegmentReader(this.db, prepared.config.contextTurns);
    const samples = prepared.config.samples;
    type Slot = { decisions: SampleDecision[] | null; raw: string; model: string | null; usage: ChatUsage };
    const byItem = new Map<number, Map<string, Slot>>();
    const rejectedBy = new Map<number, number>();
    const requestsBy = new Map<number, number>();
    const usageBy = new Map<number, ChatUsage>();
    for (const line of lines) {
      const id = line.custom_id ? parseCustomId(line.custom_id) : null;
      if (!id) continue;
      requestsBy.set(id.itemId, (requestsBy.get(id.itemId) ?? 0) + 1);
      const body = line.response?.status_code === 200 ? line.response.body : null;
      if (!body) continue;
      const seg = reader.get(getSegmentId(this.db, id.itemId) ?? -1);
      const call = prepared.calls[id.call];
      if (!seg || !call) continue;
      const reply = readCompletion(
        body,
        { messages: [] },
        { remainingRequests: null, remainingTokens: null, resetRequestsMs: null, resetTokensMs: null },
        0,
      );
      const u = usageBy.get(id.itemId) ?? { input: 0, cached: 0, output: 0 };
      usageBy.set(id.itemId, {
        input: u.input + reply.usage.input,
        cached: u.cached + reply.usage.cached,
        output: u.output + reply.usage.output,
      });
      const v = reply.finishReason === 'length' ? null : validateAnswer(reply.content, call.codes, seg.text);
      if (!v?.ok) {
        rejectedBy.set(id.itemId, (rejectedBy.get(id.itemId) ?? 0) + 1);
        continue;
      }
      const slots = byItem.get(id.itemId) ?? new Map<string, Slot>();
      byItem.set(id.itemId, slots);
      slots.set(`${id.call}:${id.sample}`, {
        decisions: v.decisions,
        raw: reply.content ?? '',
        model: reply.model,
        usage: reply.usage,
      });
    }
    const open = this.db
      .prepare(
        "SELECT id, segment_id AS segmentId FROM job_items WHERE job_id = ? AND state IN ('pending', 'running')",
      )
      .all(this.jobId) as { id: number; segmentId: number }[];
    for (const item of open) {
      const requests = requestsBy.get(item.id) ?? 0;
      if (requests === 0) continue;
      this.runRequests += requests;
      const stats = {
        ...zeroStats(),
        requests,
        rejected: rejectedBy.get(item.id) ?? 0,
        usage: usageBy.get(item.id) ?? { input: 0, cached: 0, output: 0 },
        batchPriced: true,
      };
      const slots = byItem.get(item.id);
      const complete =
        slots &&
        prepared.calls.every((_c, ci) =>
          Array.from({ length: samples }, (_x, s) => slots.has(`${ci}:${s}`)).every(Boolean),
        );
      if (!complete) {
        writer.add({ kind: 'released', itemId: item.id, segmentId: item.segmentId, stats, fatal: null });
        continue;
      }
      const decisions = prepared.calls.flatMap((call, ci) =>
        majorityVote(
          call.codes,
          Array.from({ length: samples }, (_x, s) => slots.get(`${ci}:${s}`)!.decisions!),
        ),
      );
      const all = [...slots.values()];
      const seg = reader.get(item.segmentId)!;
      const outcome: ItemOutcome = {
        kind: 'done',
        itemId: item.id,
        segmentId: item.segmentId,
        decisions,
        raw: all.map((s) => s.raw),
        modelReturned: all[0]?.model ?? null,
        stats,
        fromCache: false,
        answerUsage: { ...stats.usage },
        cacheKey: cacheKeyOf(prepared.configHash, renderUserMessage(seg, seg.before, seg.after)),
      };
      writer.add(outcome);
    }
    // the import and forgetting the batch commit together: a crash in between must not import twice
    this.db.transaction(() => {
      writer.flush();
      this.db
        .prepare('UPDATE jobs SET batch_id = NULL, updated_at = ? WHERE id = ?')
        .run(new Date().toISOString(), this.jobId);
    })();
  }
}

function getSegmentId(db: Database.Database, itemId: number): number | undefined {
  return db.prepare('SELECT segment_id FROM job_items WHERE id = ?').pluck().get(itemId) as
    number | undefined;
}

export async function startBatchRun(
  db: Database.Database,
  launch: PreparedLaunch,
  apiKey: string,
  actor: string,
  useCache: boolean,
  onProgress?: (v: JobView) => void,
  batch: BatchOptions = DEFAULT_BATCH,
): Promise<ActiveRun> {
  const run = new BatchRun(db, launch, apiKey, { actor, useCache, batch, onProgress });
  trackRun(db, run);
  return run;
}
