/** Character-level helpers for the briefing engine's hot loops, where a regex per character or line costs too much. */

/** JavaScript's white space (`\s`, and what `trim` removes), by character code. */
export function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

// Hoisted because tsx (esbuild) turns a `\p{...}` regex literal into a `new RegExp` where it stands, rebuilt on every
// call; this test runs for many speakers and words of every quote.
const CAPITAL_FIRST = /^\p{Lu}/u;

/** Whether `text` starts with a capital letter, in any script. */
export function startsWithCapital(text: string): boolean {
  return CAPITAL_FIRST.test(text);
}

/** The character codes of `chars`, for membership tests in a scan. */
export function charCodes(chars: string): Set<number> {
  return new Set(Array.from(chars, (c) => c.charCodeAt(0)));
}

/** Words (runs of non-space) in `text`, counting at most `limit + 1` of them: enough to compare against `limit`. */
export function wordCount(text: string, limit = Infinity): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length && words <= limit; i += 1) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) words += 1;
    inWord = !space;
  }
  return words;
}

/** How many of `items`, in order of `start`, start before `at`: the index of the first one starting at or after it. */
export function countStartingBefore(items: readonly { start: number }[], at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid]?.start ?? Infinity) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `text` has at most `limit` words; stops counting past the limit. */
export function hasAtMostWords(text: string, limit: number): boolean {
  return wordCount(text, limit) <= limit;
}

/** Words (runs of non-space) of `text` that start with an ASCII capital letter. */
export function capitalisedWordCount(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    const space = isSpace(c);
    if (!space && !inWord && c >= 65 && c <= 90) words += 1;
    inWord = !space;
  }
  return words;
}
