export interface ExistingAttribute {
  name: string;
  original: string;
  value: string;
  removed: boolean;
}

export interface NewAttribute {
  key: number;
  name: string;
  value: string;
}

/**
 * The edit as `documents.setAttributes` wants it (null removes), or the first thing
 * wrong with it in words a user can act on.
 */
export function attributeChanges(
  existing: ExistingAttribute[],
  added: NewAttribute[],
): { changes: Record<string, string | null> } | { error: string } {
  const changes: Record<string, string | null> = {};
  for (const a of existing) {
    if (a.removed) changes[a.name] = null;
    else if (a.value.trim() === '') return { error: `“${a.name}” needs a value (or remove it).` };
    else if (a.value.trim() !== a.original) changes[a.name] = a.value.trim();
  }
  const taken = new Set(existing.filter((a) => !a.removed).map((a) => a.name.toLowerCase()));
  for (const n of added) {
    const name = n.name.trim();
    const value = n.value.trim();
    if (!name && !value) continue;
    if (!name) return { error: `Give the new attribute with value “${value}” a name.` };
    if (!value) return { error: `“${name}” needs a value.` };
    if (taken.has(name.toLowerCase())) return { error: `This document already has an attribute “${name}”.` };
    taken.add(name.toLowerCase());
    changes[name] = value;
  }
  return { changes };
}
