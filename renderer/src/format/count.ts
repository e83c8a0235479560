const numberFormat = new Intl.NumberFormat();

export const formatCount = (n: number) => numberFormat.format(n);

/** "1 segment", "2,400 words" */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : pluralForm}`;
}
