import { matchLabelLine, matchLeadingTime, matchTimeOnlyLine, type LabelLine } from './label-line';
import { acceptSpeakerLabels, isNameLike, speakerKey, speakerName } from './speaker-labels';
import { trimSpanEnd, trimSpanStart } from './trim-span';
import type { ParsedDocument, TurnSpan } from './types';

// Plain-text and Markdown transcripts: the text is stored exactly as given (line endings
// normalised), and turns are spans inside it. A turn runs from the content after its label
// to the last non-blank line before the next accepted label.

interface Line {
  start: number;
  end: number;
  /**
   * structural: a Markdown heading, rule or front matter, which ends any turn;
   * note: a Markdown line in italics (`*[recording paused]*`), never a turn of its own and
   * never the end of one; time: a timestamp alone, timing the turn that follows.
   */
  kind: 'text' | 'structural' | 'note' | 'time';
  time: number | null;
  candidate: LabelLine | null;
}

const MAX_LISTED = 5;

export function parseLabelledText(text: string, markdown: boolean): ParsedDocument {
  const lines = splitLines(text, markdown);
  const accepted = acceptSpeakerLabels(lines.flatMap((l) => (l.candidate ? [l.candidate.label] : [])));
  if (accepted.size === 0) return paragraphTurns(text, lines);

  const turns: TurnSpan[] = [];
  const preamble: number[] = []; // 1-based numbers of non-blank lines before the first label
  let orphans = 0; // non-blank lines after a Markdown heading and before the next label
  const rejected: string[] = [];
  let open: OpenTurn | null = null;
  let pendingTime: number | null = null;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const c = line.candidate;
    if (c && accepted.has(speakerKey(c.label))) {
      if (open) turns.push(closeTurn(open));
      const contentStart = line.start + c.contentStart;
      open = {
        speaker: speakerName(c.label),
        start: contentStart,
        end: trimSpanEnd(text, contentStart, line.end),
        timeStart: c.timeStart ?? pendingTime,
      };
      pendingTime = null;
      continue;
    }
    if (line.kind === 'structural') {
      if (open) turns.push(closeTurn(open));
      open = null;
      continue;
    }
    if (line.kind === 'time') pendingTime = line.time;
    if (line.kind !== 'text') continue;
    if (c && isNameLike(c.label) && rejected.length < MAX_LISTED)
      rejected.push(`"${c.label}:" (line ${i + 1})`);
    const first = trimSpanStart(text, line.start, line.end);
    if (first === line.end) continue; // a blank line belongs to whatever surrounds it
    if (open) {
      if (open.start === open.end) open.start = first; // the label stood alone on its line
      open.end = trimSpanEnd(text, first, line.end);
    } else if (turns.length === 0) preamble.push(i + 1);
    else orphans++;
  }
  if (open) turns.push(closeTurn(open));
  fillTimeEnds(turns);

  const warnings: string[] = [];
  if (preamble.length > 0) {
    warnings.push(
      `${describeLines(preamble)} before the first speaker label ${preamble.length === 1 ? 'is' : 'are'} kept in the text but not part of any turn`,
    );
  }
  if (orphans > 0)
    warnings.push(
      `${orphans} line(s) between a heading and the next speaker label are kept in the text but not part of any turn`,
    );
  if (rejected.length > 0)
    warnings.push(
      `treated as ordinary text, not as a speaker (the label occurs only once): ${rejected.join(', ')}`,
    );
  return { text, turns, warnings };
}

interface OpenTurn {
  speaker: string;
  start: number;
  end: number;
  timeStart: number | null;
}

const closeTurn = (t: OpenTurn): TurnSpan => ({
  speaker: t.speaker,
  start: t.start,
  end: t.end,
  timeStart: t.timeStart,
  timeEnd: null,
});

const HEADING = /^ {0,3}#{1,6}(?:\s|$)/;
const RULE = /^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const ITALIC_LINE = /^[ \t]*(?:\*(?!\*)[^*\n]+\*|_(?!_)[^_\n]+_)[ \t]*$/;

function splitLines(text: string, markdown: boolean): Line[] {
  const lines: Line[] = [];
  let frontMatter = markdown && text.startsWith('---\n');
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const raw = text.slice(start, end);
    let kind: Line['kind'] = 'text';
    if (frontMatter) {
      kind = 'structural';
      if (lines.length > 0 && /^(?:---|\.\.\.)\s*$/.test(raw)) frontMatter = false;
    } else if (markdown && (HEADING.test(raw) || RULE.test(raw))) kind = 'structural';
    else if (markdown && ITALIC_LINE.test(raw)) kind = 'note';
    const time = kind === 'text' ? matchTimeOnlyLine(raw) : null;
    if (time !== null) kind = 'time';
    const candidate = kind === 'text' ? matchLabelLine(raw, markdown) : null;
    lines.push({ start, end, kind, time, candidate });
    if (nl === -1) break;
    start = nl + 1;
  }
  return lines;
}

/** Without any speaker label, each blank-line-separated paragraph is a turn of nobody. */
function paragraphTurns(text: string, lines: Line[]): ParsedDocument {
  const turns: TurnSpan[] = [];
  let para: { start: number; end: number; time: number | null } | null = null;
  let pendingTime: number | null = null;
  const close = (): void => {
    if (para) turns.push(paragraphTurn(text, para.start, para.end, para.time));
    para = null;
  };
  for (const line of lines) {
    const first = trimSpanStart(text, line.start, line.end);
    if (line.kind !== 'text' || first === line.end) {
      close();
      if (line.kind === 'time') pendingTime = line.time;
      continue;
    }
    if (para) para.end = trimSpanEnd(text, first, line.end);
    else {
      para = { start: first, end: trimSpanEnd(text, first, line.end), time: pendingTime };
      pendingTime = null;
    }
  }
  close();
  fillTimeEnds(turns);
  const warnings =
    turns.length > 0 ? ['no speaker labels found: each paragraph is a turn without a speaker'] : [];
  return { text, turns, warnings };
}

function paragraphTurn(text: string, start: number, end: number, timeBefore: number | null): TurnSpan {
  const time = matchLeadingTime(text.slice(start, Math.min(end, start + 40)));
  if (!time) return { speaker: null, start, end, timeStart: timeBefore, timeEnd: null };
  const contentStart = trimSpanStart(text, start + time.end, end);
  return { speaker: null, start: contentStart, end, timeStart: time.seconds, timeEnd: null };
}

/** A turn ends when the next timed turn starts. */
function fillTimeEnds(turns: TurnSpan[]): void {
  for (let i = 0; i < turns.length - 1; i++) {
    const turn = turns[i];
    const next = turns[i + 1];
    if (turn && next) turn.timeEnd = next.timeStart;
  }
}

function describeLines(numbers: number[]): string {
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  return numbers.length === 1 ? `line ${first}` : `lines ${first}–${last}`;
}
