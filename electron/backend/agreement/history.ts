import type Database from 'better-sqlite3';
import type { AgreementReportView, AgreementRun, RunSummary } from '../../../shared/contract/calibration';
import { recordHistory } from '../history/record';
import { canonicalJson, sha256Hex } from '../llm/stableHash';
import { runSummary } from './runSummary';

// The agreement history (DESIGN §1.5 "over time"): one row per recorded report with
// when, who, which coders under which config hashes and codebook versions, on which
// units, under which thresholds, and the summary the history chart draws. Recording
// the same report again (same coders, configs, units and results) adds nothing, so the
// UI may record every report it shows.

export type RunKind = 'calibration' | 'validation';

interface RunRow {
  id: number;
  kind: RunKind;
  created_at: string;
  created_by: string;
  sample_name: string | null;
  scope: string;
  coders: string;
  config_hashes: string;
  codebook_versions: string;
  n_units: number;
  thresholds: string;
  summary: string;
  approval_id: number | null;
}

export function recordRun(
  db: Database.Database,
  report: AgreementReportView,
  kind: RunKind,
  actor: string,
  sampleId: number | null,
  approvalId: number | null = null,
): number {
  const summary = runSummary(report);
  const coders = report.coders.map((c) => ({
    id: c.id,
    name: c.name,
    kind: c.kind,
    role: c.role,
    configHash: c.config_hash,
  }));
  const configHashes = [
    ...new Set(report.coders.flatMap((c) => (c.config_hash ? [c.config_hash] : []))),
  ].sort();
  const versions = [...new Set(report.coders.flatMap((c) => c.codebook_versions))].sort((a, b) => a - b);
  const nUnits = report.overall.n_units;
  const fingerprint = sha256Hex(
    canonicalJson({
      kind,
      scope: report.scope,
      coders,
      configHashes,
      versions,
      thresholds: report.flags.thresholds,
      summary,
      approvalId,
    }),
  );
  // the latest run of the same coders on the same units: unchanged, it is not recorded twice
  const last = db
    .prepare(
      'SELECT id, fingerprint FROM agreement_runs WHERE kind = ? AND scope = ? AND coders = ? ORDER BY id DESC LIMIT 1',
    )
    .get(kind, JSON.stringify(report.scope), JSON.stringify(coders)) as
    { id: number; fingerprint: string } | undefined;
  if (last?.fingerprint === fingerprint) return last.id;
  const id = Number(
    db
      .prepare(
        `INSERT INTO agreement_runs (kind, created_at, created_by, sample_id, scope, coders, config_hashes, codebook_versions, n_units, thresholds, summary, fingerprint, approval_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        kind,
        new Date().toISOString(),
        actor,
        sampleId,
        JSON.stringify(report.scope),
        JSON.stringify(coders),
        JSON.stringify(configHashes),
        JSON.stringify(versions),
        nUnits,
        JSON.stringify(report.flags.thresholds),
        JSON.stringify(summary),
        fingerprint,
        approvalId,
      ).lastInsertRowid,
  );
  recordHistory(db, {
    actor,
    action: `agreement.${kind}`,
    entity: 'agreement_run',
    entityId: id,
    after: {
      coders: coders.map((c) => c.name),
      scope: report.scope,
      nUnits,
      ready: summary.ready,
      flagged: summary.flagged,
    },
  });
  return id;
}

const toRun = (r: RunRow): AgreementRun => ({
  id: r.id,
  kind: r.kind,
  createdAt: r.created_at,
  createdBy: r.created_by,
  sample: r.sample_name,
  scope: JSON.parse(r.scope) as Record<string, unknown>,
  coders: JSON.parse(r.coders) as AgreementRun['coders'],
  configHashes: JSON.parse(r.config_hashes) as string[],
  codebookVersions: JSON.parse(r.codebook_versions) as number[],
  nUnits: r.n_units,
  thresholds: JSON.parse(r.thresholds) as Record<string, unknown>,
  summary: JSON.parse(r.summary) as RunSummary,
  approvalId: r.approval_id,
});

const SELECT_RUNS = `SELECT r.*, s.name AS sample_name FROM agreement_runs r LEFT JOIN samples s ON s.id = r.sample_id`;

/** Recorded reports, oldest first (the order of a history chart), the newest `limit` of them. */
export function listRuns(
  db: Database.Database,
  filter: { sampleId?: number; kind?: RunKind; limit: number },
): AgreementRun[] {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (filter.sampleId !== undefined) {
    where.push('r.sample_id = ?');
    params.push(filter.sampleId);
  }
  if (filter.kind) {
    where.push('r.kind = ?');
    params.push(filter.kind);
  }
  const rows = db
    .prepare(
      `${SELECT_RUNS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id DESC LIMIT ?`,
    )
    .all(...params, filter.limit) as RunRow[];
  return rows.reverse().map(toRun);
}

export function getRun(db: Database.Database, id: number): AgreementRun | null {
  const row = db.prepare(`${SELECT_RUNS} WHERE r.id = ?`).get(id) as RunRow | undefined;
  return row ? toRun(row) : null;
}
