import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { EventName, EventPayload } from '../../shared/contract/events';
import { dispatch } from '../backend/rpc/dispatch';
import type { Session } from '../backend/session';

export interface ServeOptions {
  session: Session;
  port?: number;
  /** the built renderer (index.html + assets); null serves only the API */
  staticDir?: string | null;
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 256 * 1024 * 1024;
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(data);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        fail(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const STATUS_BY_CODE: Record<string, number> = { unknown_method: 404, bad_params: 400, internal: 500 };

/**
 * Browser mode: the same backend as the desktop app, over HTTP on 127.0.0.1 only.
 * A random token guards the API; Host and Origin checks stop DNS rebinding and
 * cross-site requests from other pages in the user's browser.
 */
export function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const streams = new Set<ServerResponse>();
  let port = 0;

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const line = `event: message\ndata: ${JSON.stringify({ event, payload })}\n\n`;
    for (const s of streams) s.write(line);
  };

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const authorized = (req: IncomingMessage, url: URL): boolean => {
    const header = req.headers.authorization ?? '';
    const bearer = header.startsWith('Bearer ') ? header.slice(7) : (url.searchParams.get('token') ?? '');
    return bearer !== '' && sameToken(bearer, token);
  };

  const serveStatic = (res: ServerResponse, pathname: string) => {
    const root = opts.staticDir ? resolve(opts.staticDir) : null;
    if (!root || !existsSync(root)) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Concord API server. The user interface is not built: run `npm run build`.\n');
      return;
    }
    const rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = resolve(root, rel || 'index.html');
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'content-type': type,
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (!allowedHosts().has(req.headers.host ?? '')) return sendJson(res, 403, { error: 'forbidden host' });
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigins().has(origin))
        return sendJson(res, 403, { error: 'forbidden origin' });

      if (url.pathname === '/rpc') {
        if (req.method !== 'POST') return sendJson(res, 405, { error: 'use POST' });
        if (!authorized(req, url)) return sendJson(res, 401, { error: 'missing or wrong token' });
        let body: { method?: unknown; params?: unknown };
        try {
          body = JSON.parse(await readBody(req)) as typeof body;
        } catch (e) {
          return sendJson(res, 400, {
            ok: false,
            error: { code: 'bad_request', message: (e as Error).message },
          });
        }
        const out = await dispatch(String(body?.method ?? ''), body?.params, { session: opts.session, emit });
        return sendJson(res, out.ok ? 200 : (STATUS_BY_CODE[out.error.code] ?? 200), out);
      }
      if (url.pathname === '/events') {
        if (!authorized(req, url)) return sendJson(res, 401, { error: 'missing or wrong token' });
        res.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendJson(res, 405, { error: 'method not allowed' });
      return serveStatic(res, url.pathname);
    } catch (e) {
      return sendJson(res, 500, { ok: false, error: { code: 'internal', message: (e as Error).message } });
    }
  });

  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      ok({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            for (const s of streams) s.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
