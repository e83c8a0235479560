import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { UserError } from '../errors';

// Reads a whole (small) archive into memory, refusing what a hostile file could use:
// entries outside the root (`../x`, `/x`, `C:\x`), encrypted entries, duplicate names,
// and zip bombs. yauzl checks every entry's actual size against the size declared in
// the central directory (validateEntrySizes), so the declared sizes below are binding.

export interface ZipLimits {
  maxEntries: number;
  /** sum of the uncompressed sizes */
  maxTotalBytes: number;
  /** uncompressed ÷ compressed size, checked for entries above `ratioFloorBytes` */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 20_000,
  maxTotalBytes: 512 * 1024 * 1024,
  // plain text and XML compress about 3–10×; 200× only happens with crafted data
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

async function readStream(stream: Readable, limit: number, name: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    size += buf.length;
    // belt and braces: never hold more than the entry may have
    if (size > limit) {
      stream.destroy();
      throw new UserError(`archive entry "${name}" is larger than it declares (a zip bomb?)`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks, size);
}

function describeZipError(e: Error): string {
  const m = e.message;
  if (/end of central directory|signature not found|not a zip/i.test(m)) return 'not a zip archive';
  if (/invalid relative path|absolute path|invalid characters in fileName/i.test(m))
    return `unsafe archive entry outside the archive root (${m})`;
  if (/too many bytes|not enough bytes|uncompressedSize|compressedSize/i.test(m))
    return `corrupt or crafted archive entry sizes (${m})`;
  return `unreadable zip archive (${m})`;
}

/** name → bytes of every file entry (folders skipped). Throws UserError on anything unsafe. */
export async function readZipEntries(
  bytes: Buffer,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(bytes, {
      lazyEntries: true,
      decodeStrings: true,
      validateEntrySizes: true,
      strictFileNames: false,
    });
  } catch (e) {
    throw new UserError(describeZipError(e as Error));
  }
  const out = new Map<string, Buffer>();
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new UserError(`the archive has ${zip.entryCount} entries (limit ${limits.maxEntries})`);
    let total = 0;
    for await (const entry of zip.eachEntry()) {
      const name = entry.fileName;
      // yauzl already refuses these; repeated here so the rule does not depend on its defaults
      if (
        name.startsWith('/') ||
        /^[a-zA-Z]:/.test(name) ||
        name.split('/').includes('..') ||
        name.includes('\u0000')
      ) {
        throw new UserError(`unsafe archive entry "${name}" outside the archive root`);
      }
      if (name.endsWith('/')) continue;
      if (out.has(name)) throw new UserError(`the archive has two entries named "${name}"`);
      if (entry.isEncrypted()) throw new UserError(`archive entry "${name}" is encrypted`);
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) {
        throw new UserError(`the archive unpacks to more than ${mb(limits.maxTotalBytes)} (a zip bomb?)`);
      }
      if (
        entry.uncompressedSize > limits.ratioFloorBytes &&
        entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)
      ) {
        throw new UserError(
          `archive entry "${name}" expands ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize))}× (limit ${limits.maxRatio}×; a zip bomb?)`,
        );
      }
      const stream = await zip.openReadStreamPromise(entry);
      out.set(name, await readStream(stream, entry.uncompressedSize, name));
    }
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(describeZipError(e as Error));
  } finally {
    zip.close();
  }
  return out;
}
