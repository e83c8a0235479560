import type Database from 'better-sqlite3';
import {
  CompareOptionsSchema,
  type CompareOptions,
  type CompareResult,
  type CompareStratum,
  type GroupUnits,
  type ParsedCompareOptions,
} from '../../../shared/contract/compare';
import { UserError } from '../errors';
import { readAppliedPairs, withAncestors, type AppliedPairs } from './appliedPairs';
import { ancestorOrdinals, listComparedCodes, type ComparedCode } from './codeList';
import { compareRows } from './compareRows';
import { countCodes, groupTotals, type GroupAssignment, type GroupTotals } from './countCodes';
import { loadCorpus, type Corpus } from './corpus';
import { chooseGroups, type GroupChoice } from './groupSelection';
import { cautionNotes, inferenceAdvice, METHODS_TEXT, type InferenceAdvice } from './inferenceNotes';

/** What every comparison on one project needs, loaded once (also for breakdowns). */
interface ComparisonInputs {
  corpus: Corpus;
  codes: ComparedCode[];
  pairs: AppliedPairs;
  attributeNames: string[];
}

// The UI asks for the same project many times in a row (switching level, breakdown,
// groups); the inputs are kept per connection until the database changes. PRAGMA
// data_version moves when another connection commits, total_changes() when this one
// writes, so together they notice every change.
const cache = new WeakMap<Database.Database, { stamp: string; inputs: Map<string, ComparisonInputs> }>();

function loadInputs(
  db: Database.Database,
  source: ParsedCompareOptions['source'],
  rollup: boolean,
): ComparisonInputs {
  const stamp = `${db.pragma('data_version', { simple: true }) as number}:${db.prepare('SELECT total_changes()').pluck().get() as number}`;
  let entry = cache.get(db);
  if (!entry || entry.stamp !== stamp) cache.set(db, (entry = { stamp, inputs: new Map() }));
  const key = `${source}:${rollup}`;
  const hit = entry.inputs.get(key);
  if (hit) return hit;
  let inputs: ComparisonInputs;
  if (rollup) {
    const plain = loadInputs(db, source, false);
    inputs = { ...plain, pairs: withAncestors(plain.pairs, ancestorOrdinals(plain.codes)) };
  } else {
    const corpus = loadCorpus(db);
    const { codes, ordinalOfCodeId } = listComparedCodes(db);
    const attributeNames = db
      .prepare('SELECT DISTINCT name FROM document_attributes ORDER BY name')
      .pluck()
      .all() as string[];
    inputs = { corpus, codes, pairs: readAppliedPairs(db, source, corpus, ordinalOfCodeId), attributeNames };
  }
  entry.inputs.set(key, inputs);
  return inputs;
}

