import { describe, expect, it } from 'vitest';
import { classificationAgainstReference } from '../../shared/agreement/classification';
import { positiveAgreement } from '../../shared/agreement/specificAgreement';
import { unitTableFromRatings } from '../../shared/agreement/unitTable';

describe('one coder against a reference', () => {
  it('Wikipedia, "Precision and recall" example: 12 dogs and 10 cats, 8 "dog" calls of which 5 right → precision 5/8, recall 5/12', () => {
    const reference = [...Array(12).fill(1), ...Array(10).fill(0)] as (0 | 1)[];
    // 5 dogs called dog, 7 dogs missed, 3 cats called dog, 7 cats right
    const predicted = [
      ...Array(5).fill(1),
      ...Array(7).fill(0),
      ...Array(3).fill(1),
      ...Array(7).fill(0),
    ] as (0 | 1)[];
    const c = classificationAgainstReference(predicted, reference);
    expect([c.truePositives, c.falsePositives, c.falseNegatives, c.trueNegatives, c.units]).toEqual([
      5, 3, 7, 7, 22,
    ]);
    expect(c.precision.value).toBeCloseTo(5 / 8, 12);
    expect(c.recall.value).toBeCloseTo(5 / 12, 12);
    // F1 = 2PR/(P+R) = 2·5/(2·5 + 3 + 7) = 1/2
    expect(c.f1.value).toBeCloseTo(0.5, 12);
  });

  it('skips units either side did not rate; F1 equals two-coder positive agreement', () => {
    const predicted = [1, 1, 0, null, 1, 0] as const;
    const reference = [1, 0, 1, 1, null, 0] as const;
    const c = classificationAgainstReference([...predicted], [...reference]);
    expect(c.units).toBe(4);
    const pa = positiveAgreement(unitTableFromRatings(predicted.map((p, i) => [p, reference[i]!])));
    expect(c.f1.value).toBeCloseTo(pa.value!, 12);
  });

  it('null with reasons when a side never applies the code', () => {
    const c = classificationAgainstReference([0, 0], [0, 0]);
    expect(c.precision).toEqual({ value: null, reason: 'the coder never applied the code' });
    expect(c.recall.value).toBeNull();
    expect(c.f1.value).toBeNull();
    expect(() => classificationAgainstReference([1], [])).toThrow(RangeError);
  });
});
