import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/db/migrations';
import { Session } from '../../electron/backend/session';
import { startServer, type RunningServer } from '../../electron/server/http';
import { useTmpDir } from '../helpers/tmp';

function post(
  port: number,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/rpc', headers }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, json: data ? JSON.parse(data) : null }));
    });
    req.on('error', fail);
    req.end(JSON.stringify(body));
  });
}

describe('browser-mode HTTP transport', () => {
  const tmp = useTmpDir();
  let server: RunningServer | null = null;
  let session: Session | null = null;
  afterEach(async () => {
    await server?.close();
    session?.close();
  });

  async function start() {
    const dir = tmp();
    session = new Session({ host: 'browser', configDir: dir });
    session.open(join(dir, 'p.concord'), 'create');
    server = await startServer({ session, port: 0, staticDir: null });
    const host = `127.0.0.1:${server.port}`;
    return { port: server.port, token: server.token, host };
  }

  it('prints a loopback URL with the token', async () => {
    const { port, token } = await start();
    expect(server!.url).toBe(`http://127.0.0.1:${port}/?token=${token}`);
  });

  it('answers RPC with the bearer token and refuses without it (401)', async () => {
    const { port, token, host } = await start();
    const call = { method: 'project.current', params: {} };
    const ok = await post(port, call, { host, authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({
      ok: true,
      result: { documents: 0, schemaVersion: LATEST_SCHEMA_VERSION },
    });
    expect((await post(port, call, { host })).status).toBe(401);
    expect((await post(port, call, { host, authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('refuses a foreign Host or Origin (403) even with the token; accepts localhost', async () => {
    const { port, token, host } = await start();
    const auth = { authorization: `Bearer ${token}` };
    const call = { method: 'project.current', params: {} };
    expect((await post(port, call, { ...auth, host: 'evil.example:80' })).status).toBe(403);
    expect((await post(port, call, { ...auth, host, origin: 'http://evil.example' })).status).toBe(403);
    expect(
      (await post(port, call, { ...auth, host: `localhost:${port}`, origin: `http://localhost:${port}` }))
        .status,
    ).toBe(200);
  });

  it('unknown methods get 404 and bad params 400, both as JSON errors', async () => {
    const { port, token, host } = await start();
    const auth = { authorization: `Bearer ${token}`, host };
    const unknown = await post(port, { method: 'no.such', params: {} }, auth);
    expect(unknown).toEqual({
      status: 404,
      json: { ok: false, error: { code: 'unknown_method', message: 'unknown method "no.such"' } },
    });
    const bad = await post(port, { method: 'documents.get', params: { id: 'x' } }, auth);
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ ok: false, error: { code: 'bad_params' } });
    const missing = await post(port, { method: 'documents.get', params: { id: 99 } }, auth);
    expect(missing.json).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'document 99 does not exist' },
    });
  });

  it('imports uploaded bytes over HTTP and lists the document', async () => {
    const { port, token, host } = await start();
    const auth = { authorization: `Bearer ${token}`, host };
    const text = 'Interviewer: Hello?\nParent Reyes: The teacher came to our apartment.\n';
    const r = await post(
      port,
      {
        method: 'import.files',
        params: { files: [{ name: 'visit.txt', contentBase64: Buffer.from(text).toString('base64') }] },
      },
      auth,
    );
    expect(r.json).toMatchObject({
      ok: true,
      result: { imported: [{ file: 'visit.txt', segments: 2 }], errors: [] },
    });
    const list = await post(port, { method: 'documents.list', params: {} }, auth);
    expect(list.json).toMatchObject({ ok: true, result: [{ name: 'visit', segments: 2 }] });
  });
});
