import { clockToSeconds } from './timestamps';
import { looksLikeSpeakerName } from './speaker-labels';

// Recognises the speaker-label shapes transcription tools and researchers write at the
// start of a line. Only the shape is checked here; whether a label is really a speaker is
// decided per document (speaker-labels.ts).

export interface LabelLine {
  label: string;
  /** index in the line where the utterance starts (after the label and its spaces) */
  contentStart: number;
  timeStart: number | null;
}

const TS = String.raw`\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
// `[00:01:02]`, `(00:01:02)`, or a bare `00:01:02` followed by a space; an optional dash
// after it (`00:01:02 - Name:`).
const LEADING_TIME = new RegExp(String.raw`^(?:\[(${TS})\]|\((${TS})\)|(${TS})(?=\s))[ \t]*(?:[-–—][ \t]+)?`);
// `Name:`, `Name (00:05):` (Rev), `Name [00:01:02]:`; the colon must end the label.
const PLAIN_LABEL = new RegExp(String.raw`^([^:：\n]{1,48}?)[ \t]*(?:[\[(](${TS})[\])][ \t]*)?[:：](?=\s|$)`);
// `Speaker 1  0:03` alone on a line, the utterance on the next lines (Otter.ai).
const LABEL_THEN_TIME = new RegExp(String.raw`^([^:：\n]{1,48}?)[ \t]+(${TS})[ \t]*$`);
// Markdown: `**Name:**`, `**Name**:`, `__Name:__`, `__Name__:`.
const BOLD_LABEL = /^(\*\*|__)[ \t]*/;
const BOLD_COLON_INSIDE = /^([^:：*_\n]{1,48}?)[ \t]*[:：][ \t]*(\*\*|__)(?=\s|$)/;
const BOLD_COLON_OUTSIDE = /^([^:：*_\n]{1,48}?)[ \t]*(\*\*|__)[ \t]*[:：](?=\s|$)/;
const MARKDOWN_PREFIX = /^(?:[-*+]|>)[ \t]+/;

/** A timestamp at the start of `line`: its seconds and where the rest of the line begins. */
export function matchLeadingTime(line: string): { seconds: number; end: number } | null {
  const m = LEADING_TIME.exec(line);
  if (!m) return null;
  const seconds = clockToSeconds(m[1] ?? m[2] ?? m[3] ?? '');
  return seconds === null ? null : { seconds, end: m[0].length };
}

const TIME_ONLY = new RegExp(String.raw`^[ \t]*(?:\[(${TS})\]|\((${TS})\)|(${TS}))[ \t]*$`);

/** Seconds of a line that holds nothing but a timestamp (written before the turn it times). */
export function matchTimeOnlyLine(line: string): number | null {
  const m = TIME_ONLY.exec(line);
  return m ? clockToSeconds(m[1] ?? m[2] ?? m[3] ?? '') : null;
}

const skipBlanks = (s: string, i: number): number => {
  while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  return i;
};

export function matchLabelLine(line: string, markdown: boolean): LabelLine | null {
  let pos = skipBlanks(line, 0);
  if (markdown) {
    const prefix = MARKDOWN_PREFIX.exec(line.slice(pos));
    if (prefix) pos += prefix[0].length;
  }
  let timeStart: number | null = null;
  const lead = matchLeadingTime(line.slice(pos));
  if (lead) {
    timeStart = lead.seconds;
    pos += lead.end;
  }
  const rest = line.slice(pos);

  if (markdown) {
    const open = BOLD_LABEL.exec(rest);
    if (open) {
      let inner = rest.slice(open[0].length);
      let innerPos = pos + open[0].length;
      const innerTime = matchLeadingTime(inner);
      if (innerTime) {
        timeStart ??= innerTime.seconds;
        inner = inner.slice(innerTime.end);
        innerPos += innerTime.end;
      }
      const bold = BOLD_COLON_INSIDE.exec(inner) ?? BOLD_COLON_OUTSIDE.exec(inner);
      if (bold && bold[2] === open[1])
        return labelAt(line, bold[1] ?? '', innerPos + bold[0].length, timeStart);
    }
  }

  const plain = PLAIN_LABEL.exec(rest);
  if (plain) {
    const time = plain[2] === undefined ? null : clockToSeconds(plain[2]);
    return labelAt(line, plain[1] ?? '', pos + plain[0].length, timeStart ?? time);
  }
  const otter = LABEL_THEN_TIME.exec(rest);
  if (otter && timeStart === null) {
    return labelAt(line, otter[1] ?? '', line.length, clockToSeconds(otter[2] ?? ''));
  }
  return null;
}

function labelAt(line: string, rawLabel: string, after: number, timeStart: number | null): LabelLine | null {
  const label = rawLabel.trim();
  if (!looksLikeSpeakerName(label)) return null;
  return { label, contentStart: skipBlanks(line, after), timeStart };
}
