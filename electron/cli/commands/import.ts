import { importSources } from '../../backend/documents/importer';
import type { CliCommand } from '../command';
import { intOption, parseCommandArgs } from '../args';
import { withProject } from './projectFile';

const usage = 'concord import <file.concord> <paths...> [--meta meta.csv] [--max-segment-chars N] [--json]';

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import transcripts (.txt .md .docx .vtt .srt, turns .csv)',
  usage: `Usage: ${usage}

Imports transcripts into an existing project. Speaker turns are detected
("Name:", "INTERVIEWER:", "[00:01:02] Name:", VTT voices); long turns are split at
sentence boundaries (--max-segment-chars, default 1200). A turns CSV has the columns
document,speaker,text[,start,end] and may hold several documents.
--meta: a CSV with a "file" column (the imported file's name); every other column
becomes a document attribute (school, group, role, district, language, ...).
Files already in the project (same content) are skipped. Each bad file is reported
and the others are still imported. Exit 1 when any file failed.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { meta: { type: 'string' }, json: { type: 'boolean' }, 'max-segment-chars': { type: 'string' } },
      { min: 2, usage },
    );
    const [projectPath, ...paths] = positionals as [string, ...string[]];
    const maxSegmentChars = intOption(values['max-segment-chars'], 'max-segment-chars', 200);
    const report = await withProject(projectPath, io.cwd, (project) =>
      importSources(
        project,
        paths.map((path) => ({ path })),
        {
          actor: 'concord import',
          cwd: io.cwd,
          maxSegmentChars,
          onProgress:
            io.isTTY && !values.json
              ? (p) => io.stderr(`\rimporting ${p.done}/${p.total} ${p.file.slice(-50).padEnd(50)}`)
              : undefined,
        },
        values.meta ? { path: values.meta } : undefined,
      ),
    );
    if (io.isTTY && !values.json) io.stderr('\n');
    if (values.json) {
      io.stdout(
        `${JSON.stringify({
          imported: report.imported.map(({ file, document_id, segments, name }) => ({
            file,
            document_id,
            name,
            segments,
          })),
          skipped: report.skipped,
          errors: report.errors,
          warnings: report.warnings,
          ...(report.meta ? { meta: report.meta } : {}),
        })}\n`,
      );
    } else {
      for (const r of report.imported)
        io.stdout(`imported  ${r.file} → "${r.name}" (${r.segments} segments)\n`);
      for (const r of report.skipped) io.stdout(`skipped   ${r.file}: ${r.reason}\n`);
      for (const r of report.errors) io.stdout(`error     ${r.file}: ${r.error}\n`);
      for (const w of report.warnings) io.stdout(`warning   ${w.file}: ${w.warning}\n`);
      if (report.meta && !report.meta.error) {
        io.stdout(`metadata  ${report.meta.file}: ${report.meta.updated} documents updated`);
        io.stdout(
          report.meta.unmatched.length ? `; no document for ${report.meta.unmatched.join(', ')}\n` : '\n',
        );
      }
      io.stdout(
        `${report.imported.length} imported, ${report.skipped.length} skipped, ${report.errors.length} failed\n`,
      );
    }
    return report.errors.length ? 1 : 0;
  },
};
