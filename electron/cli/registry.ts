import type { CliCommand } from './command';

/**
 * Every command, in the order `concord --help` lists them. A command's module (and
 * the packages it needs) loads only when that command runs, so a call stays fast.
 */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<CliCommand>;
}

export const COMMANDS: CommandEntry[] = [
  {
    name: 'demo',
    summary: 'create the fictional demo study, ready to explore',
    load: async () => (await import('./commands/demo')).demoCommand,
  },
  {
    name: 'init',
    summary: 'create an empty project file',
    load: async () => (await import('./commands/init')).initCommand,
  },
  {
    name: 'info',
    summary: 'counts and attributes of a project (read-only)',
    load: async () => (await import('./commands/info')).infoCommand,
  },
  {
    name: 'import',
    summary: 'import transcripts (.txt .md .docx .vtt .srt, turns .csv)',
    load: async () => (await import('./commands/import')).importCommand,
  },
  {
    name: 'codebook import',
    summary: 'import a codebook (.qdc or JSON) as the new active version',
    load: async () => (await import('./commands/codebook-import')).codebookImportCommand,
  },
  {
    name: 'codebook export',
    summary: 'export a codebook version (.qdc, JSON, Markdown, DOCX)',
    load: async () => (await import('./commands/codebook-export')).codebookExportCommand,
  },
  {
    name: 'labels import',
    summary: 'import human labels coded elsewhere (CSV document,segment,coder,code)',
    load: async () => (await import('./commands/labels-import')).labelsImportCommand,
  },
  {
    name: 'label',
    summary: 'code segments with an AI coder (OpenAI or compatible), as a resumable job',
    load: async () => (await import('./commands/label')).labelCommand,
  },
  {
    name: 'serve',
    summary: 'browser mode: the app on http://127.0.0.1 (same backend)',
    load: async () => (await import('./commands/serve')).serveCommand,
  },
  {
    name: 'stats agreement',
    summary: 'inter-rater agreement per code from a ratings CSV',
    load: async () => (await import('./commands/stats-agreement')).statsAgreementCommand,
  },
  {
    name: 'schools select',
    summary: 'choose bright-spot and partner schools: outcome above or below what context predicts',
    load: async () => (await import('./commands/schools-select')).schoolsSelectCommand,
  },
  {
    name: 'agreement',
    summary: "agreement between a project's coders (human–human, human–AI), per code and pooled",
    load: async () => (await import('./commands/agreement')).agreementCommand,
  },
  {
    name: 'review-stats',
    summary: 'review dashboard: coverage, remaining items, AI precision/recall from the audit sample',
    load: async () => (await import('./commands/review-stats')).reviewStatsCommand,
  },
  {
    name: 'compare',
    summary: 'compare code frequencies between two groups of documents (segment, document, school level)',
    load: async () => (await import('./commands/compare')).compareCommand,
  },
  {
    name: 'export',
    summary: 'export labels (CSV, 0/1 matrix), a report workbook (XLSX) or a REFI-QDA project (.qdpx)',
    load: async () => (await import('./commands/export')).exportCommand,
  },
  {
    name: 'import-qdpx',
    summary: 'create a project from a REFI-QDA project (.qdpx) of ATLAS.ti, MAXQDA, NVivo, QualCoder',
    load: async () => (await import('./commands/import-qdpx')).importQdpxCommand,
  },
  {
    name: 'stats compare',
    summary: 'compare code frequencies in two groups from a counts CSV',
    load: async () => (await import('./commands/stats-compare')).statsCompareCommand,
  },
];
