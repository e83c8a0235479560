import { CodebookJsonSchema, type CodebookJson } from '../../../shared/contract/codebookJson';
import { UserError } from '../errors';
import { codeDataToJson, type CodeData } from './codeData';

const pathText = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** The JSON codebook form (DESIGN.md §4), with a message that names the bad field. */
export function parseCodebookJson(text: string): CodebookJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UserError(`the codebook is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = CodebookJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((i) => `${pathText(i.path) || 'the file'}: ${i.message}`);
    const more = parsed.error.issues.length > 3 ? ` (+${parsed.error.issues.length - 3} more)` : '';
    throw new UserError(`the codebook JSON does not have the expected form: ${issues.join('; ')}${more}`);
  }
  return parsed.data;
}

export interface CodebookFileHeader {
  name: string;
  version: number;
  description: string;
}

/** `{"name","version","description","codes":[…]}` with each code's guid and short label beside the §4 fields. */
export function codebookJsonText(header: CodebookFileHeader, codes: readonly CodeData[]): string {
  return `${JSON.stringify({ ...header, codes: codes.map(codeDataToJson) }, null, 2)}\n`;
}
