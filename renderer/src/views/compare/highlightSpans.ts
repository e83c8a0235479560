// Splits an excerpt into plain and highlighted runs. Evidence spans of several coders
// may overlap; overlapping or touching spans merge into one highlight.

export interface TextRun {
  text: string;
  highlighted: boolean;
}

export function highlightRuns(text: string, spans: readonly { start: number; end: number }[]): TextRun[] {
  const merged: { start: number; end: number }[] = [];
  for (const s of [...spans].sort((x, y) => x.start - y.start)) {
    const start = Math.max(0, Math.min(text.length, s.start));
    const end = Math.max(start, Math.min(text.length, s.end));
    if (start === end) continue;
    const last = merged.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else merged.push({ start, end });
  }
  const runs: TextRun[] = [];
  let at = 0;
  for (const m of merged) {
    if (m.start > at) runs.push({ text: text.slice(at, m.start), highlighted: false });
    runs.push({ text: text.slice(m.start, m.end), highlighted: true });
    at = m.end;
  }
  if (at < text.length) runs.push({ text: text.slice(at), highlighted: false });
  return runs;
}
