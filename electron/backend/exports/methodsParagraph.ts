// The methods paragraph for a report (DESIGN §1.8): what was coded, by whom and how,
// and how groups were compared, from facts gathered elsewhere. Pure: facts in, text out.
// A missing fact (no agreement report yet, no review) leaves its sentence out rather
// than inventing a number.

export interface AiCoderFacts {
  name: string;
  model: string | null;
  promptHashes: string[];
  temperature: number | null;
  samples: number | null;
  labels: number;
}

export interface MethodsFacts {
  documents: number;
  segments: number;
  words: number;
  humanCoders: { name: string; labels: number }[];
  aiCoders: AiCoderFacts[];
  codebook: { version: number; name: string; codes: number } | null;
  /** e.g. "Cohen's κ = 0.78 (95% CI 0.71–0.84) between the AI coder and the human consensus"; seam for the agreement report */
  agreement: string[];
  /** share of AI labels a person reviewed, with counts; seam for the review queue */
  review: { reviewed: number; aiLabels: number } | null;
  comparison: {
    by: string;
    a: string;
    b: string;
    level: string;
    source: string;
    documentsA: number;
    documentsB: number;
    schoolsA: number;
    schoolsB: number;
    codes: number;
    methods: string;
    inferenceNote: string;
  } | null;
}

const n = (x: number) => x.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;
const LEVEL_WORDS: Record<string, string> = {
  segment: 'segment',
  document: 'interview (document)',
  school: 'school',
};

function listJoin(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function aiCoderText(c: AiCoderFacts): string {
  const parts = [
    c.model ? `model ${c.model}` : null,
    c.temperature !== null ? `temperature ${c.temperature}` : null,
  ];
  if (c.samples !== null && c.samples > 1) parts.push(`${c.samples} samples per segment with majority vote`);
  if (c.promptHashes.length)
    parts.push(`prompt hash ${c.promptHashes.map((h) => h.slice(0, 12)).join(', ')}`);
  const detail = parts.filter(Boolean).join(', ');
  return `"${c.name}"${detail ? ` (${detail})` : ''}`;
}

export function methodsParagraph(f: MethodsFacts): string {
  const out: string[] = [];
  out.push(
    `The corpus comprised ${plural(f.documents, 'interview transcript')} (${plural(f.segments, 'segment')}, ${plural(f.words, 'word')}), segmented into speaker turns (long turns split at sentence boundaries).`,
  );
  if (f.codebook) {
    out.push(
      `Coding used version ${f.codebook.version} of the codebook "${f.codebook.name}" (${plural(f.codebook.codes, 'code')}).`,
    );
  }
  const coders: string[] = [];
  if (f.humanCoders.length)
    coders.push(
      `${plural(f.humanCoders.length, 'human coder')} (${plural(
        f.humanCoders.reduce((s, c) => s + c.labels, 0),
        'label',
      )})`,
    );
  if (f.aiCoders.length) {
    coders.push(
      `${plural(f.aiCoders.length, 'AI coder configuration')}: ${listJoin(f.aiCoders.map(aiCoderText))} (${plural(
        f.aiCoders.reduce((s, c) => s + c.labels, 0),
        'label',
      )})`,
    );
  }
  if (coders.length) out.push(`Labels were applied by ${listJoin(coders)}.`);
  if (f.agreement.length) out.push(`Agreement: ${f.agreement.join('; ')}.`);
  if (f.review && f.review.aiLabels > 0) {
    const share = (100 * f.review.reviewed) / f.review.aiLabels;
    out.push(
      `${n(f.review.reviewed)} of ${n(f.review.aiLabels)} AI labels (${share.toFixed(1)}%) were reviewed by a person.`,
    );
  }
  const c = f.comparison;
  if (c) {
    out.push(
      `Code frequencies were compared between ${c.by} = "${c.a}" (${plural(c.documentsA, 'interview')}, ${plural(c.schoolsA, 'school')}) and ` +
        `"${c.b}" (${plural(c.documentsB, 'interview')}, ${plural(c.schoolsB, 'school')}) at the ${LEVEL_WORDS[c.level] ?? c.level} level, ` +
        `counting a unit as having a code when ${c.source === 'human' ? 'any human coder' : c.source === 'ai' ? 'any AI coder' : 'any coder'} applied it, for ${plural(c.codes, 'code')}.`,
    );
    out.push(c.methods);
    out.push(c.inferenceNote);
  }
  return out.join(' ');
}
