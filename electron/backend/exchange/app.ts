import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { exchangeMethods } from '../../../shared/contract/exchange';
import { exportProjectFile } from '../exports/exportFile';
import { UserError } from '../errors';
import type { HandlerMap } from '../rpc/handlers';
import { importQdpxToNewProject } from './importQdpx';

/** A .qdpx on disk; archives are often larger than a transcript, so not the 20 MB import limit. */
function readArchive(path: string): Buffer {
  const full = resolve(path);
  let size: number;
  try {
    size = statSync(full).size;
  } catch {
    throw new UserError(`${path}: no such file`);
  }
  if (size > 1024 * 1024 * 1024) throw new UserError(`${path} is larger than 1 GB`);
  return readFileSync(full);
}

/** Exports (files for reports and R / Python) and REFI-QDA project exchange. */
export const exchangeHandlers: HandlerMap<keyof typeof exchangeMethods> = {
  'export.file': async ({ format, path, compare }, { session }) => {
    const file = await exportProjectFile(session.requireProject(), format, compare);
    if (path) {
      const full = resolve(path);
      writeFileSync(full, file.bytes);
      return {
        fileName: file.fileName,
        mimeType: file.mimeType,
        bytes: file.bytes.length,
        path: full,
        contentBase64: null,
        warnings: file.warnings,
      };
    }
    return {
      fileName: file.fileName,
      mimeType: file.mimeType,
      bytes: file.bytes.length,
      path: null,
      contentBase64: file.bytes.toString('base64'),
      warnings: file.warnings,
    };
  },

  'exchange.importQdpx': async ({ source, target, open }, { session, emit }) => {
    const bytes = 'path' in source ? readArchive(source.path) : Buffer.from(source.contentBase64, 'base64');
    const full = resolve(target.endsWith('.concord') ? target : `${target}.concord`);
    const report = await importQdpxToNewProject(bytes, full, session.user);
    if (open) {
      session.open(full, 'open');
      emit('project.changed', { path: full });
    }
    return report;
  },
};
