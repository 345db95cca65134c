/** Quote marks grouped into quoted parts and parts into quotes: where each quote starts and ends, and whether it is partial. */
import type { Line, Segmentation, Sentence } from './segment.js';
import { sentenceAt } from './segment.js';
import type { Span } from './types.js';
import { hasAtMostWords, startsWithCapital } from './text-scan.js';
import { AFTER_NAME_FIRST, AFTER_VERB_FIRST, hasSecondVerb, isAttributionOnly, SAY, SAY_WORD } from './say-verbs.js';

/** A quoted passage between one pair of quote marks (without the marks). */
export type Part = Span & { line: number; open: number; close: number | null };

const SMALL_WORDS = new Set('a an the of in on at for with and or to from by is are be as vs'.split(' '));

/** Title Case throughout and short: the name of a show, book, law or campaign. */
export function isTitleLike(quoted: string): boolean {
  const words = quoted.replace(/[.,!?;:…]+$/, '').split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 8) return false;
  const content = words.filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  if (content.length === 0 || content.length === 1 && words.length === 1 && !startsWithCapital(words[0] ?? '')) return false;
  if (words.length === 1) return false;
  return content.every((w) => /^[\p{Lu}\d]/u.test(w)) && /^[\p{Lu}\d]/u.test(words[0] ?? '');
}

