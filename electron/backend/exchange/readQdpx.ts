import { decodeExchangeText } from '../codebook/textBytes';
import { UserError } from '../errors';
import { codePointLength } from './codePointOffsets';
import { readProjectXml } from './readProjectXml';
import type { RefiProject } from './refiModel';
import { parseXml } from './xmlParse';
import { readZipEntries, type ZipLimits } from './zipRead';

export interface QdpxContent {
  project: RefiProject;
  /** project.qde as text (the codebook reader parses its CodeBook) */
  projectXml: string;
  /** source guid → text (BOM removed; REFI positions count from after it) */
  texts: Map<string, string>;
}

function findEntry(entries: Map<string, Buffer>, file: string): Buffer | undefined {
  // the standard says sources/, some tools write Sources/ (and Windows tools any case)
  const wanted = [`sources/${file}`, `Sources/${file}`];
  for (const w of wanted) {
    const hit = entries.get(w);
    if (hit) return hit;
  }
  const lower = `sources/${file}`.toLowerCase();
  for (const [name, bytes] of entries) if (name.toLowerCase() === lower) return bytes;
  return undefined;
}

function sourceText(bytes: Buffer, name: string): string {
  if (bytes.length === 0) return '';
  const text = decodeExchangeText(bytes, `the text of source "${name}"`);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads and checks a whole .qdpx before anything is written: a safe archive, a
 * well-formed project.qde without DTDs, resolvable references, every source text
 * present and every selection inside its text (in code points).
 */
export async function readQdpx(bytes: Buffer, limits?: ZipLimits): Promise<QdpxContent> {
  const entries = await readZipEntries(bytes, limits);
  const qdeName = [...entries.keys()].find((n) => n.toLowerCase() === 'project.qde');
  if (!qdeName) {
    const listed = [...entries.keys()].slice(0, 5).join(', ');
    throw new UserError(
      `not a REFI-QDA project archive: no project.qde at the top of the archive${listed ? ` (found ${listed})` : ''}`,
    );
  }
  const projectXml = decodeExchangeText(entries.get(qdeName)!, 'project.qde');
  const project = readProjectXml(parseXml(projectXml, 'project.qde'));

  const texts = new Map<string, string>();
  for (const s of project.sources) {
    let text: string;
    if (s.internalPath !== null) {
      const file = findEntry(entries, s.internalPath);
      if (!file)
        throw new UserError(
          `source "${s.name}" is missing from the archive (expected sources/${s.internalPath})`,
        );
      text = sourceText(file, s.name);
    } else {
      text = s.inlineText ?? '';
    }
    const length = codePointLength(text);
    for (const sel of s.selections) {
      if (sel.start < 0 || sel.end < sel.start || sel.end > length) {
        throw new UserError(
          `a selection in source "${s.name}" runs from ${sel.start} to ${sel.end}, outside the text (${length} characters, counted in code points)`,
        );
      }
    }
    texts.set(s.guid, text);
  }
  return { project, projectXml, texts };
}
