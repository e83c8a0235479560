// Transcript parsing: bytes → text → speaker turns → segments. Pure functions except
// `extractDocxText`; files, hashing, size limits and storage belong to the caller.
export { countWords } from './count-words';
export { decodeText, type DecodedText } from './decode-text';
export { extractDocxText } from './extract-docx-text';
export { formatFromFileName } from './file-format';
export { parseTranscript } from './parse-transcript';
export { parseTurnsCsv, type TurnsCsv } from './parse-turns-csv';
export { DEFAULT_MAX_SEGMENT_CHARS, segmentTurns } from './segment-turns';
export {
  ImportFileError,
  type ParsedDocument,
  type SegmentDraft,
  type TranscriptFormat,
  type TurnSpan,
} from './types';
