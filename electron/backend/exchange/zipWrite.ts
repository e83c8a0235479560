import yazl from 'yazl';

export interface ZipFileEntry {
  name: string;
  data: Buffer | string;
}

/** A deflated zip of the entries, in order (UTF-8 names). */
export function writeZip(entries: readonly ZipFileEntry[], mtime = new Date()): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addBuffer(typeof e.data === 'string' ? Buffer.from(e.data, 'utf8') : e.data, e.name, {
      mtime,
      compress: true,
    });
  }
  zip.end();
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolvePromise(Buffer.concat(chunks)));
  });
}
