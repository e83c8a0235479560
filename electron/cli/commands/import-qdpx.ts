import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { importQdpxToNewProject } from '../../backend/exchange/importQdpx';
import { parseCommandArgs } from '../args';
import { CliError, type CliCommand } from '../command';

const usage = 'concord import-qdpx <file.qdpx> <file.concord> [--json]';

/** The archive is read whole; the importer's own limits guard what it unpacks to. */
const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;

export const importQdpxCommand: CliCommand = {
  name: 'import-qdpx',
  summary: 'create a project from a REFI-QDA project (.qdpx) of ATLAS.ti, MAXQDA, NVivo, QualCoder',
  usage: `Usage: ${usage}

Creates <file.concord> from a REFI-QDA project archive: text sources become documents
(segmented into speaker turns), the codebook the codebook, users human coders, codings
labels on the segment that contains them (exact spans kept), and variables document
attributes (case variables apply to the case's documents; source variables override).
Refuses an existing target. A hostile or inconsistent archive (DTD or entities, entries
outside the archive, zip bombs, duplicate GUIDs, dangling references, missing sources,
selections outside the text) is rejected whole and no file is left behind.

--json prints {"path","documents","codes","coders","labels","attributes","warnings"}.`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' } },
      { min: 2, max: 2, usage },
    );
    const source = resolve(io.cwd, positionals[0]!);
    let bytes: Buffer;
    try {
      const st = statSync(source);
      if (st.isDirectory()) throw new CliError(`${positionals[0]} is a directory, not a .qdpx file`);
      if (st.size > MAX_ARCHIVE_BYTES) throw new CliError(`${positionals[0]} is larger than 1 GB`);
      bytes = readFileSync(source);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError(
        `cannot read ${positionals[0]}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
      );
    }
    const report = await importQdpxToNewProject(
      bytes,
      resolve(io.cwd, positionals[1]!),
      io.env.CONCORD_USER ?? io.env.USER ?? 'researcher',
    );
    if (values.json) io.stdout(`${JSON.stringify(report)}\n`);
    else {
      io.stdout(
        `${positionals[1]}: ${report.documents} documents, ${report.codes} codes, ${report.coders} coders, ${report.labels} labels\n${report.warnings.map((w) => `  note: ${w}\n`).join('')}`,
      );
    }
    return 0;
  },
};
