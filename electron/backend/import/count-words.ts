// Word counts feed the "per 1,000 words" rates of the group comparison, so they must be
// the same everywhere a count is taken. Intl.Segmenter's word mode would be the reference,
// but V8's implementation is far too slow here (about 0.5 ms per 1,000 characters even on
// short strings, and quadratic on long ones), so this regex mirrors its results for the
// study's languages: letters, marks and digits, joined by inner apostrophes and periods
// (`don't`, `3.5`, `U.S`), split at hyphens (`well-being` = 2, as the Segmenter does).
// Chinese and Japanese have no spaces; each ideograph or kana counts as a word, as word
// processors count them.

const WORD_CHAR = String.raw`(?:[\p{M}\p{N}]|[^\P{L}\p{sc=Han}\p{sc=Hira}\p{sc=Kana}])`;
const WORD = new RegExp(
  String.raw`${WORD_CHAR}+(?:['’.]${WORD_CHAR}+)*|[\p{sc=Han}\p{sc=Hira}\p{sc=Kana}]`,
  'gu',
);

export function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n++;
  return n;
}
