#!/usr/bin/env node
// The `concord` command. Runs the TypeScript sources through tsx so the CLI never
// lags behind the code (no separate build step for scripts and CI).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
