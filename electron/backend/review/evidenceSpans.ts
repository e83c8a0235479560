/**
 * Where an AI's evidence quote sits in the segment, for highlighting: each part of the
 * quote (split at "…" / "..." where the model left words out) found in order, ignoring
 * case and surrounding quote marks. A quote the model paraphrased gives no span; the
 * `evidenceFound` flag (llm/evidenceMatch.ts, more lenient) is what the risk uses.
 */
export function evidenceSpans(evidence: string, text: string): { start: number; end: number }[] {
  const parts = evidence
    .split(/\.{3,}|…|\[\.\.\.\]/)
    .map((p) =>
      p
        .trim()
        .replace(/^["'\u201c\u201d\u2018\u2019\s]+|["'\u201c\u201d\u2018\u2019\s]+$/g, '')
        .replace(/[.,;:!?]+$/, ''),
    )
    .filter((p) => p.length > 0);
  if (!parts.length) return [];
  const hay = text.toLowerCase();
  const spans: { start: number; end: number }[] = [];
  let from = 0;
  for (const p of parts) {
    const at = hay.indexOf(p.toLowerCase(), from);
    if (at < 0) return [];
    spans.push({ start: at, end: at + p.length });
    from = at + p.length;
  }
  return spans;
}