/** `on "Harbour Hour,"`, `told KTV's "Morning Tide"`, `titled "Undertow"`: the name of a show or work. */
export function namesAWork(text: string, part: Part): boolean {
  const before = text.slice(Math.max(0, part.open - 60), part.open);
  return /\b(?:on|in|to|with|at|from|titled|entitled|called|named)\s+(?:\p{Lu}[\p{L}.&\-]*\s+){0,3}(?:\p{Lu}[\p{L}.&\-]*['’]s\s+)?$/u.test(before) || /\b(?:told|tells|telling)\s+(?:\p{Lu}[\p{L}.&\-]*\s+){0,3}\p{Lu}[\p{L}.&\-]*['’]s\s+$/u.test(before);
}

const SPOKEN_RIGHT_AFTER = new RegExp(`^[\\s,]*(?:(?:\\S+\\s+){0,3})(?:${SAY})\\b`);

export function spokenRightAfter(text: string, part: Part): boolean {
  const after = text.slice((part.close ?? part.end) + 1, (part.close ?? part.end) + 60);
  return SPOKEN_RIGHT_AFTER.test(after);
}

export function lineStart(lines: readonly Line[], part: Part): number {
  const line = lines[part.line];
  return line === undefined ? -1 : line.start + 1;
}

const DOUBLE_OPEN = new Set(['“', '"', '„', '«']);
const DOUBLE_CLOSE = new Set(['”', '"', '»']);

const DOUBLE_MARKS = new Set(Array.from([...DOUBLE_OPEN, ...DOUBLE_CLOSE], (c) => c.charCodeAt(0)));

/** Whether `line` opens with a quote mark (a single one when the article quotes with single marks). */
export function opensWithQuote(text: string, line: Line | undefined, single: boolean): boolean {
  if (line === undefined) return false;
  const first = text.charAt(line.start);
  return single ? first === '‘' || first === "'" : DOUBLE_OPEN.has(first);
}

export function usesSingleMarks(text: string, lines: readonly Line[]): boolean {
  let doubles = 0;
  let singles = 0;
  for (const line of lines) {
    for (let i = line.start; i < line.end; i += 1) {
      const c = text.charCodeAt(i);
      // Every double mark but `"` lies above U+00AA: one comparison settles most characters.
      if (c === 34 || (c > 0xaa && DOUBLE_MARKS.has(c))) doubles += 1;
      else if ((c === 0x2018 || c === 39) && isOpeningPosition(text, i, line)) singles += 1;
    }
  }
  return doubles < 2 || singles >= 2 * doubles;
}

function isOpeningPosition(text: string, i: number, line: Line): boolean {
  const before = i > line.start ? text.charAt(i - 1) : ' ';
  const after = text.charAt(i + 1);
  if (!/[\s(\[—–\-:;,/]/.test(before)) return false;
  if (!/[A-Za-z0-9\[.…(¡¿$£€]/.test(after)) return false;
  // '90s, 'em, 'n' are elisions, not quotes.
  if (/^\d\ds\b/.test(text.slice(i + 1, i + 5)) || /^(?:em|n|til|cause)\b/i.test(text.slice(i + 1, i + 7))) return false;
  return true;
}

// Words that go on the reporter's sentence after a closing mark (`'absolute chancers' and`), never a possessed noun.
const CLAUSE_WORD = new Set(
  'and or but nor to in of for with as at by on that which who whom whose was were is are has had have will would from after before when while because over about into than despite since if so yet the a an this its their his her says said'.split(' '),
);

/**
 * `'There is only taxpayers’ money,' he said`: in a quoted sentence, a mark after a plural's `s` and before the noun it
 * possesses is an apostrophe, when the sentence's own closing mark (after its comma or full stop) comes later.
 */
function isPluralPossessive(text: string, open: number, i: number, line: Line): boolean {
  if (text.charAt(i - 1) !== 's' || /['’]/.test(text.charAt(i - 2)) || !/^\s*\p{Lu}/u.test(text.slice(open + 1, open + 4))) return false;
  const next = /^ (\p{Ll}+)\b/u.exec(text.slice(i + 1, i + 30))?.[1];
  if (next === undefined || CLAUSE_WORD.has(next)) return false;
  return /[,.!?][’']/.test(text.slice(i + 1, line.end));
}

function isClosingPosition(text: string, i: number, end: number): boolean {
  const before = text.charAt(i - 1);
  const after = i + 1 < end ? text.charAt(i + 1) : ' ';
  return /\S/.test(before) && !/[A-Za-z0-9]/.test(after);
}

/**
 * Quoted passages of one story line. An unclosed passage runs to the end of the line; `runsOn` says that the next story
 * line opens with a quote mark, as a quote that goes on into the next paragraph leaves its own open.
 */
export function scanLine(text: string, line: Line, single: boolean, runsOn = false): Part[] {
  const parts: Part[] = [];
  let open: number | null = null;
  // The closing mark of a quote of the other style nested in the open one (`"he said “no” and left"`), while it is open.
  let nested: string | null = null;
  for (let i = line.start; i < line.end; i += 1) {
    const ch = text.charAt(i);
    if (!single) {
      if (ch === nested) {
        nested = null;
      } else if (ch === '"') {
        if (open === null) {
          if (/\S/.test(text.charAt(i + 1) || ' ') && i + 1 < line.end) open = i;
        } else if (text.charAt(open) !== '"' && opensNested(text, i, line.end, '"', '”')) {
          nested = '"';
        } else {
          push(parts, text, line, open, i);
          open = null;
        }
      } else if (ch === '“' || ch === '„' || ch === '«') {
        if (open !== null && text.charAt(open) === '"' && ch === '“' && opensNested(text, i, line.end, '”', '"')) {
          nested = '”';
          continue;
        }
        if (open !== null) push(parts, text, line, open, null, i);
        open = i;
      } else if (ch === '”' || ch === '»') {
        if (open !== null) {
          push(parts, text, line, open, i);
          open = null;
          nested = null;
        }
      }
    } else if (ch === '‘' || ch === "'") {
      if (open === null) {
        if (isOpeningPosition(text, i, line)) open = i;
      } else if (isClosingPosition(text, i, line.end) && !isPluralPossessive(text, open, i, line)) {
        push(parts, text, line, open, i);
        open = null;
      }
    } else if (ch === '’' && open !== null && isClosingPosition(text, i, line.end) && !isPluralPossessive(text, open, i, line)) {
      push(parts, text, line, open, i);
      open = null;
    }
  }
  if (open !== null) push(parts, text, line, open, null, undefined, runsOn);
  return parts;
}

/**
 * Whether the mark at `i` opens a quote nested in the open one: it stands where a quote opens (after a space or an
 * opening bracket, before a word), and its own closing mark `close` comes before the outer quote's `outer` on the line.
 */
function opensNested(text: string, i: number, end: number, close: string, outer: string): boolean {
  if (!/[\s(\[—–]/.test(text.charAt(i - 1)) || !/[\p{L}\d]/u.test(text.charAt(i + 1))) return false;
  const closing = text.indexOf(close, i + 1);
  const ending = text.indexOf(outer, i + 1);
  return closing >= 0 && closing < end && ending > closing && ending < end;
}

function push(parts: Part[], text: string, line: Line, open: number, close: number | null, stop?: number, runsOn = false): void {
  let start = open + 1;
  let end = close ?? stop ?? line.end;
  while (start < end && /\s/.test(text.charAt(start))) start += 1;
  while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
  if (end <= start || !/[A-Za-z0-9]/.test(text.slice(start, end))) return;
  // An unclosed mark in mid-line is a stray, not a quote, unless it opens the paragraph or is left open at its end
  // before a paragraph that opens with a quote mark (a quote that runs on into the next paragraph; see groupParts), or
  // it opens the words after an attribution that broke a quote (`"A," she said. "B.`): a writer who forgets the
  // closing mark there still quotes to the end of the paragraph.
  if (close === null && open !== line.start && !runsOn && !resumesAfterAttribution(text, parts.at(-1), line, open)) return;
  parts.push({ start, end, line: line.index, open, close });
}

function resumesAfterAttribution(text: string, prev: Part | undefined, line: Line, open: number): boolean {
  return prev !== undefined && prev.line === line.index && prev.close !== null && isAttributionOnly(text.slice(prev.close + 1, open));
}

/**
 * Joins parts into quotes: the partial quotes of one reporter's sentence are one quote, a paragraph whose quote is left
 * open continues with the next paragraph's opening quote, and two full-sentence parts of one paragraph separated only
 * by an attribution, however long, are one quote.
 */
export function groupParts(text: string, parts: readonly Part[], seg: Segmentation): Part[][] {
  const { lines, sentences } = seg;
  const groups: Part[][] = [];
  for (const part of parts) {
    const group = groups.at(-1);
    const prev = group?.at(-1);
    if (group !== undefined && prev !== undefined) {
      // `Tapper called it "unethical" and "horrifying."`: the partial quotes of one reporter's sentence are one quote.
      const first = group[0] as Part;
      const sentence = sentenceAt(sentences, first.open);
      // A title in quote marks ("Meet the Press") is not part of anyone's words.
      if (
        prev.line === part.line &&
        sentence !== undefined &&
        sentenceAt(sentences, part.open) === sentence &&
        isPartial(text, first, sentence) &&
        !isTitleLike(text.slice(prev.start, prev.end)) &&
        !isTitleLike(text.slice(part.start, part.end)) &&
        // `calling her "slow" and accusing her of being "careless"`: a second verb of saying starts a second quote.
        !hasSecondVerb(text.slice((prev.close ?? prev.end) + 1, part.open))
      ) {
        group.push(part);
        continue;
      }
      const nextLine = nextStoryLine(lines, prev.line);
      // A quote opened in mid-paragraph (resumed after its attribution, `"A," she said. "B.`, or inside the reporter's
      // sentence) has its speaker already: a next paragraph's part with an attribution of its own starts a new quote
      // rather than going on with it.
      const resumed = prev.open !== lines[prev.line]?.start;
      if (prev.close === null && nextLine === part.line && part.open === lines[part.line]?.start && !(resumed && hasOwnAttribution(text, lines, part))) {
        group.push(part);
        continue;
      }
      if (continuesBrokenQuote(text, lines, prev, part)) {
        group.push(part);
        continue;
      }
      // `"A," she said on KTV's "Harbour Hour." "B."`: a show named in the attribution does not end the quote.
      const before = groups.at(-2)?.at(-1);
      const afterTitle = group.length === 1 && prev.line === part.line && isTitleLike(text.slice(prev.start, prev.end));
      if (afterTitle && before !== undefined && continuesBrokenQuote(text, lines, before, part)) {
        groups.at(-2)?.push(part);
        continue;
      }
    }
    groups.push([part]);
  }
  return groups;
}

/**
 * Is `part` the second half of a quote that an attribution broke after `prev`, in the same paragraph (`"A," she said.
 * "B."`)? The text between must be one clause of attribution, and `part` must not carry an attribution of its own.
 */
function continuesBrokenQuote(text: string, lines: readonly Line[], prev: Part, part: Part): boolean {
  if (prev.line !== part.line || prev.close === null) return false;
  const between = text.slice(prev.close + 1, part.open);
  const prevText = text.slice(prev.start, prev.end);
  // The second part must open a clause of its own (`, she said. "B."`, `, she said, "B"`), not finish the
  // reporter's clause (`, adding that the permits were granted "like favours."`).
  // `"A," she said. "B," she said.`: a part with an attribution of its own is a quote of its own.
  return (
    isAttributionOnly(between) &&
    !hasOwnAttribution(text, lines, part) &&
    /[,.!?…—–-]['’"”]*$/.test(prevText) &&
    // `The deal "puts lenders first," Berg wrote. "B."`: a lead-in that the attribution breaks at a comma goes on.
    (prev.open === startOfClause(text, lines, prev) || (/,['’"”]*$/.test(prevText) && !isTitleLike(prevText))) &&
    /[.,:;!?—–]['’"”]*\s*$/.test(between)
  );
}

/** `"B," she said`: the part is followed by an attribution of its own. */
function hasOwnAttribution(text: string, lines: readonly Line[], part: Part): boolean {
  if (part.close === null) return false;
  const own = text.slice(part.close + 1, Math.min(part.close + 120, lines[part.line]?.end ?? text.length));
  return AFTER_VERB_FIRST.test(own) || AFTER_NAME_FIRST.test(own);
}

function nextStoryLine(lines: readonly Line[], index: number): number {
  for (let i = index + 1; i < lines.length; i += 1) if (lines[i]?.kind === 'story') return i;
  return -1;
}

function startOfClause(text: string, lines: readonly Line[], part: Part): number {
  const line = lines[part.line];
  if (line === undefined) return -1;
  const before = text.slice(line.start, part.open).replace(/\s+$/, '');
  if (before.length === 0 || /[.!?:…"”’]$/.test(before)) return part.open;
  return -1;
}

// One or two capitalised words; hoisted for the reason NAME_WORD is (name-words.ts), as every one-part quote is tested.
const NICKNAME = /^\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*)?$/u;

/** `Cris "Cyborg" Justino`, `Earvin "Magic" Johnson`: a nickname in quote marks between a first name and a surname. */
export function isNickname(text: string, group: readonly Part[]): boolean {
  const part = group[0];
  if (group.length !== 1 || part === undefined || part.close === null) return false;
  return (
    NICKNAME.test(text.slice(part.start, part.end)) &&
    /(?:^|\s)\p{Lu}[\p{L}'’.-]*\s$/u.test(text.slice(Math.max(0, part.open - 30), part.open)) &&
    /^\s\p{Lu}\p{Ll}/u.test(text.slice(part.close + 1, part.close + 4)) &&
    // `Why She Felt "Invisible" As A Child`: a headline's Title Case goes on with small words.
    !SMALL_WORDS.has(/^\s(\p{L}+)/u.exec(text.slice(part.close + 1, part.close + 20))?.[1]?.toLowerCase() ?? '')
  );
}

/**
 * `"ghosting," "yeet," "crusty" and "legally drunk"`: three or more short quoted items in a row, with nothing but commas,
 * `and` or `or` between them, are words or names being listed, not anyone's words.
 */
export function isTermList(text: string, group: readonly Part[]): boolean {
  if (group.length < 3) return false;
  return group.every((part, i) => {
    if (!hasAtMostWords(text.slice(part.start, part.end), 5)) return false;
    const prev = group[i - 1];
    return prev === undefined || (prev.close !== null && /^\s*,?\s*(?:(?:and|or)\s+)?$/.test(text.slice(prev.close + 1, part.open)));
  });
}

/** Partial: the quote opens inside a reporter's sentence rather than at its start or after `said:` / `said,`. */
export function isPartial(text: string, part: Part, sentence: Sentence | undefined): boolean {
  const from = sentence?.start ?? part.open;
  const before = text.slice(Math.min(from, part.open), part.open).trim();
  if (before.length === 0) return false;
  if (/[:]$/.test(before)) return false;
  if (/,$/.test(before) && /^[A-Z]/.test(text.charAt(part.start))) {
    SAY_WORD.lastIndex = 0;
    if (SAY_WORD.test(before.split(/\s+/).slice(-4).join(' '))) return false;
  }
  return true;
}

/**
 * The quote's words as one string: parts that only a paragraph break separates are joined by a space; parts that the
 * reporter's words separate (`"A," she said. "B."`) by ` … `, so a reader sees that something was left out.
 */
export function joinParts(text: string, parts: readonly Span[]): string {
  return parts
    .map((part, i) => {
      const words = text.slice(part.start, part.end);
      if (i === 0) return words;
      const gap = text.slice(parts[i - 1]!.end, part.start);
      return `${/^[\s"'“”‘’]*$/.test(gap) ? ' ' : ' … '}${words}`;
    })
    .join('');
}

