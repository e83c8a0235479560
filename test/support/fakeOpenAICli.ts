// Starts the scripted OpenAI-compatible server by hand, e.g. for the contract check:
//   node --import tsx test/support/fakeOpenAICli.ts [--port 0] [--latency 50] [--rules rules.json]
//        [--fault-rate 0.2 --seed 1 --kinds rate_limit,server_error] [--models fake-model,other]
//        [--api-key KEY] [--no-json-schema]
// Prints the base URL (http://127.0.0.1:PORT/v1) as its first line; stops on SIGINT/SIGTERM.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startFakeOpenAI, type Fault, type KeywordRule } from './fakeOpenAI';

/** Rules for the contract check's fictional codebook and the demo's, so answers are not all empty. */
const DEFAULT_RULES: KeywordRule[] = [
  { code: 'cc-outreach', match: 'calls' },
  { code: 'cc-home-visits', match: 'apartment' },
  { code: 'cc-barriers', match: 'evenings' },
  { code: 'outreach', match: 'calls' },
  { code: 'home-visits', match: 'apartment' },
  { code: 'barriers', match: 'hard' },
  { code: 'schedules', match: 'shift' },
  { code: 'language', match: 'Spanish' },
];

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    latency: { type: 'string' },
    rules: { type: 'string' },
    'fault-rate': { type: 'string' },
    seed: { type: 'string' },
    kinds: { type: 'string' },
    models: { type: 'string' },
    'api-key': { type: 'string' },
    'no-json-schema': { type: 'boolean' },
  },
});

const rules = values.rules
  ? (JSON.parse(readFileSync(values.rules, 'utf8')) as KeywordRule[])
  : DEFAULT_RULES;
const fake = await startFakeOpenAI({
  port: values.port ? Number(values.port) : 0,
  latencyMs: values.latency ? Number(values.latency) : 0,
  rules,
  models: values.models ? values.models.split(',') : ['fake-model'],
  apiKey: values['api-key'] ?? null,
  jsonSchema: !values['no-json-schema'],
  faultRate: values['fault-rate']
    ? {
        rate: Number(values['fault-rate']),
        seed: Number(values.seed ?? 1),
        kinds: (values.kinds ?? 'rate_limit,server_error,malformed').split(',') as Fault[],
      }
    : undefined,
  keepLog: false,
});
process.stdout.write(`${fake.url}\n`);
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
