import { ChangeEntrySchema, type ChangeEntry } from '../../../shared/contract/codebook';

const KINDS = new Set<string>(ChangeEntrySchema.shape.kind.options);

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Reads a version's stored change log. Older entries (e.g. the demo's
 * `{kind: 'created', note}`) predate the contract's shape, so each field is read
 * leniently rather than rejecting the whole log.
 */
export function parseChangeLog(json: string): ChangeEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e): ChangeEntry[] => {
    if (e === null || typeof e !== 'object') return [];
    const o = e as Record<string, unknown>;
    const kind =
      typeof o.kind === 'string' && KINDS.has(o.kind) ? (o.kind as ChangeEntry['kind']) : 'created';
    const into = Array.isArray(o.into) ? o.into.filter((k): k is string => typeof k === 'string') : undefined;
    return [
      {
        kind,
        key: str(o.key),
        name: str(o.name),
        detail: str(o.detail) ?? str(o.note) ?? '',
        ...(into ? { into } : {}),
      },
    ];
  });
}

/**
 * A log short enough to list: an import that replaces thousands of codes is
 * summarised (the full comparison stays available as a diff between the versions).
 */
export function boundedChangeLog(entries: ChangeEntry[], max = 200): ChangeEntry[] {
  if (entries.length <= max) return entries;
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.kind, (counts.get(e.kind) ?? 0) + 1);
  const detail = [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ');
  // merges and splits are kept whole: resolveCodeInVersion follows them
  const lineage = entries.filter((e) => e.kind === 'merged' || e.kind === 'split');
  return [
    ...lineage,
    { kind: 'imported', key: null, name: null, detail: `${detail} (compare the versions for the full list)` },
  ];
}
