import type { TranscriptFormat } from './types';

// The import dialog and the CLI accept whatever the user points at; the extension is the
// only format signal we trust (content sniffing would turn a notes.csv into a transcript).
const BY_EXTENSION: Record<string, TranscriptFormat | 'csv'> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  docx: 'docx',
  vtt: 'vtt',
  webvtt: 'vtt',
  srt: 'srt',
  csv: 'csv',
};

/** The transcript format for a file name (case-insensitive), `'csv'` for a turns CSV, else null. */
export function formatFromFileName(name: string): TranscriptFormat | 'csv' | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0) return null;
  return BY_EXTENSION[base.slice(dot + 1).toLowerCase()] ?? null;
}
