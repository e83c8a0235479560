import {
  type Classification,
  classificationAgainstReference,
} from '../../../shared/agreement/classification';
import type { BinaryRating } from '../../../shared/agreement/prevalence';
import type { AgreementEntryView, CoderRole } from '../../../shared/contract/calibration';
import type { z } from 'zod';
import type { AiVsReferenceSchema } from '../../../shared/contract/calibration';
import { ratingsOf } from './cubeRatings';
import { MISSING, type RatingCube } from './ratingCube';

const DISAGREE = -2;

// Each AI coder against the human gold standard (DESIGN §1.5): precision, recall and F1
// for "code applied", with the confusion counts. The reference is the consensus coder
// when the report has one; else the only human; else, with several humans and no
// consensus yet, the units where the humans all agree (units they disagree on are left
// out and counted — they are exactly what adjudication resolves).

type AiVsReference = z.infer<typeof AiVsReferenceSchema>;
type Row = AiVsReference['overall'];

export type Reference =
  { kind: 'consensus' | 'human'; coder: number } | { kind: 'human_agreement'; coders: number[] };

export function chooseReference(roles: readonly CoderRole[]): Reference | null {
  const consensus = roles.indexOf('consensus');
  if (consensus >= 0) return { kind: 'consensus', coder: consensus };
  const humans = roles.flatMap((r, i) => (r === 'human' ? [i] : []));
  if (humans.length === 1) return { kind: 'human', coder: humans[0]! };
  if (humans.length > 1) return { kind: 'human_agreement', coders: humans };
  return null;
}

/** The humans' common value where all who rated agree; null where they disagree or none rated. */
function agreedValues(
  cube: RatingCube,
  coders: number[],
  code: number,
): { values: BinaryRating[]; disagreements: number } {
  const U = cube.unitIds.length;
  const K = cube.codes.length;
  const values = new Array<BinaryRating>(U);
  let disagreements = 0;
  for (let u = 0; u < U; u++) {
    let agreed = MISSING;
    for (const c of coders) {
      const v = cube.values[(c * K + code) * U + u]!;
      if (v === MISSING) continue;
      if (agreed === MISSING) agreed = v;
      else if (agreed !== v) {
        agreed = DISAGREE;
        disagreements++;
        break;
      }
    }
    values[u] = agreed === MISSING || agreed === DISAGREE ? null : (agreed as 0 | 1);
  }
  return { values, disagreements };
}

function row(
  c: Classification,
  f1Ci: [number, number] | null,
  code?: { code: string; code_id: string },
): Row {
  const reasons: Record<string, string> = {};
  for (const m of ['precision', 'recall', 'f1'] as const) if (c[m].value === null) reasons[m] = c[m].reason!;
  return {
    ...(code ?? {}),
    units: c.units,
    true_positives: c.truePositives,
    false_positives: c.falsePositives,
    false_negatives: c.falseNegatives,
    true_negatives: c.trueNegatives,
    precision: c.precision.value,
    recall: c.recall.value,
    f1: c.f1.value,
    f1_ci95: c.f1.value === null ? null : f1Ci,
    reasons,
  };
}

/**
 * `pairEntries(a, b)` gives the two-coder report of coders a and b (for F1's interval:
 * F1 against a reference coder is their positive agreement on the same units).
 */
export function aiVsReference(
  cube: RatingCube,
  roles: readonly CoderRole[],
  pairEntries: (a: number, b: number) => { codes: AgreementEntryView[]; overall: AgreementEntryView } | null,
): AiVsReference[] {
  const reference = chooseReference(roles);
  if (!reference) return [];
  const references = cube.codes.map((_c, k) =>
    reference.kind === 'human_agreement'
      ? agreedValues(cube, reference.coders, k)
      : { values: ratingsOf(cube, reference.coder, k), disagreements: 0 },
  );
  const refCoders = reference.kind === 'human_agreement' ? reference.coders : [reference.coder];
  return roles.flatMap((role, a) => {
    if (role !== 'ai') return [];
    const pair = reference.kind === 'human_agreement' ? null : pairEntries(a, reference.coder);
    const U = cube.unitIds.length;
    // every (unit, code) decision, for the pooled row
    const allPredicted = new Array<BinaryRating>(U * cube.codes.length);
    const allReference = new Array<BinaryRating>(U * cube.codes.length);
    const codes = cube.codes.map((code, k) => {
      const predicted = ratingsOf(cube, a, k);
      const ref = references[k]!.values;
      for (let u = 0; u < U; u++) {
        allPredicted[k * U + u] = predicted[u];
        allReference[k * U + u] = ref[u];
      }
      const ci = pair?.codes[k]?.ci95?.positive_agreement ?? null;
      return row(classificationAgainstReference(predicted, ref), ci, { code: code.name, code_id: code.key });
    });
    return [
      {
        coder: cube.coders[a]!.name,
        reference: { kind: reference.kind, coders: refCoders.map((c) => cube.coders[c]!.name) },
        excluded_units: references.reduce((s, r) => s + r.disagreements, 0),
        codes,
        overall: row(
          classificationAgainstReference(allPredicted, allReference),
          pair?.overall.ci95?.positive_agreement ?? null,
        ),
      },
    ];
  });
}
