import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../electron/backend/import/parse-transcript';
import { segmentTurns } from '../../electron/backend/import/segment-turns';
import { ImportFileError, type ParsedDocument } from '../../electron/backend/import/types';
import { expectValidSegments, expectValidSpans, turnTexts } from './expect-spans';

// Fictional interviews in the style of the study: principals, teachers, families, some in
// Spanish through an interpreter.

const times = (doc: ParsedDocument) => doc.turns.map((t) => [t.timeStart, t.timeEnd]);

const parse = (text: string, format: 'txt' | 'md' = 'txt') => {
  const doc = parseTranscript(text, format);
  expectValidSpans(doc);
  expectValidSegments(doc, segmentTurns(doc));
  return doc;
};

// The contract checker's sample transcripts (shared/contract-check/lib/fixtures.mjs).
const CHECKER_TRANSCRIPTS: [string, string[], string[]][] = [
  [
    'willow-teacher.txt',
    [
      'Interviewer: Tell me about the family group at your school.',
      'Teacher Okafor: Parents run a Thursday coffee hour. They set the agenda, not us.',
      'Interviewer: How did that start?',
      'Teacher Okafor: A mother asked for it three years ago and it simply kept going.',
      'Interviewer: Do students play a part?',
      'Teacher Okafor: Students write the invitations by hand, so families actually read them.',
    ],
    ['Interviewer', 'Teacher Okafor'],
  ],
  [
    'cedar-family.txt',
    [
      'Interviewer: What does a home visit look like from your side?',
      'Parent Reyes: The teacher came to our apartment and asked what we hoped for our son this year.',
      'Interviewer: How did that feel?',
      'Parent Reyes: Like they wanted to know us, not only to tell us about problems.',
    ],
    ['Interviewer', 'Parent Reyes'],
  ],
  [
    'exchange-interview',
    [
      'Interviewer: Thanks for joining us 🌟 today. How does the school reach you?',
      'Parent Soto: The teacher calls me herself every other Friday, even when nothing is wrong.',
      'Interviewer: Is anything hard about staying in touch?',
      'Parent Soto: My shifts change every week, so evening meetings are difficult for me.',
    ],
    ['Interviewer', 'Parent Soto'],
  ],
];

describe.each(CHECKER_TRANSCRIPTS)('checker transcript %s', (_name, lines, speakers) => {
  it('gives one turn and one segment per line, alternating speakers', () => {
    const doc = parse(`${lines.join('\n')}\n`);
    expect(turnTexts(doc)).toEqual(lines.map((l, i) => [speakers[i % 2], l.slice(l.indexOf(': ') + 2)]));
    expect(segmentTurns(doc)).toHaveLength(lines.length);
    expect(doc.warnings).toEqual([]);
  });
});

