import type { Sentence } from './segment.js';
import { wordCount } from './text-scan.js';
import type { Span } from './types.js';

/**
 * Clause trimming for bullets. News sentences carry material a brief can lose: a trailing attribution (`, police
 * said.`), a trailing participial, relative, concessive or coordinate clause after a comma, a leading connective
 * (`But `, `However, `) or a leading adverbial (`On Tuesday, `). Each cut keeps one contiguous verbatim span that still
 * opens as a sentence and keeps its subject and main verb; a trailing cut ends the span where the kept clause ends,
 * before the comma, so the bullet has no final stop.
 */

/** A top-level comma (outside quotes and brackets): `at` is the comma, `after` the start of the next clause. */
type Boundary = { at: number; after: number };

/** A trimmed bullet keeps at least this many words, so a cut never leaves a stub. */
const MIN_WORDS = 7;

// `, police said`, `, the ministry said in a statement`, `, according to court papers`: a subject (one to six words)
// and a speech verb with at most six words after it. A bare `, said X` has no subject of its own and stays.
const ATTRIBUTION =
  /^(?:according to\b.*|(?!(?:said|says|told|added)\b)(?:[\w’'.-]+\s+){1,6}(?:said|says|say|told|tells|reported|reports|added|adds|stated|states|announced|confirmed|explained|claimed|warned|wrote|insisted|noted|believe|believes|estimated|estimates)\b(?:\s+[^\s,]+){0,6})$/i;
// `, leaving three dead`: a participial clause (nouns ending in -ing excepted).
const PARTICIPLE = /^(?!(?:something|nothing|anything|everything|morning|evening|king|spring|thing|ring|wing|sibling|ceiling|building)\b)[a-z]{3,}ing\b/;
// `, which ...`, `, who ...`: a non-restrictive relative clause at the end of the sentence.
const RELATIVE = /^(?:which|who|whom|whose|where)\b/;
// `, but ...`, `, although ...`, `, including ...`: contrast and elaboration. Clauses of time and cause (`after`, `when`,
// `because`) often carry the news and stay.
const CONCESSIVE = /^(?:but|while|whilst|although|though|despite|even|including|with|amid)\b/;
// `, and ...`: a second coordinate clause (`and then`, `and also` lean on the first and stay with it).
const COORDINATE = /^(?:and|or)\s+(?!(?:then|also)\b)/;
const CONNECTIVE =
  /^(?:(?:But|And|So|Yet|Or)\s+|(?:However|Meanwhile|Still|Also|Now|Instead|Indeed|Moreover|Furthermore|In addition|Nevertheless|Nonetheless|Separately|Overall|Then|Thus|Therefore|Elsewhere|Similarly|Likewise|Additionally|Ultimately|Finally|Earlier|Later|Previously|Today|Yesterday|Tonight),\s+)/;
// Words that open a leading adverbial phrase or clause (`On Tuesday, `, `After the vote, `, `According to police, `).
const ADVERBIAL =
  /^(?:On|In|At|By|Last|This|Earlier|Later|Since|During|After|Before|Within|Over|Under|For|From|Following|Despite|According to|Until|When|While|As|If|Although|Though|Because|Once|Speaking|Asked|Back)\b/;
// A kept span never ends on a word that needs more after it.
const DANGLING_END = /\b(?:a|an|the|and|or|but|of|to|in|on|at|by|for|with|from|that|which|who|as|than|is|are|was|were|be|has|have|had|not|said)$/i;

/** Commas followed by a space at the top level of `text` (not inside quotes or brackets). */
function boundaries(text: string): Boundary[] {
  const out: Boundary[] = [];
  let curly = 0;
  let straight = false;
  let depth = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x201c) curly += 1;
    else if (c === 0x201d) curly = Math.max(0, curly - 1);
    else if (c === 0x22) straight = !straight;
    else if (c === 0x28 || c === 0x5b) depth += 1;
    else if (c === 0x29 || c === 0x5d) depth = Math.max(0, depth - 1);
    else if (c === 0x2c && curly === 0 && !straight && depth === 0 && text.charCodeAt(i + 1) === 0x20) out.push({ at: i, after: i + 2 });
  }
  return out;
}

/** A cut proposes a shorter span of the sentence, or `undefined` when it does not apply. */
type Cut = (text: string, span: Span, list: readonly Boundary[]) => Span | undefined;

/** A list item has at most this many words (`Paris`, `the two harbour towns`). */
const LIST_ITEM_WORDS = 4;
const COORDINATED = /^(?:\S+\s+){0,3}(?:and|or)\s/;

/**
 * The last clause boundary inside `span` and the clause after it, without the final punctuation. The commas of a list
 * (`pointing to China, Iran, and North Korea`) are no clause boundaries: a comma is inside a list when a short item
 * comes before it and the list goes on to an `and` or `or`.
 */
function lastClause(text: string, span: Span, list: readonly Boundary[]): { cut: Boundary; tail: string } | undefined {
  const inside = list.filter((b) => b.at > span.start && b.after < span.end);
  let listGoesOn = false;
  for (let i = inside.length - 1; i >= 0; i -= 1) {
    const b = inside[i] as Boundary;
    const item = text.slice(inside[i - 1]?.after ?? span.start, b.at);
    const segment = text.slice(b.after, inside[i + 1]?.at ?? span.end);
    listGoesOn = wordCount(item) <= LIST_ITEM_WORDS && (listGoesOn || COORDINATED.test(segment));
    if (!listGoesOn) return { cut: b, tail: text.slice(b.after, span.end).replace(/[.!?]+$/, '') };
  }
  return undefined;
}

const dropTail: Cut = (text, span, list) => {
  const found = lastClause(text, span, list);
  if (found === undefined || ![ATTRIBUTION, PARTICIPLE, RELATIVE, CONCESSIVE, COORDINATE].some((p) => p.test(found.tail))) {
    return undefined;
  }
  return { start: span.start, end: found.cut.at };
};

const dropConnective: Cut = (text, span) => {
  const match = CONNECTIVE.exec(text.slice(span.start, span.end));
  return match === null ? undefined : { start: span.start + match[0].length, end: span.end };
};

const dropAdverbial: Cut = (text, span, list) => {
  if (!ADVERBIAL.test(text.slice(span.start, span.end))) return undefined;
  const first = list.find((b) => b.at > span.start && b.after < span.end);
  if (first === undefined || wordCount(text.slice(span.start, first.at)) > 8) return undefined;
  // "In London, Paris and Rome, ...": a list, not an adverbial.
  const next = list.find((b) => b.at > first.after);
  const upToNext = text.slice(first.after, next === undefined ? span.end : next.at);
  if (next !== undefined && wordCount(upToNext) <= 5 && /\b(?:and|or)\b/.test(upToNext)) return undefined;
  return { start: first.after, end: span.end };
};

const CUTS: readonly Cut[] = [dropTail, dropConnective, dropAdverbial];

/** Whether a trimmed span still reads as a sentence: long enough, opens as one, balanced quotes and brackets. */
function readsAsSentence(piece: string): boolean {
  if (wordCount(piece) < MIN_WORDS || DANGLING_END.test(piece)) return false;
  if (!/^[A-Z0-9“"‘']/.test(piece)) return false;
  const count = (re: RegExp): number => piece.match(re)?.length ?? 0;
  // Single quotes double as apostrophes: an opening one starts a word, a closing one ends it before a space or stop.
  const singleOpen = count(/(?:^|[\s(])['‘](?=\w)/g);
  const singleClose = count(/(?<=[\w.,!?])['’](?=[\s.,;:!?)]|$)/g);
  return (
    count(/“/g) === count(/”/g) && count(/"/g) % 2 === 0 && count(/\(/g) === count(/\)/g) && singleOpen <= singleClose
  );
}

/**
 * The shortest span of `text` (one sentence) that the cuts reach while it still reads as a sentence, as offsets into
 * `text`; the whole sentence when no cut applies. Cuts repeat, so `X, leaving Y, police said.` loses both tails.
 */
export function trimClauses(text: string): Span {
  const list = boundaries(text);
  let span: Span = { start: 0, end: text.length };
  for (let changed = true; changed; ) {
    changed = false;
    for (const cut of CUTS) {
      const next = cut(text, span, list);
      if (next === undefined) continue;
      let end = next.end;
      while (end > next.start && /\s/.test(text.charAt(end - 1))) end -= 1;
      if (end - next.start >= span.end - span.start || !readsAsSentence(text.slice(next.start, end))) continue;
      span = { start: next.start, end };
      changed = true;
    }
  }
  return span;
}

/** `sentence` cut to its trimmed span (see `trimClauses`), with the same index, line and the tokens inside the span. */
export function trimSentence(sentence: Sentence): Sentence {
  const span = trimClauses(sentence.text);
  if (span.start === 0 && span.end === sentence.text.length) return sentence;
  const start = sentence.start + span.start;
  const end = sentence.start + span.end;
  return {
    ...sentence,
    start,
    end,
    text: sentence.text.slice(span.start, span.end),
    tokens: sentence.tokens.filter((t) => t.start >= start && t.end <= end),
  };
}
