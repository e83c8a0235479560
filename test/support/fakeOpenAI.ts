// A scripted OpenAI-compatible server for tests and the benchmark: chat completions
// (response_format json_schema / json_object / none), the models list, usage with
// cached prompt tokens, rate-limit headers, and the Batch API (files + batches).
// Answers are deterministic: a code is present when one of the test's keyword rules
// matches the segment. Faults are injected per request by a function, or at a seeded
// rate that depends only on (segment, attempt), so concurrent runs stay reproducible.
// It listens on 127.0.0.1 only and never reaches the internet.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ChatBodyParser } from './chatBodyParser';

export type Fault =
  | 'rate_limit'
  | 'quota'
  | 'unauthorized'
  | 'model_not_found'
  | 'server_error'
  | 'hang'
  | 'malformed'
  | 'truncated'
  | 'wrong_code'
  | 'bad_body'
  | 'reset'
  | 'unsupported_format';

export interface KeywordRule {
  code: string;
  match: string | RegExp;
}

export interface RequestInfo {
  n: number;
  path: string;
  model: string | null;
  format: 'json_schema' | 'json_object' | 'text' | null;
  segment: string | null;
  codes: string[];
  /** how many requests this (segment, codes) pair has had, this one included */
  attempt: number;
  repair: boolean;
  authorization: string | null;
  fault: Fault | null;
  status: number;
}

export interface FakeOptions {
  latencyMs?: number;
  models?: string[];
  /** when set, any other key gets 401 */
  apiKey?: string | null;
  rules?: KeywordRule[];
  jsonSchema?: boolean;
  jsonObject?: boolean;
  /** prompts longer than this (chars/4 tokens) get 400 context_length_exceeded */
  contextTokens?: number | null;
  fault?: (r: { n: number; segment: string | null; attempt: number; codes: string[] }) => Fault | null;
  /** seeded faults: probability per request and the kinds to pick from */
  faultRate?: { rate: number; seed: number; kinds: Fault[] };
  /** seconds, sent as retry-after with rate_limit faults (and retry-after-ms ×1000) */
  retryAfterSeconds?: number;
  /** requests per window; beyond it 429 with the time to the window's end */
  rateLimit?: { limit: number; windowMs: number } | null;
  /** a naive model: obeys "ignore … instructions" in a transcript and invents the code it names */
  gullible?: boolean;
  /** returned as the model name ("as returned" in provenance) */
  modelSuffix?: string;
  /** Batch API: ms before a batch is completed when polled */
  batchDelayMs?: number;
  /** 0 (default) = any free port */
  port?: number;
  /** false: keep no request log (long benchmark runs) */
  keepLog?: boolean;
}

export interface FakeServer {
  url: string;
  port: number;
  requests: RequestInfo[];
  options: FakeOptions;
  /** chat completion requests answered 200 (valid or not) */
  completions(): number;
  /** the most chat completion requests it held at once */
  maxConcurrent(): number;
  close(): Promise<void>;
}

const tokens = (s: string) => Math.ceil(s.length / 4);

