import type { CodebookJsonCode } from '../../../shared/contract/codebookJson';
import type { CodeRow } from './store';

/**
 * A code as the pure planning functions (edits, diff, merge, split, file formats) see
 * it: no database ids, only the stable `key` and `guid`. Order in an array is the
 * codebook's order.
 */
export interface CodeData {
  key: string;
  guid: string;
  parentKey: string | null;
  name: string;
  shortLabel: string;
  definition: string;
  inclusion: string;
  exclusion: string;
  examples: { positive: string[]; negative: string[] };
  color: string;
}

const parseList = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.map(String) : [];
};

export function rowToCodeData(r: CodeRow): CodeData {
  return {
    key: r.code_key,
    guid: r.guid,
    parentKey: r.parent_key,
    name: r.name,
    shortLabel: r.short_label,
    definition: r.definition,
    inclusion: r.inclusion,
    exclusion: r.exclusion,
    examples: { positive: parseList(r.examples_positive), negative: parseList(r.examples_negative) },
    color: r.color,
  };
}

export function codeDataToJson(c: CodeData): CodebookJsonCode & { guid: string } {
  return {
    id: c.key,
    name: c.name,
    parent_id: c.parentKey,
    short_label: c.shortLabel,
    definition: c.definition,
    inclusion: c.inclusion,
    exclusion: c.exclusion,
    examples: { positive: [...c.examples.positive], negative: [...c.examples.negative] },
    color: c.color,
    guid: c.guid,
  };
}

export function codeDataFromJson(c: CodebookJsonCode, guid: string): CodeData {
  return {
    key: c.id,
    guid,
    parentKey: c.parent_id ?? null,
    name: c.name.trim(),
    shortLabel: c.short_label ?? '',
    definition: c.definition ?? '',
    inclusion: c.inclusion ?? '',
    exclusion: c.exclusion ?? '',
    examples: { positive: c.examples?.positive ?? [], negative: c.examples?.negative ?? [] },
    color: c.color ?? '#888888',
  };
}

/** The fields whose change makes a code "redefined": what a coder applies it by. */
export function changedDefinitionFields(a: CodeData, b: CodeData): string[] {
  const out: string[] = [];
  if (a.definition !== b.definition) out.push('definition');
  if (a.inclusion !== b.inclusion) out.push('inclusion');
  if (a.exclusion !== b.exclusion) out.push('exclusion');
  if (a.shortLabel !== b.shortLabel) out.push('short label');
  if (JSON.stringify(a.examples.positive) !== JSON.stringify(b.examples.positive))
    out.push('positive examples');
  if (JSON.stringify(a.examples.negative) !== JSON.stringify(b.examples.negative))
    out.push('negative examples');
  return out;
}
