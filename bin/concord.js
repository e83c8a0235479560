#!/usr/bin/env node
// The `concord` command: runs the CLI bundle, rebuilding it first when a source is
// newer; falls back to running the TypeScript sources through tsx.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildCliBundle, currentBundle } from '../scripts/cliBundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

async function loadMain() {
  try {
    const entry = currentBundle(root) ?? (await buildCliBundle(root));
    return (await import(pathToFileURL(entry).href)).main;
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return (await import('../electron/cli/main.ts')).main;
  }
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2));
