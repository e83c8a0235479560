// Is a quoted piece of evidence really in the segment? Models tidy quotes (curly vs
// straight quotes, spacing, case, "…" for left-out words), so both sides are
// normalised and an ellipsis splits the quote into parts that must appear in order.

const normalise = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();

const trimQuoteMarks = (s: string) => s.replace(/^["'\s]+|["'\s]+$/g, '');

export function evidenceInSegment(evidence: string, segment: string): boolean {
  const hay = normalise(segment);
  const parts = normalise(evidence)
    .split(/\.{3,}|…|\[\.\.\.\]/)
    .map((p) =>
      trimQuoteMarks(p)
        .replace(/^[.,;:!?]+|[.,;:!?]+$/g, '')
        .trim(),
    )
    .filter((p) => p.length > 0);
  if (parts.length === 0) return false;
  let from = 0;
  for (const p of parts) {
    const at = hay.indexOf(p, from);
    if (at < 0) return false;
    from = at + p.length;
  }
  return true;
}