function valueCounts(values: (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

interface SchoolUnits {
  documentSchool: Int32Array;
  count: number;
  named: boolean[];
}

/** One unit per school name; a document without one is a unit of its own. */
function schoolUnits(schools: (string | null)[]): SchoolUnits {
  const byName = new Map<string, number>();
  const named: boolean[] = [];
  const documentSchool = new Int32Array(schools.length);
  schools.forEach((name, doc) => {
    let unit = name === null ? undefined : byName.get(name);
    if (unit === undefined) {
      unit = named.length;
      named.push(name !== null);
      if (name !== null) byName.set(name, unit);
    }
    documentSchool[doc] = unit;
  });
  return { documentSchool, count: named.length, named };
}

/** true when no school has documents with different values of `by` (and some school is known). */
function isSchoolLevelAttribute(by: (string | null)[], schools: (string | null)[]): boolean {
  const seen = new Map<string, string>();
  let any = false;
  for (let i = 0; i < by.length; i++) {
    const school = schools[i];
    const value = by[i];
    if (school == null || value == null) continue;
    any = true;
    const before = seen.get(school);
    if (before !== undefined && before !== value) return false;
    seen.set(school, value);
  }
  return any;
}

function unitsOf(totals: GroupTotals, g: 0 | 1, values: string[]): GroupUnits {
  return {
    values,
    documents: totals.documents[g],
    segments: totals.segments[g],
    schools: totals.schools[g],
    words: totals.words[g],
  };
}

interface ComparisonCore {
  a: string;
  b: string;
  groups: { a: GroupUnits; b: GroupUnits };
  notes: string[];
  codes: CompareResult['codes'];
}

function compareAssignment(
  inputs: ComparisonInputs,
  options: ParsedCompareOptions,
  choice: GroupChoice,
  assignment: GroupAssignment,
  schools: SchoolUnits,
  advice: InferenceAdvice,
): ComparisonCore {
  const { corpus } = inputs;
  const counts = countCodes(inputs.pairs, corpus.segmentDocument, assignment, inputs.codes.length);
  const totals = groupTotals(
    corpus.segmentsPerDocument,
    corpus.documents.map((d) => d.words),
    assignment,
  );
  const codes = compareRows(inputs.codes, counts, totals, options.level, choice.a, choice.b);
  let withoutSchool = 0;
  const schoolGroups = new Map<number, number>();
  assignment.documentGroup.forEach((g, doc) => {
    if (g < 0) return;
    const unit = assignment.documentSchool[doc]!;
    if (!schools.named[unit]) withoutSchool++;
    else schoolGroups.set(unit, (schoolGroups.get(unit) ?? 0) | (1 << g));
  });
  const notes = cautionNotes({
    level: options.level,
    a: choice.a,
    b: choice.b,
    totals,
    advice,
    documentsWithoutSchool: withoutSchool,
    schoolsInBothGroups: [...schoolGroups.values()].filter((mask) => mask === 3).length,
    labelsKept: counts.segments.reduce((s, n) => s + n, 0),
  });
  return {
    a: choice.a,
    b: choice.b,
    groups: { a: unitsOf(totals, 0, choice.aValues), b: unitsOf(totals, 1, choice.bValues) },
    notes,
    codes,
  };
}

function compareChoice(
  inputs: ComparisonInputs,
  options: ParsedCompareOptions,
  choice: GroupChoice,
): CompareResult {
  const { corpus } = inputs;
  const byValues = corpus.attribute(options.by);
  const schoolNames = corpus.attribute(options.schoolAttribute);
  const schools = schoolUnits(schoolNames);
  const aSet = new Set(choice.aValues);
  const bSet = new Set(choice.bValues);
  const documentGroup = Int8Array.from(byValues, (v) =>
    v === null ? -1 : aSet.has(v) ? 0 : bSet.has(v) ? 1 : -1,
  );
  for (const [g, name] of [
    [0, choice.a],
    [1, choice.b],
  ] as const) {
    if (!documentGroup.includes(g)) throw new UserError(`group "${name}" has no documents`);
  }
  const assignment: GroupAssignment = {
    documentGroup,
    documentSchool: schools.documentSchool,
    schoolUnits: schools.count,
  };
  // comparing schools with each other leaves one unit per group at the school level
  const schoolLevel = options.by !== options.schoolAttribute && isSchoolLevelAttribute(byValues, schoolNames);
  const advice = inferenceAdvice(options.by, schoolLevel, options.schoolAttribute);
  const core = compareAssignment(inputs, options, choice, assignment, schools, advice);

  const breakdowns = (options.breakdowns ?? []).map((attribute) => {
    const values = corpus.attribute(attribute);
    const inGroups = values.filter((v, doc) => v !== null && documentGroup[doc]! >= 0) as string[];
    if (inGroups.length === 0) {
      throw new UserError(
        `no compared document has the attribute "${attribute}" to break the comparison down by`,
      );
    }
    const strata: CompareStratum[] = [...new Set(inGroups)]
      .sort((x, y) => x.localeCompare(y, undefined, { numeric: true }))
      .map((value) => {
        const stratumGroups = Int8Array.from(documentGroup, (g, doc) => (values[doc] === value ? g : -1));
        const stratum = compareAssignment(
          inputs,
          options,
          choice,
          { ...assignment, documentGroup: stratumGroups },
          schools,
          advice,
        );
        return { value, ...stratum };
      });
    return { attribute, strata };
  });

  return {
    by: options.by,
    level: options.level,
    source: options.source,
    school_attribute: options.schoolAttribute,
    rollup: options.rollup,
    ...core,
    inference: advice,
    methods: METHODS_TEXT,
    breakdowns,
  };
}

/** The comparison of two groups of documents (DESIGN §1.8). Read-only. */
export function runComparison(db: Database.Database, raw: CompareOptions): CompareResult {
  const options = CompareOptionsSchema.parse(raw);
  const inputs = loadInputs(db, options.source, options.rollup);
  const choice = chooseGroups(
    options,
    valueCounts(inputs.corpus.attribute(options.by)),
    inputs.attributeNames,
  );
  return compareChoice(inputs, options, choice);
}

/** One comparison per value of the attribute against all its other values. */
export function runEachVsRest(
  db: Database.Database,
  raw: Omit<CompareOptions, 'a' | 'b' | 'rest'>,
): CompareResult[] {
  const options = CompareOptionsSchema.parse({ ...raw, a: undefined, b: undefined, rest: true });
  const inputs = loadInputs(db, options.source, options.rollup);
  const counts = valueCounts(inputs.corpus.attribute(options.by));
  const values = [...counts.keys()].sort((x, y) => x.localeCompare(y));
  if (values.length === 0) chooseGroups(options, counts, inputs.attributeNames);
  return values.map((a) =>
    compareChoice(inputs, options, chooseGroups({ ...options, a }, counts, inputs.attributeNames)),
  );
}
