import type { ParsedDocument, TurnSpan } from './types';

// Formats without a text of their own (subtitles, a CSV of turns) are stored as a readable
// transcript, one `Speaker: content` paragraph per turn, so that they read, search and
// export like a typed transcript; the turn spans point at the content after the label.

export interface RenderableTurn {
  speaker: string | null;
  content: string;
  timeStart: number | null;
  timeEnd: number | null;
}

export function renderTurns(turns: readonly RenderableTurn[], warnings: string[] = []): ParsedDocument {
  const parts: string[] = [];
  const spans: TurnSpan[] = [];
  let length = 0;
  for (const turn of turns) {
    const content = turn.content.trim();
    if (content.length === 0) continue;
    if (parts.length > 0) {
      parts.push('\n\n');
      length += 2;
    }
    if (turn.speaker !== null) {
      const label = `${turn.speaker}: `;
      parts.push(label);
      length += label.length;
    }
    spans.push({
      speaker: turn.speaker,
      start: length,
      end: length + content.length,
      timeStart: turn.timeStart,
      timeEnd: turn.timeEnd,
    });
    parts.push(content);
    length += content.length;
  }
  return { text: parts.join(''), turns: spans, warnings };
}
