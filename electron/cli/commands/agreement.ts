import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_RESAMPLES } from '../../../shared/agreement/bootstrap';
import { DEFAULT_SEED } from '../../../shared/agreement/report';
import { type AgreementExportFormat, agreementFile } from '../../backend/agreement/exportReport';
import { projectAgreementReport, withRecordedRun } from '../../backend/agreement/projectReport';
import { formatReportText } from '../../backend/agreement/reportText';
import { intOption, parseCommandArgs } from '../args';
import { type CliCommand, CliError } from '../command';
import { withProject } from './projectFile';

// `concord agreement <file.concord> --coders A,B[,C] [--json]` (DESIGN §4): the agreement
// report of a project's coders. --json prints the shape of `stats agreement` plus
// "coders" (and the pairs, AI-vs-reference, flags, codebook and warnings of the UI).

const usage =
  'concord agreement <file.concord> --coders A,B[,C] [--sample NAME] [--json] [--bootstrap N] [--seed S] [--record] [--csv F] [--xlsx F] [--methods F]';
const MAX_RESAMPLES = 100_000;

export const agreementCommand: CliCommand = {
  name: 'agreement',
  summary: "agreement between a project's coders (human–human, human–AI), per code and pooled",
  usage: `Usage: ${usage}

Compares the coders (names or ids; two or more) on the segments of a sample
(--sample NAME, or "calibration" / "holdout" for the newest such sample), or else on
every segment all of them have finished. A coder who finished a segment said no to
every code they did not apply there; elsewhere their ratings are missing. Codes are
matched across codebook versions by their stable id.

Per code and pooled: percent agreement, Cohen's κ (two coders) or Fleiss' κ (more),
Krippendorff's α, Gwet's AC1, Brennan–Prediger, positive and negative agreement,
prevalence per coder and 95% bootstrap intervals; the same per pair of coders; each AI
coder's precision, recall and F1 against the consensus (or the human coders); and which
codes are ready under the project's thresholds.

Options:
  --coders A,B[,C]  the coders to compare (required)
  --sample NAME     the units: a sample's segments
  --json            one JSON document: {"coders","scope","codes","overall","pairs",
                    "ai_vs_reference","flags","codebook","warnings",…}
  --bootstrap N     resamples for the intervals (default ${DEFAULT_RESAMPLES}; 0 = none)
  --seed S          seed of the resampling (default ${DEFAULT_SEED})
  --record          keep the report's summary in the project's agreement history
  --csv F, --xlsx F, --methods F
                    also write the agreement table (CSV, XLSX) or the methods paragraph`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      {
        coders: { type: 'string' },
        sample: { type: 'string' },
        json: { type: 'boolean' },
        bootstrap: { type: 'string' },
        seed: { type: 'string' },
        record: { type: 'boolean' },
        csv: { type: 'string' },
        xlsx: { type: 'string' },
        methods: { type: 'string' },
      },
      { min: 1, max: 1, usage },
    );
    const coders = (values.coders ?? '')
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
    if (!coders.length) throw new CliError(`--coders is required (e.g. --coders Ana,Ben); usage: ${usage}`);
    if (coders.length < 2)
      throw new CliError(`agreement needs at least two coders, got ${coders.length} (--coders A,B)`);
    const bootstrap = intOption(values.bootstrap, 'bootstrap') ?? DEFAULT_RESAMPLES;
    if (bootstrap > MAX_RESAMPLES)
      throw new CliError(`--bootstrap must be at most ${MAX_RESAMPLES} (got ${bootstrap})`);
    const seed = intOption(values.seed, 'seed') ?? DEFAULT_SEED;
    if (!Number.isSafeInteger(seed))
      throw new CliError(`--seed must be an integer below 2^53 (got "${values.seed}")`);
    const outputs: [AgreementExportFormat, string | undefined][] = [
      ['csv', values.csv],
      ['xlsx', values.xlsx],
      ['methods', values.methods],
    ];
    const report = await withProject(positionals[0]!, io.cwd, async (p) => {
      const built = projectAgreementReport(p.db, { coders, sample: values.sample, bootstrap, seed });
      const r = values.record
        ? p.transaction(() =>
            withRecordedRun(
              p.db,
              built.report,
              built.data,
              'calibration',
              io.env.CONCORD_USER ?? io.env.USER ?? 'cli',
            ),
          )
        : built.report;
      for (const [format, path] of outputs)
        if (path) writeFileSync(resolve(io.cwd, path), (await agreementFile(p.db, r, format, p.name)).bytes);
      return r;
    });
    io.stdout(values.json ? `${JSON.stringify(report)}\n` : formatReportText(report));
    return 0;
  },
};

export const command = agreementCommand;
