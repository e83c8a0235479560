import type Database from 'better-sqlite3';
import type { CompareResult } from '../../../shared/contract/compare';
import { activeCodebookVersion } from '../codebook/store';
import type { AiCoderFacts, MethodsFacts } from './methodsParagraph';
import { reviewedLabelIds } from './reviewStatus';

const hasTable = (db: Database.Database, name: string) =>
  Boolean(db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name));

/**
 * Agreement figures for the methods paragraph. Seam: the agreement report (its own
 * issue) stores or computes the reported figures; until it offers them, none are cited.
 */
export function agreementSentences(_db: Database.Database): string[] {
  return [];
}

function aiCoderFacts(db: Database.Database): AiCoderFacts[] {
  const rows = db
    .prepare(
      "SELECT c.id, c.name, c.config, (SELECT count(*) FROM labels l WHERE l.coder_id = c.id) AS labels FROM coders c WHERE c.kind = 'ai' ORDER BY c.name",
    )
    .all() as { id: number; name: string; config: string | null; labels: number }[];
  const hashes = hasTable(db, 'llm_outputs')
    ? db
        .prepare(
          'SELECT DISTINCT prompt_hash FROM llm_outputs WHERE coder_id = ? AND prompt_hash IS NOT NULL',
        )
        .pluck()
    : null;
  return rows.map((r) => {
    let config: Record<string, unknown> = {};
    try {
      const parsed: unknown = r.config ? JSON.parse(r.config) : {};
      if (parsed && typeof parsed === 'object') config = parsed as Record<string, unknown>;
    } catch {
      // an unreadable configuration only costs the paragraph its details
    }
    return {
      name: r.name,
      model: typeof config.model === 'string' ? config.model : null,
      temperature: typeof config.temperature === 'number' ? config.temperature : null,
      samples: typeof config.samples === 'number' ? config.samples : null,
      promptHashes: hashes ? (hashes.all(r.id) as string[]) : [],
      labels: r.labels,
    };
  });
}

export function methodsFacts(db: Database.Database, comparison: CompareResult | null): MethodsFacts {
  const count = (sql: string) => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  const version = activeCodebookVersion(db);
  const aiLabelIds = db.prepare("SELECT id FROM labels WHERE source = 'ai'").pluck().all() as number[];
  const reviewed = reviewedLabelIds(db);
  return {
    documents: count('SELECT count(*) FROM documents'),
    segments: count('SELECT count(*) FROM segments'),
    words: count('SELECT sum(words) FROM documents'),
    humanCoders: db
      .prepare(
        "SELECT c.name, (SELECT count(*) FROM labels l WHERE l.coder_id = c.id) AS labels FROM coders c WHERE c.kind = 'human' ORDER BY c.name",
      )
      .all() as { name: string; labels: number }[],
    aiCoders: aiCoderFacts(db),
    codebook: version
      ? {
          version: version.version,
          name: version.name,
          codes: count(`SELECT count(*) FROM codes WHERE codebook_version_id = ${version.id}`),
        }
      : null,
    agreement: agreementSentences(db),
    review: aiLabelIds.length
      ? { reviewed: aiLabelIds.filter((id) => reviewed.has(id)).length, aiLabels: aiLabelIds.length }
      : null,
    comparison: comparison
      ? {
          by: comparison.by,
          a: comparison.a,
          b: comparison.b,
          level: comparison.level,
          source: comparison.source,
          documentsA: comparison.groups.a.documents,
          documentsB: comparison.groups.b.documents,
          schoolsA: comparison.groups.a.schools,
          schoolsB: comparison.groups.b.schools,
          codes: comparison.codes.length,
          methods: comparison.methods,
          inferenceNote: comparison.inference.note,
        }
      : null,
  };
}
