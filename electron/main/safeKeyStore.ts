// API keys in the desktop app: encrypted with the OS keychain through Electron's
// safeStorage, stored as ciphertext in the user-data folder — never in a project,
// a log, an export or the renderer.
import { safeStorage } from 'electron';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { KeyStore } from '../backend/llm/keyStore';
import { providerKeyId } from '../backend/llm/provider';

type Stored = Record<string, string>; // provider id → base64 ciphertext

export function safeStorageKeyStore(configDir: string): KeyStore {
  const path = join(configDir, 'keys.enc.json');
  const read = (): Stored => (existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Stored) : {});
  const write = (s: Stored) => {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    writeFileSync(`${path}.tmp`, JSON.stringify(s), { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  };
  return {
    get: async (p) => {
      const cipher = read()[providerKeyId(p)];
      return cipher && safeStorage.isEncryptionAvailable()
        ? safeStorage.decryptString(Buffer.from(cipher, 'base64'))
        : null;
    },
    describe: async (p) => {
      const present = Boolean(read()[providerKeyId(p)]);
      return {
        present,
        source: present ? 'system keychain (safeStorage)' : null,
        writable: safeStorage.isEncryptionAvailable(),
      };
    },
    set: async (p, key) => {
      if (!safeStorage.isEncryptionAvailable())
        throw new Error('the system keychain is not available to store the key');
      const s = read();
      s[providerKeyId(p)] = safeStorage.encryptString(key.trim()).toString('base64');
      write(s);
    },
    clear: async (p) => {
      const s = read();
      const had = providerKeyId(p) in s;
      delete s[providerKeyId(p)];
      if (had) write(s);
      return had;
    },
  };
}
