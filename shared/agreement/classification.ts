// One coder judged against a reference (e.g. the AI coder against the human consensus):
// the confusion counts and precision / recall / F1 for "code applied" (van Rijsbergen
// 1979, Information Retrieval, ch. 7). F1 = 2TP/(2TP+FP+FN) is the harmonic mean of
// precision and recall and equals two-coder positive agreement.

import { type Estimate, estimate, undefinedBecause } from './estimate';
import type { BinaryRating } from './prevalence';

export interface Classification {
  /** units rated by both the coder and the reference */
  units: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: Estimate;
  recall: Estimate;
  f1: Estimate;
}

export function classificationAgainstReference(
  predicted: ReadonlyArray<BinaryRating>,
  reference: ReadonlyArray<BinaryRating>,
): Classification {
  if (predicted.length !== reference.length)
    throw new RangeError(`predicted has ${predicted.length} units, reference ${reference.length}`);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  predicted.forEach((p, i) => {
    const r = reference[i];
    if (p === null || p === undefined || r === null || r === undefined) return;
    if (p === 1 && r === 1) tp++;
    else if (p === 1) fp++;
    else if (r === 1) fn++;
    else tn++;
  });
  return {
    units: tp + fp + fn + tn,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision:
      tp + fp === 0 ? undefinedBecause('the coder never applied the code') : estimate(tp / (tp + fp)),
    recall:
      tp + fn === 0 ? undefinedBecause('the reference never applies the code') : estimate(tp / (tp + fn)),
    f1:
      2 * tp + fp + fn === 0
        ? undefinedBecause('neither applies the code')
        : estimate((2 * tp) / (2 * tp + fp + fn)),
  };
}