function unit(seed: number, text: string): number {
  const h = createHash('sha256').update(`${seed}\u0000${text}`).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

type Msg = { role: string; content: string };
type ChatBody = {
  model?: string;
  messages?: Msg[];
  response_format?: {
    type: string;
    json_schema?: {
      schema?: { properties?: { decisions?: { items?: { properties?: { code?: { enum?: string[] } } } } } };
    };
  };
};

const DECIDE = /Codes to decide in this answer \(ids, in order\): (\[.*\])\s*$/m;

function codesOf(body: ChatBody): string[] {
  const fromSchema =
    body.response_format?.json_schema?.schema?.properties?.decisions?.items?.properties?.code?.enum;
  if (Array.isArray(fromSchema)) return fromSchema;
  const system = body.messages?.find((m) => m.role === 'system')?.content ?? '';
  const m = DECIDE.exec(system);
  if (m) return JSON.parse(m[1]!) as string[];
  return [...system.matchAll(/^### (.+)$/gm)].map((x) => x[1]!.trim());
}

function segmentOf(body: ChatBody): string | null {
  const user = body.messages?.find((m) => m.role === 'user')?.content ?? '';
  const line = user.split('\n').find((l) => l.startsWith('{'));
  if (!line) return null;
  try {
    return (JSON.parse(line) as { segment?: { text?: string } }).segment?.text ?? null;
  } catch {
    return null;
  }
}

function matchRule(rule: KeywordRule, text: string): string | null {
  if (typeof rule.match === 'string') {
    const at = text.toLowerCase().indexOf(rule.match.toLowerCase());
    return at >= 0 ? text.slice(at, at + rule.match.length) : null;
  }
  return rule.match.exec(text)?.[0] ?? null;
}

export function decideCodes(codes: string[], segment: string, rules: KeywordRule[], gullible: boolean) {
  const injected = gullible
    ? /ignore (?:all |any )?(?:previous|prior|above|the) instructions.*?label (?:everything|every segment|all)(?: as)? ["']?([\w-]+)/i.exec(
        segment,
      )
    : null;
  const decisions = codes.map((code) => {
    const hit =
      rules
        .filter((r) => r.code === code)
        .map((r) => matchRule(r, segment))
        .find((x) => x !== null) ?? null;
    const present = injected ? true : hit !== null;
    return {
      code,
      rationale: hit
        ? `The segment mentions "${hit}".`
        : present
          ? 'The transcript says to apply every code.'
          : 'Nothing in the segment fits this code.',
      present,
      evidence: hit ?? (present ? segment.slice(0, 40) : ''),
      confidence: present ? 0.9 : 0.8,
    };
  });
  if (injected)
    decisions.push({
      code: injected[1]!,
      rationale: 'as instructed',
      present: true,
      evidence: '',
      confidence: 1,
    });
  return { decisions };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
};

const apiError = (message: string, type: string, code: string | null) => ({
  error: { message, type, param: null, code },
});

interface StoredFile {
  id: string;
  purpose: string;
  content: string;
}

interface StoredBatch {
  id: string;
  input_file_id: string;
  created: number;
  status: string;
  output_file_id: string | null;
  error_file_id: string | null;
  total: number;
}

export async function startFakeOpenAI(options: FakeOptions = {}): Promise<FakeServer> {
  const requests: RequestInfo[] = [];
  const attempts = new Map<string, number>();
  const seenSystem = new Set<string>();
  const bodies = new ChatBodyParser();
  const sockets = new Set<Socket>();
  const files = new Map<string, StoredFile>();
  const batches = new Map<string, StoredBatch>();
  let windowStart = Date.now();
  let windowCount = 0;
  let ok = 0;
  let count = 0;
  let active = 0;
  let maxActive = 0;
  const o = options;
  const log = (r: RequestInfo) => {
    if (o.keepLog !== false) requests.push(r);
  };

  const rateHeaders = (): Record<string, string> => {
    const limit = o.rateLimit?.limit ?? 10_000;
    const windowMs = o.rateLimit?.windowMs ?? 60_000;
    const left = Math.max(0, windowMs - (Date.now() - windowStart));
    return {
      'x-ratelimit-limit-requests': String(limit),
      'x-ratelimit-remaining-requests': String(Math.max(0, limit - windowCount)),
      'x-ratelimit-reset-requests': `${left}ms`,
      'x-ratelimit-limit-tokens': '10000000',
      'x-ratelimit-remaining-tokens': '9999000',
      'x-ratelimit-reset-tokens': '1ms',
    };
  };

  /** The answer to one chat body, as the batch endpoint also needs it (no faults there). */
  const completion = (body: ChatBody, format: RequestInfo['format']) => {
    const codes = codesOf(body);
    const segment = segmentOf(body) ?? '';
    const answer = decideCodes(codes, segment, o.rules ?? [], Boolean(o.gullible));
    let content = JSON.stringify(answer);
    if (format === 'text') content = `Here is my coding:\n\`\`\`json\n${content}\n\`\`\``;
    const system = body.messages?.find((m) => m.role === 'system')?.content ?? '';
    const promptTokens = (body.messages ?? []).reduce((s, m) => s + tokens(m.content) + 4, 0);
    const cached = seenSystem.has(system) ? tokens(system) : 0;
    seenSystem.add(system);
    return {
      content,
      body: {
        id: `chatcmpl-${ok}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: `${body.model ?? 'fake-model'}${o.modelSuffix ?? '-2025-01-01'}`,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            finish_reason: 'stop',
            logprobs: null,
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: tokens(content),
          total_tokens: promptTokens + tokens(content),
          prompt_tokens_details: { cached_tokens: cached },
        },
      },
    };
  };

  const chat = async (req: IncomingMessage, res: ServerResponse, raw: Buffer, arrived: number) => {
    let body: ChatBody;
    try {
      body = bodies.parse(raw) as ChatBody;
    } catch {
      return sendJson(res, 400, apiError('could not parse the JSON body', 'invalid_request_error', null));
    }
    const codes = codesOf(body);
    const segment = segmentOf(body);
    const key = `${segment}\u0000${codes.join(',')}`;
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const rf = body.response_format?.type;
    const format: RequestInfo['format'] =
      rf === 'json_schema' ? 'json_schema' : rf === 'json_object' ? 'json_object' : rf ? null : 'text';
    const info: RequestInfo = {
      n: ++count,
      path: '/v1/chat/completions',
      model: body.model ?? null,
      format,
      segment,
      codes,
      attempt,
      repair: (body.messages?.length ?? 0) > 2,
      authorization: req.headers.authorization ?? null,
      fault: null,
      status: 200,
    };
    log(info);
    let fault = o.fault?.({ n: info.n, segment, attempt, codes }) ?? null;
    if (!fault && o.faultRate && unit(o.faultRate.seed, `${key}\u0000${attempt}`) < o.faultRate.rate) {
      const kinds = o.faultRate.kinds;
      fault = kinds[Math.floor(unit(o.faultRate.seed + 1, `${key}\u0000${attempt}`) * kinds.length)]!;
    }
    info.fault = fault;
    // the answer leaves `latencyMs` after the request arrived (reading and parsing its body included)
    if (o.latencyMs) await new Promise((r) => setTimeout(r, o.latencyMs! - (performance.now() - arrived)));
    const fail = (status: number, body2: unknown, headers: Record<string, string> = {}) => {
      info.status = status;
      sendJson(res, status, body2, headers);
    };
    if (o.apiKey && req.headers.authorization !== `Bearer ${o.apiKey}`) fault = 'unauthorized';
    if (!(o.models ?? ['fake-model']).includes(body.model ?? '')) fault ??= 'model_not_found';
    if (o.rateLimit) {
      if (Date.now() - windowStart >= o.rateLimit.windowMs) {
        windowStart = Date.now();
        windowCount = 0;
      }
      if (++windowCount > o.rateLimit.limit) {
        const wait = Math.max(1, o.rateLimit.windowMs - (Date.now() - windowStart));
        return fail(429, apiError('Rate limit reached for requests', 'requests', 'rate_limit_exceeded'), {
          ...rateHeaders(),
          'retry-after-ms': String(wait),
          'retry-after': String(Math.ceil(wait / 1000)),
        });
      }
    }
    switch (fault) {
      case 'unauthorized':
        return fail(
          401,
          apiError(
            'Incorrect API key provided: sk-wron************ong. You can find your API key at https://platform.openai.com/account/api-keys.',
            'invalid_request_error',
            'invalid_api_key',
          ),
        );
      case 'model_not_found':
        return fail(
          404,
          apiError(
            `The model \`${body.model}\` does not exist or you do not have access to it.`,
            'invalid_request_error',
            'model_not_found',
          ),
        );
      case 'quota':
        return fail(
          429,
          apiError(
            'You exceeded your current quota, please check your plan and billing details.',
            'insufficient_quota',
            'insufficient_quota',
          ),
        );
      case 'rate_limit': {
        const s = o.retryAfterSeconds ?? 0;
        return fail(
          429,
          apiError('Rate limit reached for requests per min.', 'requests', 'rate_limit_exceeded'),
          {
            ...rateHeaders(),
            'retry-after': String(s),
            'retry-after-ms': String(Math.round(s * 1000)),
          },
        );
      }
      case 'server_error':
        return fail(
          500,
          apiError('The server had an error while processing your request.', 'server_error', null),
        );
      case 'unsupported_format':
        return fail(400, apiError(`Unsupported response_format type: ${rf}`, 'invalid_request_error', null));
      case 'hang':
        info.status = 0;
        return; // never answers; the client's timeout ends it
      case 'reset':
        info.status = 0;
        req.socket.destroy();
        return;
      case 'bad_body':
        info.status = 200;
        ok++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": "chatcmpl-broken", "choices": [');
        return;
      default:
        break;
    }
    if (format === 'json_schema' && o.jsonSchema === false)
      return fail(
        400,
        apiError(
          'response_format json_schema is not supported by this server',
          'invalid_request_error',
          null,
        ),
      );
    if (format === 'json_object' && o.jsonObject === false)
      return fail(
        400,
        apiError(
          'response_format json_object is not supported by this server',
          'invalid_request_error',
          null,
        ),
      );
    const promptTokens = (body.messages ?? []).reduce((s, m) => s + tokens(m.content) + 4, 0);
    if (o.contextTokens && promptTokens > o.contextTokens) {
      return fail(
        400,
        apiError(
          `This model's maximum context length is ${o.contextTokens} tokens. However, your messages resulted in ${promptTokens} tokens.`,
          'invalid_request_error',
          'context_length_exceeded',
        ),
      );
    }
    const { body: out, content } = completion(body, format);
    const choice = out.choices[0]!;
    if (fault === 'malformed')
      choice.message.content =
        content.slice(0, Math.max(1, Math.floor(content.length / 3))).replace(/[}\]]+$/, '') + ' ,,';
    if (fault === 'truncated') {
      choice.message.content = content.slice(0, Math.floor(content.length / 2));
      choice.finish_reason = 'length';
    }
    if (fault === 'wrong_code') {
      const a = JSON.parse(JSON.stringify(decideCodes(codes, segment ?? '', o.rules ?? [], false))) as {
        decisions: { code: string }[];
      };
      if (a.decisions[0]) a.decisions[0].code = 'not-a-code';
      choice.message.content = JSON.stringify(a);
    }
    ok++;
    sendJson(res, 200, out, rateHeaders());
  };

  const multipartFile = (raw: Buffer, contentType: string): { purpose: string; content: string } => {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
    const b = boundary?.[1] ?? boundary?.[2] ?? '';
    const parts = raw.toString('utf8').split(`--${b}`);
    let purpose = 'batch';
    let content = '';
    for (const p of parts) {
      const [head, ...rest] = p.split('\r\n\r\n');
      const value = rest.join('\r\n\r\n').replace(/\r\n$/, '');
      if (/name="purpose"/.test(head ?? '')) purpose = value.trim();
      if (/name="file"/.test(head ?? '')) content = value;
    }
    return { purpose, content };
  };

  const batchApi = (req: IncomingMessage, res: ServerResponse, raw: Buffer, path: string): boolean => {
    const record = (status: number) =>
      log({
        n: ++count,
        path,
        model: null,
        format: null,
        segment: null,
        codes: [],
        attempt: 1,
        repair: false,
        authorization: req.headers.authorization ?? null,
        fault: null,
        status,
      });
    if (req.method === 'POST' && path === '/v1/files') {
      const f = multipartFile(raw, req.headers['content-type'] ?? '');
      const id = `file-${files.size + 1}`;
      files.set(id, { id, ...f });
      record(200);
      sendJson(res, 200, {
        id,
        object: 'file',
        bytes: Buffer.byteLength(f.content),
        created_at: Math.floor(Date.now() / 1000),
        filename: 'batch.jsonl',
        purpose: f.purpose,
        status: 'processed',
      });
      return true;
    }
    const content = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (req.method === 'GET' && content) {
      const f = files.get(content[1]!);
      record(f ? 200 : 404);
      if (!f) sendJson(res, 404, apiError('No such file', 'invalid_request_error', null));
      else {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(f.content);
      }
      return true;
    }
    if (req.method === 'POST' && path === '/v1/batches') {
      const body = JSON.parse(raw.toString('utf8')) as { input_file_id: string };
      const input = files.get(body.input_file_id);
      record(input ? 200 : 404);
      if (!input) {
        sendJson(res, 404, apiError('No such file', 'invalid_request_error', null));
        return true;
      }
      const id = `batch_${batches.size + 1}`;
      const total = input.content.split('\n').filter((l) => l.trim()).length;
      batches.set(id, {
        id,
        input_file_id: input.id,
        created: Date.now(),
        status: 'validating',
        output_file_id: null,
        error_file_id: null,
        total,
      });
      sendJson(res, 200, batchJson(batches.get(id)!));
      return true;
    }
    const one = /^\/v1\/batches\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && one) {
      const b = batches.get(one[1]!);
      record(b ? 200 : 404);
      if (!b) {
        sendJson(res, 404, apiError('No such batch', 'invalid_request_error', null));
        return true;
      }
      if (b.status !== 'completed' && Date.now() - b.created >= (o.batchDelayMs ?? 0)) runBatch(b);
      else if (b.status === 'validating') b.status = 'in_progress';
      sendJson(res, 200, batchJson(b));
      return true;
    }
    return false;
  };

  const batchJson = (b: StoredBatch) => ({
    id: b.id,
    object: 'batch',
    endpoint: '/v1/chat/completions',
    input_file_id: b.input_file_id,
    completion_window: '24h',
    status: b.status,
    output_file_id: b.output_file_id,
    error_file_id: b.error_file_id,
    created_at: Math.floor(b.created / 1000),
    request_counts: { total: b.total, completed: b.status === 'completed' ? b.total : 0, failed: 0 },
  });

  const runBatch = (b: StoredBatch) => {
    const lines = files
      .get(b.input_file_id)!
      .content.split('\n')
      .filter((l) => l.trim());
    const out: string[] = [];
    const errors: string[] = [];
    for (const line of lines) {
      const r = JSON.parse(line) as { custom_id: string; body: ChatBody };
      const rf = r.body.response_format?.type;
      const format: RequestInfo['format'] =
        rf === 'json_schema' ? 'json_schema' : rf === 'json_object' ? 'json_object' : 'text';
      const seg = segmentOf(r.body);
      const fault = o.fault?.({ n: 0, segment: seg, attempt: 1, codes: codesOf(r.body) }) ?? null;
      if (fault === 'server_error') {
        errors.push(
          JSON.stringify({
            id: `err-${r.custom_id}`,
            custom_id: r.custom_id,
            response: null,
            error: { code: 'server_error', message: 'failed' },
          }),
        );
        continue;
      }
      const { body } = completion(r.body, format);
      if (fault === 'wrong_code')
        body.choices[0]!.message.content =
          '{"decisions":[{"code":"not-a-code","rationale":"x","present":true,"evidence":"","confidence":1}]}';
      out.push(
        JSON.stringify({
          id: `resp-${r.custom_id}`,
          custom_id: r.custom_id,
          response: { status_code: 200, request_id: 'req', body },
          error: null,
        }),
      );
    }
    const outId = `file-${files.size + 1}`;
    files.set(outId, { id: outId, purpose: 'batch_output', content: `${out.join('\n')}\n` });
    b.output_file_id = outId;
    if (errors.length) {
      const errId = `file-${files.size + 1}`;
      files.set(errId, { id: errId, purpose: 'batch_output', content: `${errors.join('\n')}\n` });
      b.error_file_id = errId;
    }
    b.status = 'completed';
  };

  const server = createServer((req, res) => {
    void (async () => {
      const arrived = performance.now();
      const raw = await readBody(req);
      const path = (req.url ?? '/').split('?')[0]!;
      if (o.apiKey && req.headers.authorization !== `Bearer ${o.apiKey}` && path !== '/v1/chat/completions') {
        return sendJson(
          res,
          401,
          apiError('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'),
        );
      }
      if (req.method === 'GET' && path === '/v1/_stats') {
        // not OpenAI's: lets a process that started the server by hand read its counters
        return sendJson(res, 200, { requests: count, completions: ok });
      }
      if (req.method === 'GET' && path === '/v1/models') {
        log({
          n: ++count,
          path,
          model: null,
          format: null,
          segment: null,
          codes: [],
          attempt: 1,
          repair: false,
          authorization: req.headers.authorization ?? null,
          fault: null,
          status: 200,
        });
        return sendJson(res, 200, {
          object: 'list',
          data: (o.models ?? ['fake-model']).map((id) => ({
            id,
            object: 'model',
            created: 1700000000,
            owned_by: 'fake',
          })),
        });
      }
      if (req.method === 'POST' && path === '/v1/chat/completions') {
        active++;
        maxActive = Math.max(maxActive, active);
        res.once('close', () => active--);
        return chat(req, res, raw, arrived);
      }
      if (batchApi(req, res, raw, path)) return;
      sendJson(res, 404, apiError(`no route ${req.method} ${path}`, 'invalid_request_error', null));
    })().catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, apiError(String(e), 'server_error', null));
    });
  });
  server.keepAliveTimeout = 30_000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    options,
    completions: () => ok,
    maxConcurrent: () => maxActive,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
