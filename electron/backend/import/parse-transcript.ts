import { parseLabelledText } from './parse-labelled-text';
import { parseSrt } from './parse-srt';
import { parseWebVtt } from './parse-webvtt';
import { ImportFileError, type ParsedDocument, type TranscriptFormat } from './types';

/**
 * Speaker turns of a decoded transcript. For `txt`/`md` the document text is the input
 * (line endings normalised); subtitle formats are rendered as `Speaker: content` paragraphs.
 * A .docx is parsed as `txt` after `extractDocxText`.
 */
export function parseTranscript(text: string, format: Exclude<TranscriptFormat, 'docx'>): ParsedDocument {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!/\S/u.test(normalised)) throw new ImportFileError('file is empty');
  switch (format) {
    case 'txt':
      return parseLabelledText(normalised, false);
    case 'md':
      return parseLabelledText(normalised, true);
    case 'vtt':
      return parseWebVtt(normalised);
    case 'srt':
      return parseSrt(normalised);
  }
}
