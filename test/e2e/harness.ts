// Helpers for the end-to-end tests: build the renderer, run the CLI, start `concord serve`,
// find Chromium. Everything runs the real commands, as a user would.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CLI = join(ROOT, 'bin', 'concord.js');
export const CHROMIUM = process.env.CONCORD_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function ensureRendererBuilt(): void {
  if (existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) return;
  const r = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) throw new Error(`renderer build failed:\n${r.stdout}\n${r.stderr}`);
}

export async function waitForFile(path: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`${path} did not appear within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Runs `concord <args>` to completion; rejects with its stderr on a non-zero exit. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0
        ? ok({ stdout, stderr })
        : fail(new Error(`concord ${args.join(' ')} exited ${code}:\n${stderr}`)),
    );
  });
}

export interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `concord serve` in its own process group and resolves with the URL it prints first. */
export function startServe(projectFile: string, env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'serve', projectFile, '--port', '0'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));

  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null || child.signalCode !== null || !child.pid) return done();
      const force = setTimeout(() => killGroup(child.pid!, 'SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      killGroup(child.pid, 'SIGTERM');
    });

  return new Promise((ok, fail) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      fail(new Error(`concord serve printed no URL within 60s; stderr:\n${stderr}`));
    }, 60_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      const url = out.slice(0, nl).trim();
      if (!/^http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(url))
        fail(new Error(`unexpected first line from concord serve: ${url}`));
      else ok({ url, child, stop });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`concord serve exited ${code} before printing its URL:\n${stderr}`));
    });
  });
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
