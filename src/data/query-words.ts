/**
 * Words too common to search for. A search made only of these (or of punctuation) has no searchable words and
 * returns no results rather than every article.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both ' +
    'but by can could did do does doing down during each few for from further had has have having he her here hers ' +
    'herself him himself his how i if in into is it its itself just me more most my myself near no nor not now of off ' +
    'on once only or other our ours ourselves out over own same she should so some such than that the their theirs ' +
    'them themselves then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your yours yourself yourselves'
  ).split(' '),
);

/**
 * Strips diacritics and lower-cases (`Ólafur` -> `olafur`): the text whose letter-and-digit runs are its words, and the
 * form in which typed and stored names are compared.
 */
export function foldText(text: string): string {
  // Plain ASCII (most titles) has no diacritics to strip; skipping normalize keeps autocomplete's title scan cheap.
  const folded = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/\p{M}+/gu, '') : text;
  return folded.toLowerCase();
}

/** Lower-cases, strips diacritics and splits on anything that is not a letter or a digit. */
export function splitWords(text: string): string[] {
  return foldText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/**
 * A test of titles against typed words (as `typedWords` gives them): true when every typed word is the start of a
 * word of `splitWords(title)`. It looks for each word where a word of the folded title begins rather than splitting
 * the title, which keeps a scan over many titles cheap.
 */
export function startsTitleWords(typed: readonly string[]): (title: string) => boolean {
  const patterns = typed.map((word) => new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}`, 'u'));
  return (title) => {
    const folded = foldText(title);
    return patterns.every((pattern) => pattern.test(folded));
  };
}

/**
 * Whether `word` is letters and digits only (as `splitWords` gives words), so it can be quoted into any full-text
 * query syntax safely.
 */
export function isPlainWord(word: string): boolean {
  return /^[\p{L}\p{N}]+$/u.test(word);
}

/**
 * The searchable words of user-typed query text: no punctuation, no operators, no stop words, at most `max` words.
 * Every word is letters and digits only, so it can be quoted into any full-text query syntax safely.
 */
export function queryWords(query: string, max = 16): string[] {
  const words = splitWords(query).filter((word) => !STOP_WORDS.has(word));
  return [...new Set(words)].slice(0, max);
}

/**
 * The words typed into an autocomplete box: as `splitWords`, keeping stop words (a title may start with "The"),
 * at most `max` words. Each is matched as the prefix of a title word.
 */
export function typedWords(typed: string, max = 8): string[] {
  return splitWords(typed).slice(0, max);
}

/**
 * A plain-text excerpt of about `width` characters around the first place a query word (or its stem) occurs,
 * cut at word boundaries; the opening of the text when no word is found.
 */
export function makeSnippet(text: string, words: readonly string[], width = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  let at = -1;
  if (words.length > 0) {
    // Stemmed matching finds "elections" for "election": compare on a shortened stem.
    const stems = words.map((word) => (word.length > 5 ? word.slice(0, word.length - 2) : word));
    const match = new RegExp(`(?<![\\p{L}\\p{N}])(?:${stems.join('|')})`, 'iu').exec(flat);
    if (match) at = match.index;
  }
  if (flat.length <= width) return flat;
  let start = at < 0 ? 0 : Math.max(0, at - Math.floor(width / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space < 0 || space > at ? start : space + 1;
  }
  let end = Math.min(flat.length, start + width);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start) end = space;
  }
  return `${start > 0 ? '… ' : ''}${flat.slice(start, end)}${end < flat.length ? ' …' : ''}`;
}