describe('plain-text transcripts', () => {
  it('splits the checker-style interview into speaker turns', () => {
    const text =
      [
        'Interviewer: Thank you for meeting with us. How do families usually hear from the school?',
        'Principal Alvarez: Every teacher calls two families a week with good news before anything else comes up.',
        'Interviewer: What gets in the way of that?',
        'Principal Alvarez: Work schedules. Many parents work evenings, so we also hold meetings at seven in the morning.',
      ].join('\n') + '\n';
    const doc = parse(text);
    expect(doc.text).toBe(text);
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'Thank you for meeting with us. How do families usually hear from the school?'],
      [
        'Principal Alvarez',
        'Every teacher calls two families a week with good news before anything else comes up.',
      ],
      ['Interviewer', 'What gets in the way of that?'],
      [
        'Principal Alvarez',
        'Work schedules. Many parents work evenings, so we also hold meetings at seven in the morning.',
      ],
    ]);
    expect(doc.warnings).toEqual([]);
    expect(doc.turns.every((t) => t.timeStart === null && t.timeEnd === null)).toBe(true);
  });

  it('reads bracketed timestamps, Spanish names with accents and interpreter turns', () => {
    const text = [
      'Entrevista con la familia Paredes — Escuela Las Lomas (ficticia)',
      'Fecha: 12 de marzo',
      '',
      '[00:00:05] INTERVIEWER: Good morning. How does the school get in touch with you?',
      '[00:00:12] Interpreter (Spanish): Buenos días. ¿Cómo se comunica la escuela con usted?',
      '[00:00:20] LUCÍA PAREDES: La maestra me manda mensajes casi todos los días.',
      'Y cuando hay una reunión, la directora llama personalmente.',
      '',
      '[00:00:41] Interpreter (Spanish): The teacher texts me almost every day, and the principal calls before meetings.',
      '[00:00:55] INTERVIEWER: ¿Y en inglés?',
      '[00:01:02] LUCÍA PAREDES: Mi hijo me ayuda a leer las cartas.',
    ].join('\n');
    const doc = parse(text);
    expect(turnTexts(doc)).toEqual([
      ['INTERVIEWER', 'Good morning. How does the school get in touch with you?'],
      ['Interpreter (Spanish)', 'Buenos días. ¿Cómo se comunica la escuela con usted?'],
      [
        'LUCÍA PAREDES',
        'La maestra me manda mensajes casi todos los días.\nY cuando hay una reunión, la directora llama personalmente.',
      ],
      [
        'Interpreter (Spanish)',
        'The teacher texts me almost every day, and the principal calls before meetings.',
      ],
      ['INTERVIEWER', '¿Y en inglés?'],
      ['LUCÍA PAREDES', 'Mi hijo me ayuda a leer las cartas.'],
    ]);
    expect(doc.turns.map((t) => [t.timeStart, t.timeEnd])).toEqual([
      [5, 12],
      [12, 20],
      [20, 41],
      [41, 55],
      [55, 62],
      [62, null],
    ]);
    expect(doc.warnings).toHaveLength(1);
    expect(doc.warnings[0]).toMatch(/lines 1–2 before the first speaker label/);
  });

  it('accepts the other timestamp styles: (hh:mm:ss), bare hh:mm:ss, [mm:ss], Rev and Otter', () => {
    const doc = parse(
      [
        '(00:01:02) Dr. Smith: Shall we start?',
        '00:01:10 MR. ACHTERBERG: Yes, go ahead.',
        '[01:20] Dr. Smith: How many families came to the open house?',
        'MR. ACHTERBERG (01:31): About sixty, more than last year.',
      ].join('\n'),
    );
    expect(turnTexts(doc).map(([s]) => s)).toEqual([
      'Dr. Smith',
      'MR. ACHTERBERG',
      'Dr. Smith',
      'MR. ACHTERBERG',
    ]);
    expect(doc.turns.map((t) => t.timeStart)).toEqual([62, 70, 80, 91]);

    const otter = parse('Speaker 1  0:03\nWelcome, everyone.\n\nSpeaker 2  0:07\nThanks for having me.\n');
    expect(turnTexts(otter)).toEqual([
      ['Speaker 1', 'Welcome, everyone.'],
      ['Speaker 2', 'Thanks for having me.'],
    ]);
    expect(otter.turns.map((t) => [t.timeStart, t.timeEnd])).toEqual([
      [3, 7],
      [7, null],
    ]);
  });

  it('takes a timestamp on its own line as the start of the next turn', () => {
    const doc = parse(
      '[00:10:00]\nInterviewer: Shall we go on?\n\n00:10:04\nPrincipal Alvarez: Yes.\nWe were talking about the flyers.\n[00:10:30]\nInterviewer: Right.\n',
    );
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'Shall we go on?'],
      ['Principal Alvarez', 'Yes.\nWe were talking about the flyers.'],
      ['Interviewer', 'Right.'],
    ]);
    expect(times(doc)).toEqual([
      [600, 604],
      [604, 630],
      [630, null],
    ]);
    const paragraphs = parse(
      '00:00:00\nThe family met us in the kitchen.\n\n00:02:30\nLater the father joined.\n',
    );
    expect(turnTexts(paragraphs)).toEqual([
      [null, 'The family met us in the kitchen.'],
      [null, 'Later the father joined.'],
    ]);
    expect(times(paragraphs)).toEqual([
      [0, 150],
      [150, null],
    ]);
  });

  it('continues a turn over unlabelled lines and blank lines, and over a label that occurs once', () => {
    const text = [
      'Interviewer: Tell me about the family group.',
      'Teacher Okafor: Parents run a Thursday coffee hour.',
      '',
      'Note: the meeting was moved to the library last spring.',
      'Dr. Lee: once told me it was the best hour of her week.',
      'Interviewer: How did that start?',
      'Teacher Okafor: A mother asked for it three years ago.',
    ].join('\n');
    const doc = parse(text);
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'Tell me about the family group.'],
      [
        'Teacher Okafor',
        'Parents run a Thursday coffee hour.\n\nNote: the meeting was moved to the library last spring.\nDr. Lee: once told me it was the best hour of her week.',
      ],
      ['Interviewer', 'How did that start?'],
      ['Teacher Okafor', 'A mother asked for it three years ago.'],
    ]);
    expect(doc.warnings.join('\n')).toMatch(/"Dr\. Lee:" \(line 5\)/);
  });

  it('knows Spanish role words', () => {
    const doc = parse('Entrevistadora: ¿Cómo se entera de las reuniones?\nMadre: Por la maestra.\n');
    expect(turnTexts(doc)).toEqual([
      ['Entrevistadora', '¿Cómo se entera de las reuniones?'],
      ['Madre', 'Por la maestra.'],
    ]);
  });

  it('accepts a known role word that speaks once, rejects sentence-like labels', () => {
    const doc = parse(
      'Facilitator: Welcome back.\nWhat I said was: we need more time.\nPrincipal said: not now.\n',
    );
    expect(turnTexts(doc)).toEqual([
      ['Facilitator', 'Welcome back.\nWhat I said was: we need more time.\nPrincipal said: not now.'],
    ]);
  });

  it('takes the content from the next line when a label stands alone', () => {
    const doc = parse(
      'INTERVIEWER:\nHow often do you see the counselor?\n\nPARENT:\n\nEvery month, at the family night.\n',
    );
    expect(turnTexts(doc)).toEqual([
      ['INTERVIEWER', 'How often do you see the counselor?'],
      ['PARENT', 'Every month, at the family night.'],
    ]);
  });

  it('keeps an empty turn (label with nothing after it) as an empty span that segmentation drops', () => {
    const doc = parse(
      'Interviewer: Hello?\nParent Musa:\nInterviewer: Are you there?\nParent Musa: Yes, sorry.\n',
    );
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'Hello?'],
      ['Parent Musa', ''],
      ['Interviewer', 'Are you there?'],
      ['Parent Musa', 'Yes, sorry.'],
    ]);
    const segments = segmentTurns(doc);
    expect(segments.map((s) => [s.index, s.turnIndex, s.text])).toEqual([
      [0, 0, 'Hello?'],
      [1, 2, 'Are you there?'],
      [2, 3, 'Yes, sorry.'],
    ]);
  });

  it('makes each paragraph a speakerless turn when there is no label at all', () => {
    const text =
      'Field notes, home visit 3.\n\nThe family met us in the kitchen.\nThe mother asked about the reading program.\n\n\n[00:14:05] Later the father joined and talked about his shift work.\n';
    const doc = parse(text);
    expect(turnTexts(doc)).toEqual([
      [null, 'Field notes, home visit 3.'],
      [null, 'The family met us in the kitchen.\nThe mother asked about the reading program.'],
      [null, 'Later the father joined and talked about his shift work.'],
    ]);
    expect(doc.turns[2]?.timeStart).toBe(845);
    expect(doc.warnings).toEqual(['no speaker labels found: each paragraph is a turn without a speaker']);
  });

  it('keeps emoji and other non-BMP characters with exact offsets', () => {
    const text =
      'Interviewer: Thanks for joining us 🌟 today.\nParent Soto: 👨‍👩‍👧 all three of us came! 𝒜 and 😀.\n';
    const doc = parse(text);
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'Thanks for joining us 🌟 today.'],
      ['Parent Soto', '👨‍👩‍👧 all three of us came! 𝒜 and 😀.'],
    ]);
    const second = doc.turns[1];
    expect(second?.start).toBe(text.indexOf('👨'));
    expect(segmentTurns(doc)[1]?.words).toBe(7); // all three of us came 𝒜 and
  });

  it('does not take header fields, URLs or clock times for speakers', () => {
    const doc = parse(
      'Date: 3 May\nLocation: Room 12\nInterviewer: We meet at 10:30 on Fridays, see https://example.org/x.\nDate: moved\nRespondent: Right.\n',
    );
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'We meet at 10:30 on Fridays, see https://example.org/x.\nDate: moved'],
      ['Respondent', 'Right.'],
    ]);
  });

  it('rejects an empty or whitespace-only transcript', () => {
    expect(() => parseTranscript('', 'txt')).toThrow(ImportFileError);
    expect(() => parseTranscript(' \n\n\t', 'md')).toThrow('file is empty');
  });

  it('normalises CRLF given directly', () => {
    const doc = parse('Interviewer: One.\r\nParent: Two.\r\n');
    expect(doc.text).toBe('Interviewer: One.\nParent: Two.\n');
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'One.'],
      ['Parent', 'Two.'],
    ]);
  });
});

