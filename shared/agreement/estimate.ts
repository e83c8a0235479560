// A statistic that may be undefined. DESIGN §4: undefined values are `null`, never NaN,
// and callers (the text report, the UI) can say why.

export type Estimate =
  { readonly value: number; readonly reason: null } | { readonly value: null; readonly reason: string };

export const estimate = (value: number): Estimate => ({ value, reason: null });

export const undefinedBecause = (reason: string): Estimate => ({ value: null, reason });

/** (observed − chance) / (1 − chance), the common form of κ, AC1, Brennan–Prediger (Gwet 2014, ch. 2). */
export function chanceCorrected(observed: Estimate, chance: number, reasonWhenChanceIsOne: string): Estimate {
  if (observed.value === null) return observed;
  const room = 1 - chance;
  if (room === 0) return undefinedBecause(reasonWhenChanceIsOne);
  return estimate((observed.value - chance) / room);
}
