import { describe, expect, it } from 'vitest';
import { parseTurnsCsv } from '../../electron/backend/import/parse-turns-csv';
import { segmentTurns } from '../../electron/backend/import/segment-turns';
import { ImportFileError } from '../../electron/backend/import/types';
import { expectValidSegments, expectValidSpans, turnTexts } from './expect-spans';

const parse = (csv: string) => {
  const result = parseTurnsCsv(csv);
  for (const { doc } of result.documents) {
    expectValidSpans(doc);
    expectValidSegments(doc, segmentTurns(doc));
  }
  return result;
};

function csvError(csv: string): string {
  try {
    parseTurnsCsv(csv);
  } catch (err) {
    expect(err).toBeInstanceOf(ImportFileError);
    return (err as Error).message;
  }
  throw new Error('expected an ImportFileError');
}

describe('turns CSV', () => {
  it("groups the checker's rows into two documents, in order of first appearance", () => {
    const csv = [
      'document,speaker,text',
      `visit-notes-1,Interviewer,How often do you talk with your child's teacher?`,
      'visit-notes-1,Parent Lin,"Almost every week, usually by text message."',
      'visit-notes-2,Interviewer,What would make school events easier to attend?',
      'visit-notes-2,Parent Musa,"Childcare, and starting after six, because of the late shift."',
      '',
    ].join('\n');
    const { documents, warnings } = parse(csv);
    expect(warnings).toEqual([]);
    expect(documents.map((d) => d.name)).toEqual(['visit-notes-1', 'visit-notes-2']);
    const first = documents[0]?.doc;
    expect(first?.text).toBe(
      "Interviewer: How often do you talk with your child's teacher?\n\nParent Lin: Almost every week, usually by text message.",
    );
    expect(first && turnTexts(first)).toEqual([
      ['Interviewer', "How often do you talk with your child's teacher?"],
      ['Parent Lin', 'Almost every week, usually by text message.'],
    ]);
  });

  it('reads start/end in seconds or hh:mm:ss, quoted newlines and doubled quotes, CRLF and a BOM', () => {
    const csv =
      '\uFEFFDocument,Speaker,Text,Start,End\r\n' +
      'cedar-family,Interviewer,"What does a ""home visit"" look like?",0,4.5\r\n' +
      'cedar-family,Parent Reyes,"The teacher came to our apartment.\r\nShe asked what we hoped for our son.",00:00:05,00:00:19.250\r\n' +
      'willow,,Unattributed note 🌟,,\r\n' +
      'cedar-family,Interviewer,How did that feel?,1:02,\r\n';
    const { documents, warnings } = parse(csv);
    expect(warnings).toEqual([]);
    const cedar = documents[0]?.doc;
    expect(cedar && turnTexts(cedar)).toEqual([
      ['Interviewer', 'What does a "home visit" look like?'],
      ['Parent Reyes', 'The teacher came to our apartment.\nShe asked what we hoped for our son.'],
      ['Interviewer', 'How did that feel?'],
    ]);
    expect(cedar?.turns.map((t) => [t.timeStart, t.timeEnd])).toEqual([
      [0, 4.5],
      [5, 19.25],
      [62, null],
    ]);
    const willow = documents[1]?.doc;
    expect(willow?.text).toBe('Unattributed note 🌟');
    expect(willow?.turns).toEqual([{ speaker: null, start: 0, end: 20, timeStart: null, timeEnd: null }]);
  });

  it('warns about and ignores unknown columns, wherever they are', () => {
    const { documents, warnings } = parse(
      'school,document,speaker,text,notes\nHarbor,d1,Interviewer,Hello.,first call\n',
    );
    expect(warnings).toEqual(['ignored unknown column(s): school, notes']);
    expect(documents[0]?.doc.text).toBe('Interviewer: Hello.');
  });

  it('skips a row with empty text, with a warning naming the line', () => {
    const { documents, warnings } = parse(
      'document,speaker,text\nd1,Interviewer,Hello?\nd1,Parent,"   "\nd1,Interviewer,Anyone there?\n',
    );
    expect(documents[0]?.doc.turns).toHaveLength(2);
    expect(warnings).toEqual(['document "d1": row(s) with empty text skipped: line 3']);
  });

  it('rejects a ragged row, naming its line (counting quoted newlines)', () => {
    const message = csvError('document,speaker,text\nd1,Interviewer,"Two\nlines"\nd1,Parent\n');
    expect(message).toBe('malformed CSV: the row on line 4 has 2 field(s), the header has 3');
  });

  it('rejects an unterminated quote, naming the line where it opens', () => {
    expect(
      csvError('document,speaker,text\nd1,Interviewer,Hello\nd1,Parent,"Never closed\nd1,Interviewer,More\n'),
    ).toBe('malformed CSV: the quoted field opened on line 3 is never closed');
  });

  it('rejects a missing or wrong header', () => {
    expect(csvError('unit,coder,code,value\nu1,A,x,1\n')).toMatch(
      /header must contain document, speaker and text \(missing: document, speaker, text\)/,
    );
    expect(csvError('document,text\nd1,Hello\n')).toMatch(/missing: speaker/);
    expect(csvError('')).toBe('file is empty');
    expect(csvError('\uFEFF \r\n')).toBe('file is empty');
  });

  it('rejects a CSV with a header but no text', () => {
    expect(csvError('document,speaker,text\n')).toBe('the CSV has no turns with text');
  });

  it('accepts semicolon-separated exports', () => {
    const { documents } = parse(
      'document;speaker;text\nd1;Entrevistadora;¿Cómo está?\nd1;Madre;Bien, gracias.\n',
    );
    expect(documents[0]?.doc.text).toBe('Entrevistadora: ¿Cómo está?\n\nMadre: Bien, gracias.');
  });
});
