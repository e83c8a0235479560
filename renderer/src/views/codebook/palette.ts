import type { CodeView } from '../../../../shared/contract/codebook';

/** Code colours that stay distinct from each other and readable as chip text. */
export const CODE_PALETTE = [
  '#3454D1',
  '#1F77B4',
  '#0E8FA3',
  '#0F766E',
  '#2F8A3B',
  '#7A8A12',
  '#B88A00',
  '#D9730D',
  '#C2410C',
  '#B42318',
  '#C7254E',
  '#B33C8F',
  '#7C3AED',
  '#5B3FA8',
  '#8C564B',
  '#6B7280',
] as const;

/** A sub-code takes its parent's colour; a new family the first palette colour no family uses. */
export function colourForNewCode(codes: readonly CodeView[], parentKey: string | null): string {
  const parent = codes.find((c) => c.key === parentKey);
  if (parent) return parent.color.toUpperCase();
  const used = new Set(codes.filter((c) => c.parentKey === null).map((c) => c.color.toUpperCase()));
  return CODE_PALETTE.find((c) => !used.has(c)) ?? CODE_PALETTE[0];
}
