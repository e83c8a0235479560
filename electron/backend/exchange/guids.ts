import { createHash } from 'node:crypto';

// REFI-QDA GUIDs are UUIDs, written with or without braces and in either case
// (Project.xsd GUIDType). Concord stores them lower-case without braces.

const GUID_RE = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The canonical form of a REFI GUID, or null when it is not one. */
export function normalizeGuid(raw: string | undefined): string | null {
  const m = raw === undefined ? null : GUID_RE.exec(raw.trim());
  if (!m) return null;
  const braces = raw!.trim().startsWith('{');
  // "{…" without "}" (or the reverse) is not a GUID
  if (braces !== raw!.trim().endsWith('}')) return null;
  return m[1]!.toLowerCase();
}

/**
 * A name-based UUID (RFC 9562 version 5 layout over SHA-1), so an export of the same
 * project gives the same GUIDs for selections, codings, variables and cases: two exports
 * can be diffed, and a re-import matches what it imported before.
 */
export function stableGuid(...parts: (string | number)[]): string {
  const h = createHash('sha1')
    .update(`concord-refi\u0000${parts.join('\u0000')}`)
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
