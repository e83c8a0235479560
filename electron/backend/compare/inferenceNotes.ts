import type { CompareLevel } from '../../../shared/contract/compare';
import type { GroupTotals } from './countCodes';

// The tests behind every row assume independent units. Segments are nested in
// interviews and interviews in schools, so the level at which the groups were formed
// decides which counts may carry a p-value: these texts say so in the result itself.

export const METHODS_TEXT =
  'Two-sided Fisher exact test per code (as R fisher.test), Benjamini–Hochberg q-values across all codes in the table ' +
  '(as R p.adjust "BH", codes never applied included with p = 1), risk ratio a/b with a Katz log 95% CI ' +
  '(Haldane–Anscombe ½ correction for the upper limit when group a has no occurrence), and the difference of ' +
  'proportions a − b with a Newcombe hybrid-score 95% CI.';

export interface InferenceAdvice {
  recommended_level: CompareLevel;
  note: string;
}

/**
 * `byIsSchoolLevel`: every school's documents fall in one group (e.g. bright vs partner
 * is a property of the school), so schools, not interviews, were sampled into groups.
 */
export function inferenceAdvice(
  by: string,
  byIsSchoolLevel: boolean,
  schoolAttribute: string,
): InferenceAdvice {
  if (byIsSchoolLevel) {
    return {
      recommended_level: 'school',
      note:
        `"${by}" is a property of the ${schoolAttribute}: schools were assigned to the groups, and interviews from one school ` +
        'share its context, so they are not independent. The school level treats each school as one unit and is the honest ' +
        'basis for a p-value; the document (interview) level is the usual compromise when there are few schools. ' +
        'Segment-level figures are descriptive only: segments within an interview are not independent.',
    };
  }
  return {
    recommended_level: 'document',
    note:
      `"${by}" varies within schools, so the interview is the natural unit: the document level asks whether an interview ` +
      'mentions the code at least once. Segment-level figures are descriptive only: segments within an interview are not ' +
      'independent (one talkative interview can fill a whole group), which makes segment-level p-values too small.',
  };
}

const LEVEL_UNITS = { segment: 'segments', document: 'documents', school: 'schools' } as const;

export function cautionNotes(opts: {
  level: CompareLevel;
  a: string;
  b: string;
  totals: GroupTotals;
  advice: InferenceAdvice;
  documentsWithoutSchool: number;
  schoolsInBothGroups: number;
  labelsKept: number;
}): string[] {
  const { level, a, b, totals } = opts;
  const notes: string[] = [];
  const key = LEVEL_UNITS[level];
  if (level === 'segment') {
    notes.push(
      `Segment level: the ${totals.segments[0] + totals.segments[1]} segments come from ${totals.documents[0] + totals.documents[1]} interviews ` +
        `and are not independent, so p-values, q-values and CIs here overstate the evidence; use the ${opts.advice.recommended_level} level for inference.`,
    );
  } else if (level === 'document' && opts.advice.recommended_level === 'school') {
    notes.push(
      `Document level: the ${totals.documents[0] + totals.documents[1]} interviews come from ${totals.schools[0] + totals.schools[1]} schools; ` +
        'interviews of one school are not independent, so read p-values with care (the school level is stricter).',
    );
  }
  for (const [name, n] of [
    [a, totals[key][0]],
    [b, totals[key][1]],
  ] as const) {
    if (n < 5)
      notes.push(
        `Group "${name}" has only ${n} ${key}: tests have little power; read the counts rather than the p-values.`,
      );
  }
  if (level === 'school' && opts.documentsWithoutSchool > 0) {
    notes.push(
      `${opts.documentsWithoutSchool} compared documents have no school attribute; each counts as a school of its own.`,
    );
  }
  if (level === 'school' && opts.schoolsInBothGroups > 0) {
    notes.push(
      `${opts.schoolsInBothGroups} schools have documents in both groups, so the two groups are not independent at the school level.`,
    );
  }
  if (opts.labelsKept === 0)
    notes.push('No labels of the chosen source in the compared documents: every count is 0.');
  return notes;
}
