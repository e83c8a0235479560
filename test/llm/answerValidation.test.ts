import { describe, expect, it } from 'vitest';
import { answerJsonSchema, responseFormat } from '../../electron/backend/llm/answerSchema';
import { evidenceInSegment } from '../../electron/backend/llm/evidenceMatch';
import { extractJsonObject, validateAnswer } from '../../electron/backend/llm/validateAnswer';
import { majorityVote } from '../../electron/backend/llm/vote';

const SEG = 'Every teacher calls two families a week — with “good news” first.';
const entry = (code: string, present: boolean, evidence = '', confidence = 0.9) => ({
  code,
  rationale: 'because',
  present,
  evidence,
  confidence,
});
const answer = (...d: ReturnType<typeof entry>[]) => JSON.stringify({ decisions: d });

describe('answer schema', () => {
  it('makes code ids an enum, rationale first, every field required, nothing else allowed', () => {
    const s = answerJsonSchema(['a', 'b']);
    const item = s.properties.decisions.items;
    expect(item.properties.code.enum).toEqual(['a', 'b']);
    expect(Object.keys(item.properties)).toEqual(['code', 'rationale', 'present', 'evidence', 'confidence']);
    expect(item.required).toEqual(['code', 'rationale', 'present', 'evidence', 'confidence']);
    expect(item.additionalProperties).toBe(false);
    expect(responseFormat('json_schema', ['a'])).toMatchObject({
      type: 'json_schema',
      json_schema: { strict: true, name: 'code_decisions' },
    });
    expect(responseFormat('json_object', ['a'])).toEqual({ type: 'json_object' });
    expect(responseFormat('text', ['a'])).toBeUndefined();
  });
});

describe('validateAnswer', () => {
  const codes = ['outreach', 'barriers'];
  it.each([
    ['empty', '', 'empty'],
    ['prose only', 'I think outreach applies.', 'malformed'],
    ['broken JSON', '{"decisions": [ {"code": ', 'malformed'],
    ['wrong shape', '{"codes": []}', 'schema'],
    [
      'confidence out of range',
      answer(entry('outreach', true, 'calls', 1.5), entry('barriers', false)),
      'schema',
    ],
    [
      'present as a string',
      '{"decisions":[{"code":"outreach","rationale":"","present":"yes","evidence":"","confidence":1}]}',
      'schema',
    ],
    [
      'a code outside the codebook',
      answer(entry('outreach', true, 'calls'), entry('barriers', false), entry('hacked', true)),
      'unknown_code',
    ],
    ['a missing code', answer(entry('outreach', true, 'calls')), 'missing_code'],
    [
      'a code twice',
      answer(entry('outreach', true, 'calls'), entry('outreach', false), entry('barriers', false)),
      'duplicate_code',
    ],
  ])('refuses %s', (_name, content, kind) => {
    const v = validateAnswer(content, codes, SEG);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.kind).toBe(kind);
  });

  it('accepts a valid answer in codebook order, from a fenced block in prose too, and flags quotes not in the segment', () => {
    const content = `Sure!\n\`\`\`json\n${answer(entry('barriers', true, 'weekends are hard'), entry('outreach', true, '"calls two families"'))}\n\`\`\`\nDone.`;
    const v = validateAnswer(content, codes, SEG);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.decisions.map((d) => [d.code, d.evidenceFound])).toEqual([
      ['outreach', true],
      ['barriers', false],
    ]);
  });

  it('extracts the first balanced object, ignoring braces inside strings', () => {
    expect(extractJsonObject('x {"a":"}{","b":{"c":1}} y {"z":2}')).toBe('{"a":"}{","b":{"c":1}}');
    expect(extractJsonObject('no json')).toBeNull();
  });
});

describe('evidenceInSegment', () => {
  it.each([
    ['calls two families', true],
    ['CALLS   two\nfamilies', true],
    ['"good news" first', true],
    ['Every teacher calls … a week', true],
    ['Every teacher ... good news', true],
    ['a week ... Every teacher', false],
    ['calls three families', false],
    ['', false],
    ['...', false],
  ])('%s → %s', (quote, found) => expect(evidenceInSegment(quote, SEG)).toBe(found));
});

describe('majorityVote', () => {
  const d = (code: string, present: boolean, confidence = 0.8) => ({
    code,
    present,
    rationale: `r-${present}`,
    evidence: present ? 'calls' : '',
    confidence,
    evidenceFound: present ? true : null,
  });
  it('uses the model confidence for one sample and the vote share for several; a tie is absent', () => {
    expect(majorityVote(['a'], [[d('a', true, 0.7)]])[0]).toMatchObject({
      present: true,
      confidence: 0.7,
      voteShare: 1,
      votes: 1,
      samples: 1,
    });
    expect(majorityVote(['a'], [[d('a', true)], [d('a', false)], [d('a', true)]])[0]).toMatchObject({
      present: true,
      votes: 2,
      samples: 3,
      confidence: 2 / 3,
      rationale: 'r-true',
      evidence: 'calls',
    });
    expect(majorityVote(['a'], [[d('a', true)], [d('a', false)]])[0]).toMatchObject({
      present: false,
      voteShare: 0.5,
      confidence: 0.5,
      evidence: '',
      evidenceFound: null,
    });
  });
});
