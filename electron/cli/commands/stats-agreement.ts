// `concord stats agreement <ratings.csv> --json [--bootstrap N] [--seed S]` (DESIGN §4):
// stateless inter-rater agreement from a CSV `unit,coder,code,value`. The statistics live
// in shared/agreement; this file reads and checks the CSV and prints the report.

import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DEFAULT_RESAMPLES } from '../../../shared/agreement/bootstrap';
import {
  RATINGS_HEADER,
  type RatingTable,
  RatingTableBuilder,
  groupRatings,
  parseRatingValue,
  ratingsHeaderColumns,
} from '../../../shared/agreement/ratings';
import { DEFAULT_SEED, agreementReportJson, buildAgreementReport } from '../../../shared/agreement/report';
import { formatAgreementTable } from '../../../shared/agreement/reportTable';
import { intOption, parseCommandArgs } from '../args';
import { type CliCommand, CliError } from '../command';
import { readCsvFile } from '../csvInput';

const usage = 'concord stats agreement <ratings.csv> [--json] [--bootstrap N] [--seed S]';
const MAX_RESAMPLES = 100_000;

/** Gets each record's fields and its position (the CSV line, or a record ordinal that
 * `Records.lineOf` turns into one). */
type RecordVisitor = (fields: string[], position: number) => void;

interface Records {
  visit(visitor: RecordVisitor): void;
  lineOf(position: number): number;
}

// Without a double quote and without a bare CR, RFC 4180 has nothing left to interpret:
// records are the lines (LF or CRLF) and fields the comma-separated pieces. Splitting
// them directly is several times faster than csv-parse, which matters at a million rows;
// any file with a quote goes through csv-parse.
const isPlainCsv = (text: string): boolean => !text.includes('"') && !/\r(?!\n)/.test(text);

function plainRecords(text: string): Records {
  return {
    visit(visitor) {
      // One array reused for every record: the visitor reads the fields before returning.
      const fields: string[] = [];
      let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
      for (let line = 1; start <= text.length; line++) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
        if (stop > start) {
          fields.length = 0;
          let from = start;
          for (
            let comma = text.indexOf(',', from);
            comma >= 0 && comma < stop;
            comma = text.indexOf(',', from)
          ) {
            fields.push(text.slice(from, comma));
            from = comma + 1;
          }
          fields.push(text.slice(from, stop));
          visitor(fields, line);
        }
        start = end + 1;
      }
    },
    lineOf: (line) => line,
  };
}

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, relax_column_count: true } as const;

// csv-parse's per-record line numbers (`info`, `on_record`) cost two to three times the
// parse, so records carry their ordinal and the line is looked up again only for an
// error message.
function quotedRecords(file: string, bytes: Buffer): Records {
  let records: string[][];
  try {
    records = parse(bytes, CSV_OPTIONS);
  } catch (e) {
    throw new CliError(`${file}: malformed CSV: ${(e as Error).message}`);
  }
  return {
    visit(visitor) {
      records.forEach((fields, i) => visitor(fields, i + 1));
    },
    lineOf(ordinal) {
      let line = ordinal;
      parse(bytes, {
        ...CSV_OPTIONS,
        to: ordinal,
        on_record: (_record: string[], context) => {
          line = context.lines;
          return null;
        },
      });
      return line;
    },
  };
}

