// The answer's shape: one entry per code, the rationale before the decision (models
// write properties in schema order, so the reasoning comes first), then the quote and
// a confidence. Code ids are an enum: with strict structured outputs the provider
// cannot even produce a code outside the codebook.

export const ANSWER_SCHEMA_NAME = 'code_decisions';

export function answerJsonSchema(codeIds: readonly string[]) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['decisions'],
    properties: {
      decisions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['code', 'rationale', 'present', 'evidence', 'confidence'],
          properties: {
            code: { type: 'string', enum: [...codeIds] },
            rationale: { type: 'string' },
            present: { type: 'boolean' },
            evidence: { type: 'string' },
            confidence: { type: 'number' },
          },
        },
      },
    },
  } as const;
}

export type ResponseFormatKind = 'json_schema' | 'json_object' | 'text';

export function responseFormat(kind: ResponseFormatKind, codeIds: readonly string[]) {
  if (kind === 'json_schema') {
    return {
      type: 'json_schema' as const,
      json_schema: {
        name: ANSWER_SCHEMA_NAME,
        strict: true,
        schema: answerJsonSchema(codeIds) as unknown as Record<string, unknown>,
      },
    };
  }
  if (kind === 'json_object') return { type: 'json_object' as const };
  return undefined;
}
