/**
 * Keys are a code's identity across versions (labels and analyses follow them), so a
 * new code never reuses a key any version of the project has used.
 */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'code';
}

/** A key derived from the name, unique against `taken` (which it extends). */
export function claimKey(name: string, taken: Set<string>): string {
  const base = slugify(name);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}