describe('Markdown transcripts', () => {
  it('recognises bold labels and keeps the original Markdown as the text', () => {
    const text = [
      '---',
      'title: Harbor Elementary, principal',
      'interviewer: J. Rivera',
      '---',
      '# Interview with Principal Ruiz',
      '',
      '*Recorded in the main office; names are pseudonyms.*',
      '',
      '**Interviewer:** How do families usually hear from the school?',
      '',
      '**Principal Ruiz**: Every teacher calls two families a week with *good* news.',
      '',
      '*[Phone rings; recording paused]*',
      '',
      'We also hold meetings at seven in the morning.',
      '',
      '__Interviewer:__ And families who mostly speak Spanish?',
      '',
      '__Principal Ruiz__: The front office answers in **both** languages.',
      '',
      '## Second visit',
      '',
      '- **[00:42:10] Interviewer:** Anything else?',
      '- **Principal Ruiz:** No, thank you.',
    ].join('\n');
    const doc = parse(text, 'md');
    expect(doc.text).toBe(text);
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'How do families usually hear from the school?'],
      [
        'Principal Ruiz',
        'Every teacher calls two families a week with *good* news.\n\n*[Phone rings; recording paused]*\n\nWe also hold meetings at seven in the morning.',
      ],
      ['Interviewer', 'And families who mostly speak Spanish?'],
      ['Principal Ruiz', 'The front office answers in **both** languages.'],
      ['Interviewer', 'Anything else?'],
      ['Principal Ruiz', 'No, thank you.'],
    ]);
    expect(doc.turns[4]?.timeStart).toBe(2530);
    expect(doc.warnings).toEqual([]); // the title is a heading, the note is in italics
  });

  it('never ends a turn on an italic note line', () => {
    const doc = parse(
      '**Interviewer:** Any questions for us?\n\n_[long pause]_\n\n**Parent Lin:** No, thank you.\n*[end of recording]*\n',
      'md',
    );
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'Any questions for us?'],
      ['Parent Lin', 'No, thank you.'],
    ]);
  });

  it('also accepts plain labels in Markdown, and headings end a turn', () => {
    const doc = parse(
      '# Notes\n\nInterviewer: First question?\n\n## Aside\n\nsome notes\n\nParent Lin: An answer.\n',
      'md',
    );
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'First question?'],
      ['Parent Lin', 'An answer.'],
    ]);
    expect(doc.warnings.join('\n')).toMatch(/between a heading and the next speaker label/);
  });

  it('turns paragraphs into speakerless turns when there are no labels, skipping headings', () => {
    const doc = parse('# Memo\n\nFirst paragraph.\n\n## Part 2\nSecond paragraph.\n', 'md');
    expect(turnTexts(doc)).toEqual([
      [null, 'First paragraph.'],
      [null, 'Second paragraph.'],
    ]);
  });
});
