import { z } from 'zod';
import { evidenceInSegment } from './evidenceMatch';

/**
 * The answer as validated (the code enum is checked separately, against the call's
 * codes); answerSchema.ts asks for the same shape as a JSON schema.
 */
const AnswerSchema = z.object({
  decisions: z.array(
    z.object({
      code: z.string(),
      rationale: z.string(),
      present: z.boolean(),
      evidence: z.string(),
      confidence: z.number().min(0).max(1),
    }),
  ),
});

/** One sample's decision on one code, after validation. */
export interface SampleDecision {
  code: string;
  present: boolean;
  rationale: string;
  evidence: string;
  confidence: number;
  /** null when there is no quote to check (an absent code) */
  evidenceFound: boolean | null;
}

export type InvalidKind =
  'empty' | 'truncated' | 'malformed' | 'schema' | 'unknown_code' | 'missing_code' | 'duplicate_code';

export type Validated =
  { ok: true; decisions: SampleDecision[] } | { ok: false; kind: InvalidKind; message: string };

/**
 * The first JSON object in a model's text: the whole text, or a fenced block, or the
 * span from the first "{" to its matching "}". Plain-text answers from servers without
 * JSON modes often wrap the object in prose or a ``` fence.
 */
export function extractJsonObject(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return trimmed;
  const fence = /```(?:json)?\s*([\s\S]*?)```/i.exec(trimmed);
  if (fence?.[1]?.trim().startsWith('{')) return fence[1].trim();
  const start = trimmed.indexOf('{');
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < trimmed.length; i++) {
    const ch = trimmed[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return trimmed.slice(start, i + 1);
  }
  return trimmed.slice(start);
}

const describe = (issues: { path: PropertyKey[]; message: string }[]) =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
    .join('; ');

/**
 * Validates one answer against the codes it had to decide. Any code id outside them
 * refuses the whole answer (a prompt injection or a confused model must never create
 * a label); so does a missing or repeated code. A quote that is not in the segment is
 * kept but flagged, for the review queue.
 */
export function validateAnswer(
  content: string | null | undefined,
  callCodes: readonly string[],
  segmentText: string,
): Validated {
  if (!content || !content.trim()) return { ok: false, kind: 'empty', message: 'the answer was empty' };
  const json = extractJsonObject(content);
  if (json === null) return { ok: false, kind: 'malformed', message: 'the answer holds no JSON object' };
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return {
      ok: false,
      kind: 'malformed',
      message: `the answer is not valid JSON (${(e as Error).message})`,
    };
  }
  const parsed = AnswerSchema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      kind: 'schema',
      message: `the answer does not match the schema: ${describe(parsed.error.issues)}`,
    };
  const allowed = new Set(callCodes);
  const seen = new Set<string>();
  const decisions: SampleDecision[] = [];
  for (const d of parsed.data.decisions) {
    if (!allowed.has(d.code)) {
      return {
        ok: false,
        kind: 'unknown_code',
        message: `the answer names a code outside the codebook: ${JSON.stringify(d.code.slice(0, 80))}`,
      };
    }
    if (seen.has(d.code))
      return { ok: false, kind: 'duplicate_code', message: `the answer decides code ${d.code} twice` };
    seen.add(d.code);
    const quote = d.evidence.trim();
    decisions.push({
      code: d.code,
      present: d.present,
      rationale: d.rationale,
      evidence: quote,
      confidence: d.confidence,
      evidenceFound: d.present ? quote.length > 0 && evidenceInSegment(quote, segmentText) : null,
    });
  }
  const missing = callCodes.filter((c) => !seen.has(c));
  if (missing.length) {
    return {
      ok: false,
      kind: 'missing_code',
      message: `the answer leaves out ${missing.length} code(s): ${missing.slice(0, 5).join(', ')}`,
    };
  }
  const order = new Map(callCodes.map((c, i) => [c, i]));
  decisions.sort((a, b) => order.get(a.code)! - order.get(b.code)!);
  return { ok: true, decisions };
}
