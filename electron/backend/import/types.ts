// The transcript parsing layer's data shapes. Everything in this folder is pure (text in,
// spans out) except docx extraction; the import orchestration owns files and the database.

export type TranscriptFormat = 'txt' | 'md' | 'docx' | 'vtt' | 'srt';

/**
 * One speaker turn. `start`/`end` are UTF-16 offsets of the utterance content (after the
 * `Name:` label or timestamp) in `ParsedDocument.text`, trimmed; `start === end` for a
 * label with nothing after it.
 */
export interface TurnSpan {
  speaker: string | null;
  start: number;
  end: number;
  /** seconds from the start of the recording */
  timeStart: number | null;
  timeEnd: number | null;
}

export interface ParsedDocument {
  /** the document text as stored; every offset points into it */
  text: string;
  turns: TurnSpan[];
  /** human-readable notes about the parse (text outside turns, skipped rows, ...) */
  warnings: string[];
}

/** A unit of coding: a speaker turn, or a sentence-aligned piece of a long one. */
export interface SegmentDraft {
  /** 0-based across the document */
  index: number;
  turnIndex: number;
  speaker: string | null;
  start: number;
  end: number;
  /** always `doc.text.slice(start, end)` */
  text: string;
  words: number;
  timeStart: number | null;
  timeEnd: number | null;
}

/** A file Concord cannot import; `message` is the reason shown to the user as is. */
export class ImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportFileError';
  }
}
