// Builds what the desktop app and browser mode load: the renderer (Vite) into
// out/renderer and the Electron main + preload (esbuild) into out/main, out/preload.
// The CLI bundle (out/cli) is rebuilt by bin/concord.js whenever a source is newer.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildCliBundle } from './cliBundle.mjs';

const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(`--${part}`);
const version = JSON.parse(readFileSync('package.json', 'utf8')).version;

if (want('renderer')) {
  const r = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (want('electron')) {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3'],
    define: { 'import.meta.url': '__concordModuleUrl', __CONCORD_VERSION__: JSON.stringify(version) },
    banner: { js: "const __concordModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  };
  await build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'out/main/main.cjs',
    external: [...common.external, 'mammoth', 'chardet', 'csv-parse', 'openai'],
  });
  await build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'out/preload/preload.cjs',
  });
}

if (want('cli')) await buildCliBundle(process.cwd());
