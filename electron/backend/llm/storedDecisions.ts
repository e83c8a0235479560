import type { CodeDecision } from '../../../shared/contract/llm';

// How decisions are kept in the project (AI outputs, response cache). A codebook of
// 40 codes answers 40 rationales per segment, most for codes that do not apply; those
// rationales stay in the raw response, and the stored decision of an absent code keeps
// only its vote. This halves what a 100k-segment job writes.

type Stored = Partial<CodeDecision> & Pick<CodeDecision, 'code' | 'present'>;

export function packDecisions(ds: readonly CodeDecision[]): string {
  return JSON.stringify(
    ds.map((d): Stored =>
      d.present
        ? d
        : {
            code: d.code,
            present: false,
            voteShare: d.voteShare,
            votes: d.votes,
            samples: d.samples,
            confidence: d.confidence,
          },
    ),
  );
}

export function unpackDecisions(json: string): CodeDecision[] {
  return (JSON.parse(json) as Stored[]).map((d) => ({
    code: d.code,
    present: d.present,
    voteShare: d.voteShare ?? 0,
    votes: d.votes ?? 0,
    samples: d.samples ?? 0,
    confidence: d.confidence ?? null,
    rationale: d.rationale ?? '',
    evidence: d.evidence ?? '',
    evidenceFound: d.evidenceFound ?? null,
  }));
}
