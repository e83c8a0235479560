import { captionTurns, plainCaptionText, type CuePiece } from './caption-turns';
import { renderTurns } from './render-turns';
import { clockToSeconds } from './timestamps';
import { ImportFileError, type ParsedDocument } from './types';

// WebVTT as written by Zoom, Teams, Otter and caption editors: a `WEBVTT` header, blocks
// separated by blank lines, cues with an optional id line and a `start --> end` line.
// https://www.w3.org/TR/webvtt1/

const TIMING = /^[ \t]*(\S+)[ \t]+-->[ \t]+(\S+)/;
const SKIPPED_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/;
// `<v Name>`, `<v.loud Name>`, `</v>`; a voice span lasts until `</v>` or the cue's end.
const VOICE = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>|<\/v>/g;

export function parseWebVtt(text: string): ParsedDocument {
  const warnings: string[] = [];
  const blocks = text
    .split(/\n[ \t]*\n/)
    .map((b) => b.replace(/^\n+/, ''))
    .filter((b) => b.trim().length > 0);
  const header = blocks[0] ?? '';
  if (/^WEBVTT(?:[ \t\n]|$)/.test(header)) {
    blocks.shift();
    // A cue written right under the header, without the blank line, is still a cue.
    const lines = header.split('\n');
    const timing = lines.findIndex((l) => l.includes('-->'));
    if (timing > 0) blocks.unshift(lines.slice(Math.max(1, timing - 1)).join('\n'));
  } else warnings.push('no WEBVTT header: read as WebVTT anyway');

  const pieces: CuePiece[] = [];
  let untimed = 0;
  for (const block of blocks) {
    const lines = block.split('\n');
    const first = lines[0] ?? '';
    if (SKIPPED_BLOCK.test(first) && !first.includes('-->')) continue;
    const timingAt = lines.findIndex((l) => l.includes('-->'));
    const timing = timingAt >= 0 && timingAt <= 1 ? TIMING.exec(lines[timingAt] ?? '') : null;
    if (!timing) {
      untimed++;
      continue;
    }
    const timeStart = clockToSeconds(timing[1] ?? '');
    const timeEnd = clockToSeconds(timing[2] ?? '');
    pieces.push(...voicePieces(lines.slice(timingAt + 1), timeStart, timeEnd));
  }
  if (pieces.length === 0) throw new ImportFileError('no cues found (not a WebVTT subtitle file)');
  if (untimed > 0) warnings.push(`${untimed} block(s) without a "-->" timing line skipped`);
  return renderTurns(captionTurns(pieces), warnings);
}

function voicePieces(payload: string[], timeStart: number | null, timeEnd: number | null): CuePiece[] {
  const pieces: CuePiece[] = [];
  let voice: string | null = null;
  const push = (markup: string): void => {
    const piece = plainCaptionText(markup);
    if (piece.length > 0) pieces.push({ voice, text: piece, timeStart, timeEnd });
  };
  for (const line of payload) {
    let from = 0;
    for (const tag of line.matchAll(VOICE)) {
      push(line.slice(from, tag.index));
      from = tag.index + tag[0].length;
      const name = tag[0] === '</v>' ? '' : (tag[1] ?? '').trim();
      voice = name.length > 0 ? name : null;
    }
    push(line.slice(from));
  }
  return pieces;
}
