// Distinct, muted hues that stay readable as bold text on white (WCAG AA at 14px bold).
const PALETTE = [
  '#b4235a',
  '#0f7b7a',
  '#7a3fb0',
  '#a8520f',
  '#2d5fb8',
  '#2f7d32',
  '#a3307f',
  '#6b7a12',
  '#c0392b',
  '#3b6e8f',
];
const INTERVIEWER = '#5b6472';
const INTERVIEWER_NAMES = /^(interviewer|moderator|facilitator|researcher|int|i|q)\b/i;

export const isInterviewer = (speaker: string) => INTERVIEWER_NAMES.test(speaker.trim());

/**
 * Colours for the speakers of one transcript, in order of first appearance, so the
 * people in a conversation never share a colour and a document always looks the same.
 * Interviewers stay grey so the respondents stand out.
 */
export function speakerColors(speakers: Iterable<string | null>): Map<string, string> {
  const colors = new Map<string, string>();
  let next = 0;
  for (const s of speakers) {
    if (s === null || colors.has(s)) continue;
    colors.set(s, isInterviewer(s) ? INTERVIEWER : PALETTE[next++ % PALETTE.length]!);
  }
  return colors;
}

export const NO_SPEAKER_COLOR = '#c4c9d2';
