import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exportCodebookFile, formatFromFileName } from '../../backend/codebook/codebookFiles';
import { CliError, type CliCommand } from '../command';
import { intOption, parseCommandArgs } from '../args';
import { withProject } from './projectFile';

const usage =
  'concord codebook export <file.concord> <out.qdc|out.json|out.md|out.docx> [--version N] [--json]';

export const codebookExportCommand: CliCommand = {
  name: 'codebook export',
  summary: 'export a codebook version (.qdc, JSON, Markdown, DOCX)',
  usage: `Usage: ${usage}

Writes the active codebook version, or version N with --version, in the format the
output's extension names: .qdc (REFI-QDA codebook, for ATLAS.ti, MAXQDA, NVivo,
QualCoder; definition, criteria and examples in each code's Description), .json
(Concord's JSON form, importable again), .md or .docx (a readable codebook for
appendices).`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { version: { type: 'string' }, json: { type: 'boolean' } },
      { min: 2, max: 2, usage },
    );
    const [projectPath, out] = positionals as [string, string];
    const format = formatFromFileName(out);
    if (!format) throw new CliError(`cannot tell the format from "${out}" (use .qdc, .json, .md or .docx)`);
    const version = intOption(values.version, 'version', 1);
    const file = await withProject(projectPath, io.cwd, (project) =>
      exportCodebookFile(project.db, format, version),
    );
    const target = resolve(io.cwd, out);
    // written beside the target and renamed, so a failed export never leaves half a file
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, file.bytes);
      renameSync(tmp, target);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw new CliError(`cannot write ${out}: ${(e as Error).message}`);
    }
    if (values.json)
      io.stdout(
        `${JSON.stringify({ file: out, format, version: file.version, bytes: file.bytes.length })}\n`,
      );
    else io.stdout(`wrote codebook version ${file.version} to ${out}\n`);
    return 0;
  },
};
