/** Attributes the study design revolves around come first, the rest alphabetically. */
const PREFERRED = ['group', 'role', 'school', 'district', 'language', 'pair', 'date'];

export function compareAttributeNames(a: string, b: string): number {
  const ia = PREFERRED.indexOf(a.toLowerCase());
  const ib = PREFERRED.indexOf(b.toLowerCase());
  if (ia !== ib) return (ia < 0 ? PREFERRED.length : ia) - (ib < 0 ? PREFERRED.length : ib);
  return a.localeCompare(b);
}

/** The attributes shown as tags on each document row. */
export const ROW_TAGS = ['group', 'role', 'school'];

export function attributeLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1).replace(/[_-]+/g, ' ');
}
