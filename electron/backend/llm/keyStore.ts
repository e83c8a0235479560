import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Provider } from '../../../shared/contract/llm';
import { UserError } from '../errors';
import { providerKeyId } from './provider';

/**
 * Where API keys come from. Keys are never written to the project, history, logs,
 * exports or RPC results; the backend asks the host's store when it needs one. The
 * desktop app supplies a store backed by Electron safeStorage (electron/main);
 * the CLI and browser mode use the environment and a 0600 credentials file.
 */
export interface KeyStore {
  get(provider: Provider): Promise<string | null>;
  describe(provider: Provider): Promise<{ present: boolean; source: string | null; writable: boolean }>;
  set?(provider: Provider, key: string): Promise<void>;
  clear?(provider: Provider): Promise<boolean>;
}

/** OPENAI_API_KEY, for every provider (the SDK's own convention, also used with vLLM and others). */
export function envKeyStore(env: Record<string, string | undefined>): KeyStore {
  const key = () => env.OPENAI_API_KEY?.trim() || null;
  return {
    get: async () => key(),
    describe: async () => ({
      present: key() !== null,
      source: key() ? 'OPENAI_API_KEY' : null,
      writable: false,
    }),
  };
}

type CredentialsFile = { keys: Record<string, string> };

/**
 * `credentials.json` in the user's config folder: {"keys": {"openai": "sk-…",
 * "http://127.0.0.1:8000": "…"}}, written with mode 0600. A file others can read is
 * refused rather than used, as ssh does with private keys.
 */
export function fileKeyStore(configDir: string): KeyStore {
  const path = join(configDir, 'credentials.json');
  const read = (): CredentialsFile => {
    if (!existsSync(path)) return { keys: {} };
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) {
      throw new UserError(
        `${path} can be read by other users; restrict it with chmod 600 ${path}`,
        'bad_config',
      );
    }
    try {
      const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<CredentialsFile>;
      return { keys: v && typeof v.keys === 'object' && v.keys ? v.keys : {} };
    } catch {
      throw new UserError(`${path} is not valid JSON`, 'bad_config');
    }
  };
  const write = (c: CredentialsFile) => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(c, null, 2)}\n`, { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, path);
  };
  return {
    get: async (p) => read().keys[providerKeyId(p)] ?? null,
    describe: async (p) => {
      const present = Boolean(read().keys[providerKeyId(p)]);
      return { present, source: present ? path : null, writable: true };
    },
    set: async (p, key) => {
      const c = read();
      c.keys[providerKeyId(p)] = key.trim();
      write(c);
    },
    clear: async (p) => {
      const c = read();
      const had = providerKeyId(p) in c.keys;
      delete c.keys[providerKeyId(p)];
      if (had) write(c);
      return had;
    },
  };
}

/** The first store that has a key wins; writes go to the first writable store. */
export function chainKeyStores(...stores: KeyStore[]): KeyStore {
  const writable = stores.find((s) => s.set);
  return {
    get: async (p) => {
      for (const s of stores) {
        const k = await s.get(p);
        if (k) return k;
      }
      return null;
    },
    describe: async (p) => {
      for (const s of stores) {
        const d = await s.describe(p);
        if (d.present) return { ...d, writable: Boolean(writable) };
      }
      return { present: false, source: null, writable: Boolean(writable) };
    },
    set: writable?.set ? (p, k) => writable.set!(p, k) : undefined,
    clear: writable?.clear ? (p) => writable.clear!(p) : undefined,
  };
}

let hostStore: ((configDir: string) => KeyStore) | null = null;

/** The desktop host registers its safeStorage-backed store here at start-up. */
export function registerHostKeyStore(factory: (configDir: string) => KeyStore): void {
  hostStore = factory;
}

/** The key store of a session: env var first, then the host's store or the credentials file. */
export function keyStoreFor(
  configDir: string,
  env: Record<string, string | undefined> = process.env,
): KeyStore {
  return chainKeyStores(envKeyStore(env), hostStore ? hostStore(configDir) : fileKeyStore(configDir));
}
