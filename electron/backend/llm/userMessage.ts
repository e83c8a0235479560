// The user message: the segment and its neighbouring turns, last in the prompt. The
// transcript goes in as JSON so no text inside it (a fake closing tag, "ignore the
// instructions above") can break out of its place as data. Document names and
// attributes are left out on purpose: coding must not see which group a school is in.

export interface Turn {
  speaker: string | null;
  text: string;
}

/** Bump when the message layout changes: it is part of the config and prompt hashes. */
export const USER_FORMAT_VERSION = 'user-json-v1';

export const USER_PREAMBLE =
  'Code the "segment" of this transcript excerpt. "before" and "after" are context only.';

export function renderUserMessage(segment: Turn, before: readonly Turn[], after: readonly Turn[]): string {
  const turn = (t: Turn) => ({ speaker: t.speaker ?? '', text: t.text });
  const body = { before: before.map(turn), segment: turn(segment), after: after.map(turn) };
  return `${USER_PREAMBLE}\n${JSON.stringify(body)}`;
}
