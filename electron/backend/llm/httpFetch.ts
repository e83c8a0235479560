import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

// A fetch for the OpenAI SDK over node:http(s) with keep-alive sockets, for JSON and
// byte request bodies (chat completions). Node's global fetch wraps each request
// and response body in web streams and copies the body twice more; at hundreds of
// ~85 KB requests a second that was about a third of the engine's CPU. This writes
// the prepared bytes as they are and reads the (small) answer whole, so the SDK's
// timeout also covers the body. Other requests (GET, multipart uploads of the Batch
// API) go to the global fetch.

const agents = {
  'http:': new http.Agent({ keepAlive: true }),
  'https:': new https.Agent({ keepAlive: true }),
};

// statuses a Response may not carry a body with
const NO_BODY = new Set([204, 205, 304]);
// redirects that keep the method and body (a POST answered with 301/302/303 is not followed)
const SAME_REQUEST_REDIRECTS = new Set([307, 308]);
const MAX_REDIRECTS = 5;

function headersOf(init: RequestInit, sameOrigin: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init.headers).forEach((v, k) => {
    // as fetch does: credentials are not sent on to another origin
    if (sameOrigin || k !== 'authorization') out[k] = v;
  });
  // identity, so answers need no decoding; servers that compress anyway are decoded below
  out['accept-encoding'] = 'identity';
  return out;
}

// concat and zlib allocate ArrayBuffer-backed buffers (never a SharedArrayBuffer)
function decode(body: Buffer, encoding: string | undefined): Buffer<ArrayBuffer> {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body) as Buffer<ArrayBuffer>;
    case 'deflate':
      return inflateSync(body) as Buffer<ArrayBuffer>;
    case 'br':
      return brotliDecompressSync(body) as Buffer<ArrayBuffer>;
    default:
      return body as Buffer<ArrayBuffer>;
  }
}

const abortError = () => new DOMException('This operation was aborted', 'AbortError');

function toResponse(res: http.IncomingMessage, chunks: Buffer[]): Response {
  const status = res.statusCode ?? 0;
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  headers.delete('content-encoding');
  headers.delete('content-length');
  const bytes = decode(Buffer.concat(chunks), res.headers['content-encoding']);
  return new Response(NO_BODY.has(status) ? null : bytes, {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  });
}

/** One request; 307/308 are followed with the same method and body. */
function send(
  url: URL,
  init: RequestInit,
  body: readonly Uint8Array[],
  origin: string,
  hops: number,
): Promise<Response> {
  const signal = init.signal ?? undefined;
  const agent = agents[url.protocol as keyof typeof agents];
  if (!agent) return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  return new Promise<Response>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const headers = headersOf(init, url.origin === origin);
    headers['content-length'] = String(body.reduce((n, b) => n + b.byteLength, 0));
    const req = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: init.method ?? 'POST', headers, agent },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (SAME_REQUEST_REDIRECTS.has(status) && location && hops < MAX_REDIRECTS) {
          res.resume();
          cleanup();
          send(new URL(location, url), init, body, origin, hops + 1).then(resolve, reject);
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          cleanup();
          try {
            resolve(toResponse(res, chunks));
          } catch (e) {
            reject(e as Error);
          }
        });
      },
    );
    function onAbort() {
      req.destroy();
      cleanup();
      reject(abortError());
    }
    function fail(e: Error) {
      cleanup();
      reject(e);
    }
    function cleanup() {
      signal?.removeEventListener('abort', onAbort);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    // the parts go out in one write (writev), the long shared ones without being copied
    req.cork();
    for (const b of body) req.write(b);
    req.end();
  });
}

/**
 * A fetch whose byte bodies go over node:http. `parts` may turn a string body into
 * byte parts sent one after the other (see preEncodedParts.ts); other bodies go to `fallback`.
 */
export function createHttpFetch(
  fallback: typeof fetch = fetch,
  parts: (body: string) => readonly Uint8Array[] = (body) => [Buffer.from(body, 'utf8')],
): typeof fetch {
  return (input, init) => {
    const body = init?.body;
    const bytes = typeof body === 'string' ? parts(body) : body instanceof Uint8Array ? [body] : null;
    if (!init || !bytes || input instanceof Request) return fallback(input, init);
    const url = new URL(String(input));
    if (!(url.protocol in agents)) return fallback(input, init);
    return send(url, init, bytes, url.origin, 0);
  };
}
