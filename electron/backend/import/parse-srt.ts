import { captionTurns, plainCaptionText, type CuePiece } from './caption-turns';
import { renderTurns } from './render-turns';
import { clockToSeconds } from './timestamps';
import { ImportFileError, type ParsedDocument } from './types';

// SubRip: `1` / `00:00:01,000 --> 00:00:04,000` / text lines. Real files drop the blank
// line between cues, renumber badly or keep blank lines inside a cue, so cues are found by
// their timing lines and a cue's text runs to the next cue's number (or timing) line.

const TIMING =
  /^[ \t]*(\d{1,3}:\d{2}:\d{2}(?:[.,]\d{1,3})?)[ \t]*-->[ \t]*(\d{1,3}:\d{2}:\d{2}(?:[.,]\d{1,3})?)/;

export function parseSrt(text: string): ParsedDocument {
  const lines = text.split('\n');
  const timingLines: number[] = [];
  lines.forEach((line, i) => {
    if (TIMING.test(line)) timingLines.push(i);
  });
  if (timingLines.length === 0) throw new ImportFileError('no cues found (not an SRT subtitle file)');

  const pieces: CuePiece[] = [];
  timingLines.forEach((at, k) => {
    const timing = TIMING.exec(lines[at] ?? '');
    const timeStart = clockToSeconds(timing?.[1] ?? '');
    const timeEnd = clockToSeconds(timing?.[2] ?? '');
    let stop = timingLines[k + 1] ?? lines.length;
    if (stop < lines.length && stop > at + 1 && /^\s*\d+\s*$/.test(lines[stop - 1] ?? '')) stop--; // the next cue's number
    for (const line of lines.slice(at + 1, stop)) {
      const piece = plainCaptionText(line);
      if (piece.length > 0) pieces.push({ voice: null, text: piece, timeStart, timeEnd });
    }
  });
  const warnings = lines.slice(0, timingLines[0]).some((l) => l.trim().length > 0 && !/^\s*\d+\s*$/.test(l))
    ? ['text before the first cue skipped']
    : [];
  return renderTurns(captionTurns(pieces), warnings);
}
