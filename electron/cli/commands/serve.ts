import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Session } from '../../backend/session';
import { startServer } from '../../server/http';
import { builtRendererDir } from '../../server/rendererDir';
import { CliError, type CliCommand } from '../command';
import { intOption, parseCommandArgs } from '../args';

const usage = 'concord serve <file.concord> [--port N]';

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'browser mode: the app on http://127.0.0.1 (same backend)',
  usage: `Usage: ${usage}

Runs the Concord backend as an HTTP server on 127.0.0.1 (port 0 or none = any free
port) and serves the user interface. The first line printed is the address with its
session token; open it in a browser. Requests without the token get 401, requests
from other sites (foreign Host or Origin) get 403. Stop with Ctrl+C.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { port: { type: 'string' } },
      { min: 1, max: 1, usage },
    );
    const port = intOption(values.port, 'port', 0) ?? 0;
    if (port > 65535) throw new CliError('--port must be at most 65535');
    const path = resolve(io.cwd, positionals[0]!);
    if (!existsSync(path))
      throw new CliError(`${positionals[0]} does not exist (create it with concord init or concord demo)`);
    const session = new Session({ host: 'browser' });
    session.open(path);
    const staticDir = builtRendererDir();
    const server = await startServer({ session, port, staticDir });
    io.stdout(`${server.url}\n`);
    if (!staticDir)
      io.stderr('concord: the user interface is not built (npm run build); serving the API only\n');
    await new Promise<void>((done) => {
      const stop = () => {
        void server.close().then(() => {
          session.close();
          done();
        });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
