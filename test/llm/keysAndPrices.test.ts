import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chainKeyStores, envKeyStore, fileKeyStore, keyStoreFor } from '../../electron/backend/llm/keyStore';
import { costOf, priceFor, setPrice } from '../../electron/backend/llm/prices';
import { Project } from '../../electron/backend/project/project';
import { ProviderSchema } from '../../shared/contract/llm';
import { useTmpDir } from '../helpers/tmp';

const openai = ProviderSchema.parse({});
const local = ProviderSchema.parse({ kind: 'compatible', baseURL: 'http://127.0.0.1:8000/v1' });

describe('key stores', () => {
  const tmp = useTmpDir();

  it('stores keys per provider in a 0600 credentials file and refuses a file others can read', async () => {
    const dir = tmp();
    const store = fileKeyStore(join(dir, 'cfg'));
    expect(await store.get(openai)).toBeNull();
    await store.set!(openai, 'sk-file-key');
    await store.set!(local, 'local-key');
    const path = join(dir, 'cfg', 'credentials.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.get(openai)).toBe('sk-file-key');
    expect(
      await store.get(ProviderSchema.parse({ kind: 'compatible', baseURL: 'http://127.0.0.1:8000/other' })),
    ).toBe('local-key');
    expect(await store.describe(openai)).toEqual({ present: true, source: path, writable: true });
    expect(await store.clear!(openai)).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      keys: { 'http://127.0.0.1:8000': 'local-key' },
    });
    chmodSync(path, 0o644);
    await expect(store.get(local)).rejects.toThrow(/can be read by other users/);
  });

  it('prefers OPENAI_API_KEY, then the file; writes go to the file', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'credentials.json'), JSON.stringify({ keys: { openai: 'sk-from-file' } }), {
      mode: 0o600,
    });
    expect(await keyStoreFor(dir, { OPENAI_API_KEY: 'sk-from-env' }).get(openai)).toBe('sk-from-env');
    expect(await keyStoreFor(dir, {}).get(openai)).toBe('sk-from-file');
    const chain = chainKeyStores(envKeyStore({}), fileKeyStore(dir));
    expect((await chain.describe(openai)).source).toMatch(/credentials\.json$/);
    expect(chain.set).toBeDefined();
  });
});

describe('prices', () => {
  const tmp = useTmpDir();
  it('prices dated snapshots by their base model and counts cached input at its own rate', () => {
    const p = Project.open(join(tmp(), 'p.concord'), 'create');
    try {
      expect(priceFor(p.db, 'gpt-4o-mini-2024-07-18')?.model).toBe('gpt-4o-mini');
      expect(priceFor(p.db, 'gpt-4o-2024-08-06')?.model).toBe('gpt-4o');
      expect(priceFor(p.db, 'llama3.1')).toBeNull();
      const price = setPrice(p.db, {
        model: 'llama3.1',
        inputPer1M: 1,
        cachedInputPer1M: null,
        outputPer1M: 2,
        note: '',
      });
      expect(costOf(price, { input: 1_000_000, cached: 500_000, output: 1_000_000 })).toBeCloseTo(3);
      const mini = priceFor(p.db, 'gpt-4o-mini')!;
      expect(costOf(mini, { input: 1_000_000, cached: 1_000_000, output: 0 })).toBeCloseTo(0.075);
      expect(costOf(mini, { input: 2_000_000, cached: 0, output: 0 }, true)).toBeCloseTo(0.15);
    } finally {
      p.close();
    }
  });
});
