// Deciding whether the `Something:` at the start of a line names a speaker.
//
// Transcripts label turns with names (`Dr. Smith:`, `LUCÍA PAREDES:`), roles
// (`Interviewer:`, `Teacher Okafor:`, `Interpreter (Spanish):`) or codes (`P12:`), but the
// same shape also occurs inside turns (`Note: the meeting...`, `What I said was: ...`) and
// in header blocks (`Date: 12 March`). A label therefore has to look like a name AND either
// start with a role word or occur at least twice in the document.

const MAX_LABEL_CHARS = 40;
const MAX_LABEL_WORDS = 5;

const NAME_WORD = /^[\p{L}\p{M}\p{N}]+(?:['’\-/][\p{L}\p{M}\p{N}]+)*$/u;
// Titles and initials: Dr., Mrs., Prof., Sra., J., J.R.
const ABBREVIATION = /^(?:\p{L}{1,4}\.)+$/u;
const NUMBER = /^#?\d+$/;
// `Interpreter (Spanish)`, `Ms. Lopez (mother)`
const QUALIFIER = /^(.*?)\s*\(([\p{L}\p{M}\p{N}'’\-/., ]{1,30})\)$/u;

const wordSet = (...lines: string[]): Set<string> => new Set(lines.join(' ').split(' '));

const ROLE_WORDS = wordSet(
  'interviewer interviewee interpreter translator moderator facilitator respondent participant',
  'parent mother father guardian grandmother grandfather teacher principal counselor counsellor',
  'student researcher coach superintendent director speaker host staff liaison coordinator',
  // Spanish: many of the study's families are interviewed in Spanish
  'entrevistador entrevistadora entrevistado entrevistada intérprete participante madre padre',
  'maestro maestra directora estudiante',
);

// Header and annotation keys that recur in transcripts without ever being speakers.
const NEVER_SPEAKER = wordSet(
  're ps p.s. nb n.b. cc to from school interview session recorded recording present project',
  'study example examples important warning tip update edit link url email phone status result',
  'results',
);
const NEVER_SPEAKER_LAST_WORD = wordSet(
  'note notes comment comments date time location place duration length title subject topic',
  'agenda summary transcript transcription file filename site attendees participants language',
  'source keywords tags memo memos nota notas fecha hora lugar duración tema',
);

interface LabelWords {
  words: string[];
  qualifier: string | null;
}

function labelWords(label: string): LabelWords | null {
  const q = QUALIFIER.exec(label);
  const base = q ? (q[1] ?? '') : label;
  const qualifier = q ? (q[2] ?? '').trim() : null;
  const words = base.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return null;
  return { words, qualifier };
}

/** Whether `label` (the text before the colon, trimmed) has the shape of a speaker name. */
export function looksLikeSpeakerName(label: string): boolean {
  if (label.length === 0 || label.length > MAX_LABEL_CHARS) return false;
  if (!/^\p{L}/u.test(label)) return false;
  const parts = labelWords(label);
  if (!parts) return false;
  const qualifierWords = parts.qualifier ? parts.qualifier.split(/\s+/).length : 0;
  if (parts.words.length + qualifierWords > MAX_LABEL_WORDS) return false;
  return parts.words.every((w) => NAME_WORD.test(w) || ABBREVIATION.test(w) || NUMBER.test(w));
}

/** Case- and spacing-insensitive identity of a label, for counting recurrences. */
export function speakerKey(label: string): string {
  return speakerName(label).toLowerCase();
}

/** The label as it will be stored: as written (NFC), with runs of spaces collapsed. */
export function speakerName(label: string): string {
  // Called for every label line of every transcript: skip ICU normalisation for ASCII.
  const nfc = /[\u0080-\uffff]/.test(label) ? label.normalize('NFC') : label;
  return nfc.replace(/\s+/g, ' ').trim();
}

const isCapitalised = (w: string): boolean => /^[\p{Lu}\p{Lt}\p{N}#]/u.test(w);
const bare = (w: string): string => w.toLowerCase().replace(/\.+$/, '');

/**
 * `Teacher Okafor`, `INTERVIEWER`, `Assistant Principal`, `Interpreter (Spanish)`, but not
 * `Principal said` or `Notes for the teacher`: the role word leads (or ends a title-cased
 * label) and the other words are capitalised like a name.
 */
function isRoleLabel(label: string): boolean {
  const parts = labelWords(label);
  if (!parts) return false;
  const [first, ...rest] = parts.words;
  if (first === undefined) return false;
  if (ROLE_WORDS.has(bare(first)) && rest.every(isCapitalised)) return true;
  const last = parts.words[parts.words.length - 1] ?? '';
  return ROLE_WORDS.has(bare(last)) && parts.words.every(isCapitalised);
}

function isNeverSpeaker(label: string): boolean {
  const parts = labelWords(label);
  if (!parts) return true;
  const last = parts.words[parts.words.length - 1] ?? '';
  return NEVER_SPEAKER.has(speakerKey(label)) || NEVER_SPEAKER_LAST_WORD.has(bare(last));
}

/** Whether a rejected candidate still looks enough like a name to mention in a warning. */
export function isNameLike(label: string): boolean {
  const parts = labelWords(label);
  return !!parts && parts.words.every(isCapitalised) && !isNeverSpeaker(label);
}

/**
 * The keys (see `speakerKey`) of the candidate labels accepted as speakers, given every
 * line-start candidate found in one document.
 */
export function acceptSpeakerLabels(candidates: readonly string[]): Set<string> {
  const counts = new Map<string, { label: string; n: number }>();
  for (const label of candidates) {
    const key = speakerKey(label);
    const entry = counts.get(key);
    if (entry) entry.n++;
    else counts.set(key, { label, n: 1 });
  }
  const accepted = new Set<string>();
  for (const [key, { label, n }] of counts) {
    if (isNeverSpeaker(label)) continue;
    if (n >= 2 || isRoleLabel(speakerName(label))) accepted.add(key);
  }
  return accepted;
}
