import { describe, expect, it } from 'vitest';
import { readCalibrationSignals } from '../../electron/backend/review/riskSignals';
import { reasonsOfMask } from '../../electron/backend/review/riskScore';
import { ensureItemsScored } from '../../electron/backend/review/scoreItems';
import type { Project } from '../../electron/backend/project/project';
import { useTmpDir } from '../helpers/tmp';
import { openReviewProject, runFakeAiCoder } from './reviewFixture';

const tmp = useTmpDir();

function recordRun(p: Project, at: string, statuses: Record<string, string>, coder = 'gpt-test') {
  const summary = {
    metric: 'cohen_kappa',
    overall: {},
    codes: Object.entries(statuses).map(([key, status]) => ({
      code: key,
      code_id: key,
      value: null,
      human_human: null,
      ai: [{ coder, vs_humans: 0.5, vs_reference: null, f1: null, status }],
    })),
    ready: 0,
    flagged: 0,
  };
  p.db
    .prepare(
      `INSERT INTO agreement_runs (kind, created_at, created_by, scope, coders, config_hashes, codebook_versions, n_units, thresholds, summary, fingerprint)
       VALUES ('calibration', ?, 'lead', '{}', '[]', '[]', '[1]', 50, '{}', ?, ?)`,
    )
    .run(at, JSON.stringify(summary), at);
}

const reasonsOf = (p: Project, code: string) =>
  new Set(
    (
      p.db.prepare('SELECT reasons FROM review_items WHERE code_key = ?').pluck().all(code) as number[]
    ).flatMap(reasonsOfMask),
  );

describe('calibration signals in the review queue', () => {
  it('flags the codes the latest calibration report found below threshold, and rescores when that changes', () => {
    const p = openReviewProject(tmp(), 10);
    runFakeAiCoder(p, 'gpt-test', (_i, code) => ({ present: code === 'outreach' }));
    // the fixture's queue read scored everything already
    expect(ensureItemsScored(p.db)).toBe(0);
    const riskBefore = p.db
      .prepare("SELECT max(risk) FROM review_items WHERE code_key = 'outreach'")
      .pluck()
      .get() as number;

    recordRun(p, '2025-01-01T00:00:00Z', {
      outreach: 'below_threshold',
      barriers: 'ready',
      language: 'below_human',
    });
    p.db
      .prepare(
        "INSERT INTO agreement_runs (kind, created_at, created_by, scope, coders, config_hashes, codebook_versions, n_units, thresholds, summary, fingerprint) VALUES ('calibration', '2024-01-01', 'x', '{}', '[]', '[]', '[]', 0, '{}', 'not json', 'y')",
      )
      .run();
    expect(ensureItemsScored(p.db)).toBe(50);
    expect(reasonsOf(p, 'outreach').has('below_threshold')).toBe(true);
    expect(reasonsOf(p, 'language').has('below_threshold')).toBe(true);
    expect(reasonsOf(p, 'barriers').has('below_threshold')).toBe(false);
    expect(
      p.db.prepare("SELECT min(risk) FROM review_items WHERE code_key = 'outreach'").pluck().get(),
    ).toBeGreaterThan(riskBefore);

    // a newer report finds outreach ready: its flag goes; another coder's report changes nothing here
    recordRun(p, '2025-02-01T00:00:00Z', {
      outreach: 'ready',
      barriers: 'ready',
      language: 'below_threshold',
    });
    recordRun(p, '2025-03-01T00:00:00Z', { barriers: 'below_threshold' }, 'someone-else');
    ensureItemsScored(p.db);
    expect(reasonsOf(p, 'outreach').has('below_threshold')).toBe(false);
    expect(reasonsOf(p, 'language').has('below_threshold')).toBe(true);
    expect(reasonsOf(p, 'barriers').has('below_threshold')).toBe(false);
    p.close();
  });

  it('reads approved AI coders from active approvals of their current configuration', () => {
    const p = openReviewProject(tmp(), 2);
    const a = runFakeAiCoder(p, 'gpt-a', () => ({ present: false })).coderId;
    const b = runFakeAiCoder(p, 'gpt-b', () => ({ present: false })).coderId;
    const approve = p.db.prepare(
      "INSERT INTO coder_approvals (coder_id, config_hash, approved_at, approved_by, revoked_at) VALUES (?, ?, 'now', 'lead', ?)",
    );
    approve.run(a, p.db.prepare('SELECT config_hash FROM coders WHERE id = ?').pluck().get(a), null);
    approve.run(b, 'an-older-configuration', null);
    expect(readCalibrationSignals(p.db).approvedCoders).toEqual([a]);
    p.db.prepare('UPDATE coder_approvals SET revoked_at = ? WHERE coder_id = ?').run('later', a);
    expect(readCalibrationSignals(p.db).approvedCoders).toEqual([]);
    p.close();
  });
});
