import { describe, expect, it } from 'vitest';
import { Project } from '../../electron/backend/project/project';
import { createAuditSample } from '../../electron/backend/review/auditSample';
import { reasonsOfMask } from '../../electron/backend/review/riskScore';
import { refreshReviewQueue, syncReviewItems } from '../../electron/backend/review/syncQueue';
import { useTmpDir } from '../helpers/tmp';
import { openReviewProject, runFakeAiCoder, segmentIds } from './reviewFixture';

const tmp = useTmpDir();

const items = (p: Project) =>
  p.db
    .prepare(
      'SELECT segment_id, code_key, source, ai_present, label_id IS NOT NULL AS labelled, extra_requests, evidence_found, audit_rank, risk IS NOT NULL AS scored FROM review_items ORDER BY segment_id, code_key',
    )
    .all() as Record<string, unknown>[];

describe('review queue materialisation', () => {
  it('queues every code decision of each AI answer, present ones linked to their label, scored on the way in', () => {
    const p = openReviewProject(tmp(), 4);
    runFakeAiCoder(p, 'gpt-test', (i, code) => ({ present: code === 'outreach', evidenceFound: i !== 1 }), {
      extraRequests: (i) => (i === 2 ? 2 : 0),
    });
    const rows = items(p);
    expect(rows).toHaveLength(20);
    expect(
      rows.filter((r) => r.ai_present === 1).every((r) => r.labelled === 1 && r.code_key === 'outreach'),
    ).toBe(true);
    expect(
      rows.filter((r) => r.ai_present === 0).every((r) => r.labelled === 0 && r.evidence_found === null),
    ).toBe(true);
    expect(rows.every((r) => r.source === 'ai_output' && r.scored === 1)).toBe(true);
    const seg = segmentIds(p);
    const outreach = (s: number) =>
      p.db
        .prepare(
          "SELECT evidence_found, extra_requests, reasons FROM review_items WHERE segment_id = ? AND code_key = 'outreach'",
        )
        .get(seg[s]) as {
        evidence_found: number;
        extra_requests: number;
        reasons: number;
      };
    expect(outreach(1)).toMatchObject({ evidence_found: 0, extra_requests: 0 });
    expect(reasonsOfMask(outreach(1).reasons)).toEqual(['evidence_not_found']);
    expect(outreach(2)).toMatchObject({ evidence_found: 1, extra_requests: 2 });
    expect(reasonsOfMask(outreach(2).reasons)).toEqual(['retried']);
    // nothing new: nothing done
    expect(syncReviewItems(p.db)).toBe(0);
    p.close();
  });

  it('picks up labels without an AI answer, a label added later to an absent item, and ignores damaged answers', () => {
    const p = openReviewProject(tmp(), 3);
    const { coderId } = runFakeAiCoder(p, 'gpt-test', (_i, code) => ({ present: code === 'outreach' }));
    const seg = segmentIds(p);
    const codeId = (key: string) =>
      p.db.prepare('SELECT id FROM codes WHERE code_key = ?').pluck().get(key) as number;
    const addLabel = p.db.prepare(
      "INSERT INTO labels (segment_id, code_id, coder_id, source, confidence, created_at, updated_at) VALUES (?, ?, ?, 'ai', 0.4, 'now', 'now')",
    );
    // the AI had said "barriers" absent on segment 0; a label for it appears later
    addLabel.run(seg[0], codeId('barriers'), coderId);
    // an AI coder that never went through the engine (no output at all)
    p.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('imported-ai', 'ai', 'x', 'now')")
      .run();
    const imported = p.db.prepare("SELECT id FROM coders WHERE name = 'imported-ai'").pluck().get() as number;
    addLabel.run(seg[1], codeId('language'), imported);
    p.db
      .prepare(
        `INSERT INTO llm_outputs (coder_id, segment_id, config_hash, model_requested, codebook_version_id, prompt_hash, samples, decisions, raw_responses, created_at)
         VALUES (?, ?, 'h', 'm', 1, 'p', 1, 'not json', '[]', 'now')`,
      )
      .run(imported, seg[2]);
    refreshReviewQueue(p.db);
    expect(
      p.db
        .prepare(
          "SELECT source, ai_present, label_id IS NOT NULL AS labelled, risk IS NOT NULL AS scored FROM review_items WHERE segment_id = ? AND code_key = 'barriers' AND coder_id = ?",
        )
        .get(seg[0], coderId),
    ).toEqual({
      source: 'ai_output',
      ai_present: 1,
      labelled: 1,
      scored: 1,
    });
    expect(
      p.db
        .prepare('SELECT source, ai_present, code_key, confidence FROM review_items WHERE coder_id = ?')
        .all(imported),
    ).toEqual([{ source: 'ai_label', ai_present: 1, code_key: 'language', confidence: 0.4 }]);
    p.close();
  });

  it('puts new items of an audited segment into the audit sample, and does nothing on a read-only file', () => {
    const p = openReviewProject(tmp(), 6);
    runFakeAiCoder(p, 'gpt-a', (_i, code) => ({ present: code === 'outreach' }));
    createAuditSample(p.db, { size: 2, seed: 5 }, 'lead');
    const audited = p.db
      .prepare(
        'SELECT DISTINCT segment_id, audit_rank FROM review_items WHERE audit_rank IS NOT NULL ORDER BY segment_id',
      )
      .all();
    runFakeAiCoder(p, 'gpt-b', (_i, code) => ({ present: code === 'language' }));
    expect(
      p.db
        .prepare(
          "SELECT DISTINCT i.segment_id, i.audit_rank FROM review_items i JOIN coders c ON c.id = i.coder_id WHERE c.name = 'gpt-b' AND i.audit_rank IS NOT NULL ORDER BY i.segment_id",
        )
        .all(),
    ).toEqual(audited);
    const path = p.path;
    p.close();
    const ro = Project.open(path, 'readonly');
    try {
      expect(syncReviewItems(ro.db)).toBe(0);
    } finally {
      ro.close();
    }
  });

  it('finds an answer written under the id of a deleted one (SQLite reuses the last id)', () => {
    const p = openReviewProject(tmp(), 3);
    runFakeAiCoder(p, 'gpt-a', (_i, code) => ({ present: code === 'outreach' }));
    const seg = segmentIds(p);
    const last = p.db.prepare('SELECT max(id) FROM llm_outputs').pluck().get() as number;
    p.db.prepare('DELETE FROM llm_outputs WHERE id = ?').run(last);
    p.db
      .prepare("INSERT INTO coders (name, kind, guid, created_at) VALUES ('gpt-b', 'ai', 'b', 'now')")
      .run();
    const b = p.db.prepare("SELECT id FROM coders WHERE name = 'gpt-b'").pluck().get() as number;
    const decisions = JSON.stringify([
      {
        code: 'language',
        present: false,
        voteShare: 0,
        votes: 0,
        samples: 1,
        confidence: 0.9,
        rationale: '',
        evidence: '',
        evidenceFound: null,
      },
    ]);
    const reused = Number(
      p.db
        .prepare(
          `INSERT INTO llm_outputs (coder_id, segment_id, config_hash, model_requested, codebook_version_id, prompt_hash, samples, decisions, raw_responses, created_at)
           VALUES (?, ?, 'h', 'm', 1, 'p', 1, ?, '[]', 'now')`,
        )
        .run(b, seg[0], decisions).lastInsertRowid,
    );
    expect(reused).toBe(last);
    refreshReviewQueue(p.db);
    expect(
      p.db.prepare('SELECT output_id, code_key, ai_present FROM review_items WHERE coder_id = ?').all(b),
    ).toEqual([{ output_id: last, code_key: 'language', ai_present: 0 }]);
    p.close();
  });
});
