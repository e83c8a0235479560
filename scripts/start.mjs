// `npm start [project.concord]`: the desktop app, or — where the Electron binary is
// missing and cannot be fetched — browser mode with the same backend and UI.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const node = process.execPath;
const run = (args, opts = {}) => spawnSync(node, args, { stdio: 'inherit', ...opts });

function electronBinary() {
  try {
    const path = require('electron'); // the package exports the binary's path, or throws if absent
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const configDir = process.env.CONCORD_HOME
  ? resolve(process.env.CONCORD_HOME)
  : join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'concord');
const given = process.argv[2];
const project = given ? resolve(given) : join(configDir, 'demo.concord');

console.log('Building Concord…');
if (run(['scripts/build.mjs']).status !== 0) process.exit(1);

if (!existsSync(project)) {
  if (given) {
    console.error(`concord: error: ${given} does not exist (create it with: npx concord init ${given})`);
    process.exit(1);
  }
  mkdirSync(configDir, { recursive: true });
  console.log(`Creating the demo study at ${project}`);
  if (run(['bin/concord.js', 'demo', project]).status !== 0) process.exit(1);
}

let electron = electronBinary();
if (!electron && existsSync('node_modules/electron/install.js') && !process.env.CONCORD_BROWSER) {
  console.log('The Electron binary is not installed; trying to download it…');
  run(['node_modules/electron/install.js'], { stdio: 'ignore', timeout: 120_000 });
  electron = electronBinary();
}

/**
 * better-sqlite3 is a native module: the CLI and tests use the Node build, the desktop
 * app needs one for Electron's ABI. Build that once into out/native (a copy, so the Node
 * build stays untouched) and hand its path to the backend (nativeBinding).
 */
async function electronSqliteBinding() {
  const version = require('electron/package.json').version;
  const dir = resolve('out', 'native', `electron-${version}`);
  const binding = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building the SQLite driver for Electron ${version} (once)…`);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  cpSync('node_modules/better-sqlite3', join(dir, 'node_modules', 'better-sqlite3'), { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'concord-native', private: true, dependencies: { 'better-sqlite3': '*' } }),
  );
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: dir, electronVersion: version, onlyModules: ['better-sqlite3'], force: true });
  return binding;
}

let binding = null;
if (electron && !process.env.CONCORD_BROWSER) {
  try {
    binding = await electronSqliteBinding();
  } catch (e) {
    console.log(`Could not build the SQLite driver for Electron (${e.message}); using browser mode instead.`);
    electron = null;
  }
}

if (electron && !process.env.CONCORD_BROWSER) {
  const child = spawn(electron, ['.', project], {
    stdio: 'inherit',
    env: { ...process.env, CONCORD_SQLITE_NATIVE_BINDING: binding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    [
      '',
      '  The Electron desktop binary is not available on this machine, so Concord starts in',
      '  BROWSER MODE: the same backend and interface, served on 127.0.0.1 only.',
      '  Open the address below in a browser (it carries a one-time session token).',
      '',
    ].join('\n'),
  );
  const port = process.env.PORT ?? '0';
  const server = spawn(node, ['bin/concord.js', 'serve', project, '--port', port], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let first = true;
  server.stdout.on('data', (d) => {
    const text = d.toString();
    if (first) {
      first = false;
      console.log(`  ➜  ${text.split('\n')[0]}\n\n  Project: ${project}\n  Stop with Ctrl+C.\n`);
    } else process.stdout.write(text);
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}
