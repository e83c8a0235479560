import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  COMPARE_LABEL_SOURCES,
  COMPARE_LEVELS,
  type CompareLabelSource,
  type CompareLevel,
} from '../../../shared/contract/compare';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/contract/exchange';
import { exportProjectFile } from '../../backend/exports/exportFile';
import { oneOf, parseCommandArgs } from '../args';
import { CliError, type CliCommand } from '../command';
import { withProject } from './projectFile';

const usage =
  'concord export <file.concord> --format qdpx|csv|xlsx|matrix|comparison|methods <out> [--by ATTR --level L --source S --a V --b V]';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'export labels (CSV, matrix), a report workbook (XLSX) or a REFI-QDA project (.qdpx)',
  usage: `Usage: ${usage}

Formats:
  csv         one row per applied label: document,segment_id,segment_index,speaker,coder,
              code,source,reviewed,confidence,code_id
  matrix      document,segment_id,coder,<code name>…: 0/1 per code, one row per segment
              and coder who coded it
  xlsx        a formatted workbook: the comparison table, the label table, the methods
              paragraph (comparison options as for \`concord compare\`)
  qdpx        a REFI-QDA project for ATLAS.ti, MAXQDA, NVivo, QualCoder: sources, codes,
              codings (code-point offsets), users, variables and cases
  comparison  the comparison table as CSV
  methods     the generated methods paragraph (Markdown)`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      {
        format: { type: 'string' },
        by: { type: 'string' },
        level: { type: 'string' },
        source: { type: 'string' },
        a: { type: 'string' },
        b: { type: 'string' },
        json: { type: 'boolean' },
      },
      { min: 2, max: 2, usage },
    );
    if (values.format === undefined) throw new CliError(`--format is required; usage: ${usage}`);
    const format = oneOf<ExportFormat>(values.format, EXPORT_FORMATS, 'format')!;
    const out = resolve(io.cwd, positionals[1]!);
    if (existsSync(out) && statSync(out).isDirectory())
      throw new CliError(`${positionals[1]} is a directory`);
    if (!existsSync(dirname(out))) throw new CliError(`the folder ${dirname(out)} does not exist`);
    const compare = {
      ...(values.by !== undefined && { by: values.by }),
      ...(values.a !== undefined && { a: values.a }),
      ...(values.b !== undefined && { b: values.b }),
      level: oneOf<CompareLevel>(values.level, COMPARE_LEVELS, 'level'),
      source: oneOf<CompareLabelSource>(values.source, COMPARE_LABEL_SOURCES, 'source'),
    };
    const file = await withProject(positionals[0]!, io.cwd, (p) => exportProjectFile(p, format, compare));
    writeFileSync(out, file.bytes);
    for (const w of file.warnings) io.stderr(`concord: warning: ${w}\n`);
    if (values.json)
      io.stdout(
        `${JSON.stringify({ path: out, format, bytes: file.bytes.length, warnings: file.warnings })}\n`,
      );
    return 0;
  },
};
