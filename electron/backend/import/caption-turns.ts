import { acceptSpeakerLabels, looksLikeSpeakerName, speakerKey, speakerName } from './speaker-labels';
import type { RenderableTurn } from './render-turns';

// Subtitle files (WebVTT, SRT) cut speech into short timed cues; a cue names its speaker
// with a voice tag (`<v Name>`), a `Name:` / `- Name:` / `[Name]` prefix, or not at all
// when the speaker has not changed (captioning convention). Here cue lines become pieces
// with a speaker, and runs of pieces by the same speaker become one turn.

export interface CuePiece {
  /** speaker from a voice tag: certain */
  voice: string | null;
  /** cue text, markup removed */
  text: string;
  timeStart: number | null;
  timeEnd: number | null;
}

interface Prefixed {
  label: string;
  rest: string;
}

const wordSet = (...lines: string[]): Set<string> => new Set(lines.join(' ').split(' '));

// `[LAUGHS]`, `[music]`, `[inaudible]`: sound descriptions, not speakers.
const SOUND_WORDS = wordSet(
  'music laughs laughter laughing applause inaudible crosstalk silence pause paused noise sighs',
  'sigh coughs cough unintelligible indistinct overlapping background foreign speaking singing',
  'chuckles clapping phone door beep static end start break recording no audio risas música',
);

const DASH = /^(?:[-–—]|>>)[ \t]*/;
const BRACKET = /^\[([^\]\n]{1,40})\][ \t]*:?[ \t]*/;
const COLON = /^([^:：\n]{1,48}?)[ \t]*[:：](?=\s|$)[ \t]*/;

function speakerPrefix(text: string): Prefixed | null {
  const dash = DASH.exec(text);
  const body = dash ? text.slice(dash[0].length) : text;
  const bracket = BRACKET.exec(body);
  if (bracket) {
    const label = (bracket[1] ?? '').trim();
    const firstWord = (label.split(/\s+/)[0] ?? '').toLowerCase();
    if (!/^\p{Lu}/u.test(label) || SOUND_WORDS.has(firstWord)) {
      // `[LAUGHS] Interviewer: ...`: the speaker follows the sound description, which stays.
      const after = colonPrefix(body.slice(bracket[0].length));
      return after && { label: after.label, rest: `[${label}] ${after.rest}` };
    }
    return looksLikeSpeakerName(label) ? { label, rest: body.slice(bracket[0].length) } : null;
  }
  return colonPrefix(body);
}

function colonPrefix(text: string): Prefixed | null {
  const colon = COLON.exec(text);
  if (!colon) return null;
  const label = (colon[1] ?? '').trim();
  return looksLikeSpeakerName(label) ? { label, rest: text.slice(colon[0].length) } : null;
}

/** Speaker turns from a cue sequence, consecutive pieces by the same speaker merged. */
export function captionTurns(pieces: readonly CuePiece[]): RenderableTurn[] {
  const prefixes = pieces.map((p) => (p.voice === null ? speakerPrefix(p.text) : null));
  const accepted = acceptSpeakerLabels(prefixes.flatMap((p) => (p ? [p.label] : [])));

  const runs: { turn: RenderableTurn; texts: string[] }[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (!piece) continue;
    const current = runs[runs.length - 1];
    const prefix = prefixes[i];
    const labelled = prefix && accepted.has(speakerKey(prefix.label)) ? prefix : null;
    const speaker =
      piece.voice !== null
        ? speakerName(piece.voice)
        : labelled
          ? speakerName(labelled.label)
          : (current?.turn.speaker ?? null);
    const text = (labelled ? labelled.rest : piece.text).trim();
    if (text.length === 0) continue;
    if (current && current.turn.speaker === speaker) {
      current.texts.push(text);
      current.turn.timeEnd = piece.timeEnd ?? current.turn.timeEnd;
    } else {
      runs.push({
        turn: { speaker, content: '', timeStart: piece.timeStart, timeEnd: piece.timeEnd },
        texts: [text],
      });
    }
  }
  return runs.map(({ turn, texts }) => ({ ...turn, content: texts.join(' ') }));
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

/** Caption text without markup: tags, SSA override codes (`{\an8}`) and HTML entities. */
export function plainCaptionText(markup: string): string {
  if (!/[<&{\t]| {2}/.test(markup)) return markup.trim(); // most cue lines carry no markup
  return markup
    .replace(/<[^>\n]*>/g, '')
    .replace(/\{\\[^}\n]*\}/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .trim();
}