/** The CSV's ratings, each checked; `source` holds a position for `lineOf`. */
export function readRatingTable(
  file: string,
  bytes: Buffer,
  text: string,
): { table: RatingTable; lineOf: (position: number) => number } {
  if (text.replace(/^\uFEFF/, '').trim() === '')
    throw new CliError(`${file}: empty file; expected the header ${RATINGS_HEADER.join(',')}`);
  const records = isPlainCsv(text) ? plainRecords(text) : quotedRecords(file, bytes);
  const at = (position: number) => `${file} line ${records.lineOf(position)}`;
  const builder = new RatingTableBuilder();
  let columns: readonly [number, number, number, number] | null = null;
  records.visit((fields, position) => {
    if (!columns) {
      const header = ratingsHeaderColumns(fields);
      if (!header.ok) throw new CliError(`${at(position)}: ${header.problem}`);
      columns = header.columns;
      return;
    }
    if (fields.length !== RATINGS_HEADER.length)
      throw new CliError(
        `${at(position)}: expected ${RATINGS_HEADER.length} fields (${RATINGS_HEADER.join(',')}), got ${fields.length}`,
      );
    const [iUnit, iCoder, iCode, iValue] = columns;
    const unit = fields[iUnit]!.trim();
    const coder = fields[iCoder]!.trim();
    const code = fields[iCode]!.trim();
    const raw = fields[iValue]!;
    const value = parseRatingValue(raw);
    if (value === null) throw new CliError(`${at(position)}: value ${JSON.stringify(raw)} is not 0 or 1`);
    if (unit === '' || coder === '' || code === '')
      throw new CliError(`${at(position)}: empty ${unit === '' ? 'unit' : coder === '' ? 'coder' : 'code'}`);
    builder.add(unit, coder, code, value, position);
  });
  if (builder.size === 0) throw new CliError(`${file}: no ratings after the header`);
  return { table: builder.build(), lineOf: records.lineOf };
}

export const statsAgreementCommand: CliCommand = {
  name: 'stats agreement',
  summary: 'inter-rater agreement per code from a ratings CSV',
  usage: `Usage: ${usage}

Input: a CSV (RFC 4180, UTF-8) with the columns ${RATINGS_HEADER.join(',')}: one row per
unit, coder and code, value 1 = code applied, 0 = not applied. A missing row is a
missing rating; the same unit, coder and code twice is an error.

Per code, and for all code decisions pooled ("overall"): percent agreement (mean over
units of the share of agreeing coder pairs), Cohen's κ (two coders) or Fleiss' κ (more),
Krippendorff's α (nominal), Gwet's AC1, Brennan–Prediger, positive and negative
agreement, each coder's prevalence, and 95% bootstrap intervals (percentile method over
units, widened to contain the estimate). Undefined values are null.

Options:
  --json          print {"codes":[{"code","n_units","n_coders","percent_agreement",
                  "cohen_kappa",["fleiss_kappa",]"krippendorff_alpha","gwet_ac1",
                  "brennan_prediger","positive_agreement","negative_agreement",
                  "prevalence","ci95"}],"overall":{…}}
  --bootstrap N   resamples for the intervals (default ${DEFAULT_RESAMPLES}; 0 = no intervals)
  --seed S        seed of the resampling (default ${DEFAULT_SEED}); same seed, same intervals`,
  async run(argv, io) {
    const { positionals, values } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' }, bootstrap: { type: 'string' }, seed: { type: 'string' } },
      { min: 1, max: 1, usage },
    );
    const bootstrap = intOption(values.bootstrap, 'bootstrap') ?? DEFAULT_RESAMPLES;
    if (bootstrap > MAX_RESAMPLES)
      throw new CliError(`--bootstrap must be at most ${MAX_RESAMPLES} (got ${bootstrap})`);
    const seed = intOption(values.seed, 'seed') ?? DEFAULT_SEED;
    if (!Number.isSafeInteger(seed))
      throw new CliError(`--seed must be an integer below 2^53 (got "${values.seed}")`);
    const file = positionals[0] ?? '';
    const { bytes, text } = readCsvFile(file, resolve(io.cwd, file));
    const { table, lineOf } = readRatingTable(file, bytes, text);
    const grouping = groupRatings(table);
    if (!grouping.ok) {
      const { first, second } = grouping.duplicate;
      const same = table.value[first] === table.value[second];
      throw new CliError(
        `${file} line ${lineOf(table.source[second]!)}: unit "${table.units[table.unit[second]!]}", coder "${table.coders[table.coder[second]!]}", code "${table.codes[table.code[second]!]}" ` +
          `is rated twice (first on line ${lineOf(table.source[first]!)}${same ? ', same value' : `, value ${table.value[first]} then ${table.value[second]}`}); give one rating per unit, coder and code`,
      );
    }
    const report = buildAgreementReport(grouping.grouped, { bootstrap, seed });
    io.stdout(
      values.json ? `${JSON.stringify(agreementReportJson(report))}\n` : formatAgreementTable(report),
    );
    return 0;
  },
};

export const command = statsAgreementCommand;
