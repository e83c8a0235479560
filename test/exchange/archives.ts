// Building .qdpx archives for tests: the hand-written fixtures in test/fixtures/qdpx/
// (one folder per tool), and raw stored zips with any entry names, hostile ones included
// (yazl refuses to write those).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import { writeZip } from '../../electron/backend/exchange/zipWrite';

export const FIXTURES = fileURLToPath(new URL('../fixtures/qdpx', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** name → bytes of a fixture folder (e.g. "maxqda"). */
export function fixtureEntries(tool: string): Map<string, Buffer> {
  const dir = join(FIXTURES, tool);
  return new Map(filesUnder(dir).map((f) => [relative(dir, f).split('\\').join('/'), readFileSync(f)]));
}

export const zipEntries = (entries: Map<string, Buffer | string>) =>
  writeZip([...entries].map(([name, data]) => ({ name, data })));

export const fixtureQdpx = (tool: string) => zipEntries(fixtureEntries(tool));

/** A stored (uncompressed) zip written byte by byte; `declaredSize` lets a test lie about sizes. */
export function rawZip(
  files: {
    name: string;
    data: Buffer | string;
    method?: 0 | 8;
    compressed?: Buffer;
    declaredSize?: number;
  }[],
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const data = Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data, 'utf8');
    const stored = f.compressed ?? data;
    const method = f.method ?? 0;
    const size = f.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, stored);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
