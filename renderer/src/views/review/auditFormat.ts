/** Hashes are compared by eye: the first 8 hex digits tell configurations apart. */
export const shortHash = (hash: string | null): string => (hash ? hash.slice(0, 8) : '–');

/** A stored timestamp in the reader's locale; shown as stored when it does not parse. */
export function when(at: string): string {
  const d = new Date(at);
  return Number.isNaN(d.getTime()) ? at : d.toLocaleString();
}
