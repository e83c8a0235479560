import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds a file shipped with the app (demo study, codebooks) by walking up from this
 * module, so it works from the sources (tsx), from a bundle in out/ and when packaged.
 */
export function findShippedPath(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error(`${relative} is missing from this installation`);
}

export function demoStudyDir(): string {
  return process.env.CONCORD_DEMO_DIR ?? findShippedPath('electron/backend/demo/study');
}

export function demoTranscriptFiles(dir = demoStudyDir()): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|md|vtt|srt|docx)$/i.test(f))
    .sort()
    .map((f) => join(dir, f));
}
