import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../electron/backend/import/parse-transcript';
import { segmentTurns } from '../../electron/backend/import/segment-turns';
import { ImportFileError } from '../../electron/backend/import/types';
import { expectValidSegments, expectValidSpans, turnTexts } from './expect-spans';

const parse = (text: string, format: 'vtt' | 'srt') => {
  const doc = parseTranscript(text, format);
  expectValidSpans(doc);
  expectValidSegments(doc, segmentTurns(doc));
  return doc;
};

const times = (doc: { turns: { timeStart: number | null; timeEnd: number | null }[] }) =>
  doc.turns.map((t) => [t.timeStart, t.timeEnd]);

describe('WebVTT', () => {
  it('reads voice tags, merges consecutive cues by the same speaker and renders Speaker: lines', () => {
    const vtt = [
      'WEBVTT - Harbor Elementary, principal interview',
      'Kind: captions',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'NOTE recorded on the school laptop,',
      'names are pseudonyms',
      '',
      'intro-1',
      '00:00:01.000 --> 00:00:04.200 align:start',
      '<v Interviewer>How do families usually hear',
      'from the school?</v>',
      '',
      '00:00:04.500 --> 00:00:08.000',
      '<v.loud Principal Ruiz>Every teacher calls <i>two</i> families a week.',
      '',
      '3',
      '00:00:08.000 --> 00:00:11.250',
      '<v Principal Ruiz><c.highlight>Good news</c> first &amp; always.',
      '',
      '00:00:11.500 --> 00:00:13.000',
      '<v Interviewer>Why good news?',
    ].join('\n');
    const doc = parse(vtt, 'vtt');
    expect(doc.text).toBe(
      'Interviewer: How do families usually hear from the school?\n\nPrincipal Ruiz: Every teacher calls two families a week. Good news first & always.\n\nInterviewer: Why good news?',
    );
    expect(turnTexts(doc).map(([s]) => s)).toEqual(['Interviewer', 'Principal Ruiz', 'Interviewer']);
    expect(times(doc)).toEqual([
      [1, 4.2],
      [4.5, 11.25],
      [11.5, 13],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it('reads mm:ss.mmm timings, `Name:` inside cues (Zoom) and two voices in one cue', () => {
    const vtt = [
      'WEBVTT',
      '',
      '1',
      '00:05.000 --> 00:07.500',
      'Lucía Paredes: Buenos días.',
      '',
      '2',
      '00:07.500 --> 00:09.000',
      'Interpreter (Spanish): Good morning.',
      '',
      '3',
      '00:09.000 --> 00:12.000',
      'Lucía Paredes: La maestra llama cada viernes 🌟.',
      '',
      '4',
      '01:02:03.000 --> 01:02:05.000',
      '<v Interpreter (Spanish)>The teacher calls every Friday.</v><v Interviewer>Thank you.',
    ].join('\n');
    const doc = parse(vtt, 'vtt');
    expect(turnTexts(doc)).toEqual([
      ['Lucía Paredes', 'Buenos días.'],
      ['Interpreter (Spanish)', 'Good morning.'],
      ['Lucía Paredes', 'La maestra llama cada viernes 🌟.'],
      ['Interpreter (Spanish)', 'The teacher calls every Friday.'],
      ['Interviewer', 'Thank you.'],
    ]);
    expect(times(doc)[0]).toEqual([5, 7.5]);
    expect(times(doc)[3]).toEqual([3723, 3725]);
  });

  it('merges speakerless cues into one turn with content only', () => {
    const doc = parse(
      'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nSo the coffee hour\n\n00:00:02.000 --> 00:00:04.000\nstarted three years ago.\n',
      'vtt',
    );
    expect(doc.text).toBe('So the coffee hour started three years ago.');
    expect(turnTexts(doc)).toEqual([[null, 'So the coffee hour started three years ago.']]);
    expect(times(doc)).toEqual([[0, 4]]);
  });

  it('finds a cue written directly under the header', () => {
    const doc = parse(
      'WEBVTT\n00:00:01.000 --> 00:00:02.000\n<v Parent Lin>Hello.\n\n00:00:02.000 --> 00:00:03.000\n<v Interviewer>Hi.\n',
      'vtt',
    );
    expect(turnTexts(doc)).toEqual([
      ['Parent Lin', 'Hello.'],
      ['Interviewer', 'Hi.'],
    ]);
  });

  it('warns about a missing header and rejects a file without cues', () => {
    const doc = parse('00:00:01.000 --> 00:00:02.000\n<v Parent Lin>Hello.\n', 'vtt');
    expect(turnTexts(doc)).toEqual([['Parent Lin', 'Hello.']]);
    expect(doc.warnings[0]).toMatch(/WEBVTT header/);
    expect(() => parseTranscript('WEBVTT\n\nNOTE nothing here\n', 'vtt')).toThrow(ImportFileError);
    expect(() => parseTranscript('Interviewer: this is a plain transcript\n', 'vtt')).toThrow(/no cues/);
  });
});

describe('SRT', () => {
  it('reads numbered cues with Name:, [Name] and - Name: speakers and merges continuations', () => {
    const srt = [
      '1',
      '00:00:01,000 --> 00:00:04,000',
      'Interviewer: What would make school events',
      'easier to attend?',
      '',
      '2',
      '00:00:04,500 --> 00:00:07,000',
      '[Parent Musa] Childcare, and starting after six,',
      '',
      '3',
      '00:00:07,000 --> 00:00:09,500',
      '<i>because of the late shift.</i>',
      '',
      '4',
      '00:00:10,000 --> 00:00:12,000',
      '[LAUGHS] Interviewer: That makes sense.',
      '',
      '5',
      '00:00:12,000 --> 00:00:15,000',
      '- Parent Musa: Yes.',
      '- Interviewer: Thank you.',
      '',
    ].join('\r\n');
    const doc = parse(srt, 'srt');
    expect(turnTexts(doc)).toEqual([
      ['Interviewer', 'What would make school events easier to attend?'],
      ['Parent Musa', 'Childcare, and starting after six, because of the late shift.'],
      ['Interviewer', '[LAUGHS] That makes sense.'],
      ['Parent Musa', 'Yes.'],
      ['Interviewer', 'Thank you.'],
    ]);
    // a cue holding two speakers gives both its timing
    expect(times(doc)).toEqual([
      [1, 4],
      [4.5, 9.5],
      [10, 12],
      [12, 15],
      [12, 15],
    ]);
  });

  it('does not take sound descriptions for speakers', () => {
    const doc = parse(
      '1\n00:00:01,000 --> 00:00:02,000\nInterviewer: Ready?\n\n2\n00:00:02,000 --> 00:00:03,000\n[music]\n\n3\n00:00:03,000 --> 00:00:04,000\n[INAUDIBLE] yes\n\n4\n00:00:04,000 --> 00:00:05,000\n[INAUDIBLE]\n',
      'srt',
    );
    expect(turnTexts(doc)).toEqual([['Interviewer', 'Ready? [music] [INAUDIBLE] yes [INAUDIBLE]']]);
  });

  it('copes with missing blank lines, blank lines inside a cue and formatting codes', () => {
    const srt =
      '1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color="#fff">Teacher Okafor: Parents set the agenda.</font>\n2\n00:00:02,000 --> 00:00:03,000\nTeacher Okafor: Not us.\n\n\n3\n00:00:03,000 --> 00:00:05,000\nInterviewer: Really?\n\nAlways?\n';
    const doc = parse(srt, 'srt');
    expect(turnTexts(doc)).toEqual([
      ['Teacher Okafor', 'Parents set the agenda. Not us.'],
      ['Interviewer', 'Really? Always?'],
    ]);
    expect(doc.text).toBe('Teacher Okafor: Parents set the agenda. Not us.\n\nInterviewer: Really? Always?');
  });

  it('rejects text without timing lines', () => {
    expect(() => parseTranscript('1\nHello there\n', 'srt')).toThrow(/no cues found/);
  });
});
