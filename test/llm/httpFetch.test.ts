import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFetch } from '../../electron/backend/llm/httpFetch';
import { ChatBodyParser } from '../support/chatBodyParser';

// The engine's fetch for chat bodies: what the SDK relies on from a fetch (status,
// headers, body, aborts as AbortError) over node:http, the rest left to the global fetch.
let server: Server;
let base = '';
const seen: { method: string; path: string; headers: IncomingMessage['headers']; body: string }[] = [];

function handle(req: IncomingMessage, res: ServerResponse, body: string) {
  seen.push({ method: req.method!, path: req.url!, headers: req.headers, body });
  if (req.url === '/gzip') {
    const zipped = gzipSync(JSON.stringify({ zipped: body.length }));
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
      'x-ratelimit-remaining-requests': '7',
    });
    return res.end(zipped);
  }
  if (req.url === '/moved') {
    res.writeHead(307, { location: '/echo' });
    return res.end();
  }
  if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000);
  if (req.url === '/missing') {
    res.writeHead(404, { 'content-type': 'application/json' });
    return res.end('{"error":{"message":"no such model"}}');
  }
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ echo: body, method: req.method }));
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('the engine fetch over node:http', () => {
  it('sends byte bodies as they are with the headers given and reads status, headers and body', async () => {
    const f = createHttpFetch();
    const body = Buffer.from('{"text":"ünïcode 🌟"}', 'utf8');
    const res = await f(`${base}/echo`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ echo: '{"text":"ünïcode 🌟"}', method: 'POST' });
    const last = seen.at(-1)!;
    expect(last.headers.authorization).toBe('Bearer k');
    expect(last.headers['accept-encoding']).toBe('identity');
  });

  it('decodes a compressed answer, keeps other headers, and passes error statuses through', async () => {
    const f = createHttpFetch();
    const res = await f(`${base}/gzip`, { method: 'POST', body: Buffer.from('abc') });
    expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('7');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toEqual({ zipped: 3 });
    const missing = await f(`${base}/missing`, { method: 'POST', body: Buffer.from('{}') });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { message: 'no such model' } });
  });

  it('aborts with an AbortError, as the SDK expects of a fetch, and fails on a closed port', async () => {
    const f = createHttpFetch();
    const c = new AbortController();
    const pending = f(`${base}/slow`, { method: 'POST', body: Buffer.from('x'), signal: c.signal });
    setTimeout(() => c.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(f('http://127.0.0.1:9/x', { method: 'POST', body: Buffer.from('x') })).rejects.toMatchObject(
      {
        code: 'ECONNREFUSED',
      },
    );
  });

  it('follows 307 with the same method and body, sends string bodies itself and leaves bodiless requests to the fallback fetch', async () => {
    const calls: string[] = [];
    const fallback: typeof fetch = (input, init) => {
      calls.push(`${init?.method ?? 'GET'} ${String(input)}`);
      return fetch(input, init);
    };
    const f = createHttpFetch(fallback);
    const from = seen.length;
    const moved = await f(`${base}/moved`, {
      method: 'POST',
      headers: { authorization: 'Bearer k' },
      body: Buffer.from('again'),
    });
    expect(await moved.json()).toEqual({ echo: 'again', method: 'POST' });
    await f(`${base}/echo`, { method: 'GET' });
    const strung = await f(`${base}/echo`, { method: 'POST', body: 'a string' });
    expect(await strung.json()).toEqual({ echo: 'a string', method: 'POST' });
    expect(seen.slice(from).map((r) => `${r.method} ${r.path} ${r.headers.authorization ?? ''}`)).toEqual([
      'POST /moved Bearer k',
      'POST /echo Bearer k',
      'GET /echo ',
      'POST /echo ',
    ]);
    expect(calls).toEqual([`GET ${base}/echo`]);
  });
});

describe('the scripted provider parses repeated long prompts once', () => {
  it('gives the same parsed body as JSON.parse, with and without the remembered prompt', () => {
    const parser = new ChatBodyParser();
    const system = `Codebook "x" — ünïcode 🌟\n${'definition '.repeat(600)}`;
    const body = (user: string) =>
      JSON.stringify({
        model: 'm',
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
      });
    for (const user of ['first', 'second "quoted"', system]) {
      const raw = Buffer.from(body(user), 'utf8');
      expect(parser.parse(raw)).toEqual(JSON.parse(raw.toString('utf8')));
    }
    const other = Buffer.from(JSON.stringify({ messages: [{ role: 'system', content: 'short' }] }));
    expect(parser.parse(other)).toEqual({ messages: [{ role: 'system', content: 'short' }] });
  });
});
