import { foldText } from '../../data/query-words.js';

/**
 * A speaker's canonical form: the key under which one person's (or organisation's) quotes are gathered across
 * articles. Titles, honorifics, generational suffixes and possessives are dropped, diacritics folded, case and
 * punctuation ignored, so `Dr. José Álvarez Jr.`, `Jose Alvarez` and `JOSÉ ÁLVAREZ'S` share one key. A role phrase
 * with no name (`a spokesperson`) keeps its words, lower-cased, so it never merges with a named person.
 */
export function canonicalSpeaker(speaker: string): string {
  const words = foldText(speaker)
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
  const named = words.filter((word, index) => !HONORIFICS.has(word) && !(index > 0 && SUFFIXES.has(word)));
  return (named.length > 0 ? named : words).join(' ');
}

/** Lower case with diacritics removed (`Ólafur` -> `olafur`), for comparing names typed by users with stored ones. */
export const foldForMatching: (text: string) => string = foldText;

/** Words that precede a name without being part of it. Roles that can be the whole speaker stay out of this list. */
const HONORIFICS = new Set(
  (
    'mr mrs ms miss mx dr prof sir dame lord lady rev fr sen rep gov gen col lt capt sgt insp supt ' +
    'president senator congressman congresswoman representative governor mayor judge justice premier chancellor ' +
    'minister secretary ambassador commissioner professor doctor detective inspector sergeant captain colonel general'
  ).split(' '),
);

/** Generational suffixes, dropped only after the first word so that a surname such as `Ii` never empties a name. */
const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);
