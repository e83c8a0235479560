import { UserError } from '../errors';

/**
 * Keyset paging: a cursor is the sort key of the last item shown (risk or audit rank,
 * then id), so the next page starts right after it with an index seek however deep
 * the reviewer has gone, and items decided meanwhile never shift the pages.
 */
export interface QueueCursor {
  queue: 'risk' | 'audit';
  key: number | null;
  id: number;
}

export const encodeCursor = (c: QueueCursor): string =>
  Buffer.from(JSON.stringify([c.queue, c.key, c.id])).toString('base64url');

export function decodeCursor(text: string, queue: 'risk' | 'audit'): QueueCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    (parsed[1] !== null && typeof parsed[1] !== 'number') ||
    !Number.isSafeInteger(parsed[2])
  ) {
    throw new UserError('the queue cursor is not valid (start again from the first page)', 'bad_input');
  }
  if (parsed[0] !== queue)
    throw new UserError(
      `the cursor belongs to the ${String(parsed[0])} queue, not the ${queue} queue`,
      'bad_input',
    );
  return { queue, key: parsed[1] as number | null, id: parsed[2] as number };
}
