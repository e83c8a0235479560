import type { ExportParams } from '../../../../shared/contract/exchange';
import { call } from '../../rpc/client';

// Files leave the browser window as Blob downloads: the backend returns exports as
// base64 (no path), figures are made here.

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // the download has taken its copy once the click is handled
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface ServerFile {
  fileName: string;
  blob: Blob;
  warnings: string[];
}

/** Asks the backend for an export and returns it as a Blob, ready to save. */
export async function fetchExport(params: Omit<ExportParams, 'path'>): Promise<ServerFile> {
  const file = await call('export.file', params);
  if (file.contentBase64 === null)
    throw new Error(`The backend wrote ${file.fileName} instead of returning it.`);
  const type = file.mimeType;
  return {
    fileName: file.fileName,
    blob: new Blob([base64ToBytes(file.contentBase64)], { type }),
    warnings: file.warnings,
  };
}

/** "Demo study" → "demo-study", for file names. */
export function fileStem(name: string): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase() || 'concord'
  );
}
