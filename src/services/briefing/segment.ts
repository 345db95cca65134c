import { tokenize, type Token } from './nlp.js';
import { ABBREVIATED } from './say-verbs.js';
import { charCodes, countStartingBefore, hasAtMostWords, isSpace } from './text-scan.js';
import type { Span } from './types.js';

/**
 * What a line of an article is. Only `story` lines give bullets and quotes; everything else is furniture that news
 * pages and feeds leave in the text.
 */
export type LineKind =
  | 'story'
  | 'headline'
  | 'heading'
  | 'byline'
  | 'dateline'
  | 'caption'
  | 'promo'
  | 'link';

/** One non-empty line of the article (a paragraph when paragraphs are separated by single newlines). */
export type Line = Span & { kind: LineKind; index: number };

/** A story sentence: a verbatim span of the article, in article order. */
export type Sentence = Span & {
  text: string;
  /** Index among story sentences. */
  index: number;
  /** Index of the line (paragraph) that holds it. */
  line: number;
  /** Tokens of the sentence (wink-nlp), with spans into the article. */
  tokens: Token[];
};

/** Read-only: callers that segment the same article in a row share one (see `segmentArticle`). */
export type Segmentation = { readonly lines: readonly Line[]; readonly sentences: readonly Sentence[] };

const CREDIT =
  /\((?:[^()]*(?:Getty|Reuters|AP Photo|AFP|EPA|Photo|Image|Images|Pictures|Shutterstock|Courtesy|Handout|File|Credit|Alamy|Press|Wire|\/)[^()]*)\)\s*$/;
const BYLINE = /^(?:By|BY|Written by|Reporting by)\s+(?:[.A-Z])/;
const DATELINE =
  /^(?:Published|PUBLISHED|Updated|UPDATED|Posted|Last updated|Last modified|First published)\b|^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b/;
const LINK =
  /^(?:Read more|READ MORE|Related|RELATED|Click here|CLICK HERE|Scroll down|SCROLL DOWN|Watch|WATCH|Sign up|SIGN UP|Subscribe|SUBSCRIBE|Follow us|Follow @|Share this|Advertisement|ADVERTISEMENT|See also|Also read|MORE:|More on this|Listen|Video)\b/;

/** Classifies one line of text; `title` (when given) marks a repeated headline. */
export function classifyLine(line: string, title?: string): LineKind {
  return classify(line.trim(), title === undefined ? undefined : normalize(title));
}

/**
 * Classifies a trimmed line; `headline` is the normalised title. Each test is cheap before it is exact: word counts
 * stop past the limit, and only a line ending in `)` can be a credit.
 */
function classify(text: string, headline: string | undefined): LineKind {
  if (headline !== undefined && isHeadline(text, headline)) return 'headline';
  if (BYLINE.test(text) && hasAtMostWords(text, 14) && !/[“"]/.test(text)) return 'byline';
  if (DATELINE.test(text) && hasAtMostWords(text, 16)) return 'dateline';
  if (LINK.test(text) && (hasAtMostWords(text, 25) || !endsInPunctuation(text))) return 'link';
  if (CLOSE_PAREN.has(lastVisible(text)) && CREDIT.test(text)) return 'caption';
  if (isShouting(text)) return 'promo';
  if (!endsInPunctuation(text) && hasAtMostWords(text, 20)) return 'heading';
  return 'story';
}

/**
 * Whether `text` normalises to `headline`. Every ASCII letter and digit of the text survives normalisation, so a line
 * with more of them than the headline has characters cannot match and is not normalised.
 */
function isHeadline(text: string, headline: string): boolean {
  let kept = 0;
  for (let i = 0; i < text.length && kept <= headline.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) kept += 1;
  }
  if (kept > headline.length) return false;
  return normalize(text) === headline;
}

const CLOSE_PAREN = charCodes(')');
// What may follow a sentence's final punctuation on a story line: closing quotes and brackets.
const CLOSERS = charCodes('"”’\')]');
const SENTENCE_END = charCodes('.!?:;…,');

/** A story line ends in sentence punctuation (`.!?:;…,`), possibly followed by closing quotes or brackets. */
function endsInPunctuation(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && (isSpace(text.charCodeAt(i)) || CLOSERS.has(text.charCodeAt(i)))) i -= 1;
  return i >= 0 && SENTENCE_END.has(text.charCodeAt(i));
}

/** The last character code of `text` that is not white space, or -1. */
function lastVisible(text: string): number {
  let i = text.length - 1;
  while (i >= 0 && isSpace(text.charCodeAt(i))) i -= 1;
  return i >= 0 ? text.charCodeAt(i) : -1;
}

/** All-caps cross-promotion lines: most letters capitals, several words. */
function isShouting(text: string): boolean {
  let letters = 0;
  let upper = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      letters += 1;
      upper += 1;
    } else if (c >= 97 && c <= 122) {
      letters += 1;
      // More small letters than a fifth of the whole line: capitals cannot reach 80% of the letters, so stop reading.
      if ((letters - upper) * 5 > text.length) return false;
    }
  }
  if (letters < 12) return false;
  return upper / letters >= 0.8;
}

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

// Furniture that runs into the first sentence of a text without line breaks: "(CNN) -- ", "LONDON, England (Reuters) -- ",
// "Scroll down for video ", "By . Daily Mail Reporter . PUBLISHED: . 12:00 EST, 1 May 2013 . | . UPDATED: ... . ".
const LEADING_FURNITURE = [
  /^\s*(?:[A-Z][A-Za-z.]*(?:[ ,]+[A-Z][A-Za-z.]*){0,4}\s*)?\((?:CNN|AP|Reuters|AFP|EW\.com|CNN Student News)\)\s*(?:--|—|–|-)?\s*/,
  /^\s*[A-Z][A-Z.]+(?:[ ,]+[A-Z][A-Za-z.]+){0,3}\s*(?:--|—|–)\s*/,
  /^\s*(?:Scroll down for (?:video|more)|SCROLL DOWN FOR (?:VIDEO|MORE))\s*/,
  /^\s*By \. [^.]{1,80} \.\s*/,
  /^\s*(?:PUBLISHED|UPDATED|Last updated at)\s*:?\s*\.?\s*[^|]{0,60}?\d{4}\s*\.?\s*(?:\|\s*\.?\s*)?/,
];
const FURNITURE_SENTENCE =
  /^(?:By \.|PUBLISHED:|UPDATED:|Last updated at|Read more:|READ MORE:|Click here|CLICK HERE|Scroll down|Follow @|Follow\s+\S+\s+on Twitter|Sign up|Share this|Advertisement)/;

/** Moves `start` past leading furniture such as `(CNN) -- ` or `Scroll down for video `. */
function trimFurniture(text: string, span: Span): Span {
  let { start } = span;
  for (let pass = 0; pass < 4; pass += 1) {
    const rest = text.slice(start, span.end);
    let moved = false;
    for (const pattern of LEADING_FURNITURE) {
      const match = pattern.exec(rest);
      if (match !== null && match[0].length > 0 && match[0].length < rest.length) {
        start += match[0].length;
        moved = true;
      }
    }
    if (!moved) break;
  }
  return { start, end: span.end };
}

/** Splits `text` into lines with their kinds. */
export function splitLines(text: string, title?: string): Line[] {
  const headline = title === undefined ? undefined : normalize(title);
  const lines: Line[] = [];
  for (let from = 0; from < text.length; ) {
    const newline = text.indexOf('\n', from);
    const { start, end } = trimSpan(text, { start: from, end: newline < 0 ? text.length : newline });
    from = newline < 0 ? text.length : newline + 1;
    if (end > start) lines.push({ start, end, kind: classify(text.slice(start, end), headline), index: lines.length });
  }
  return lines;
}

/** The article segmented last, kept for the next call on the same article. */
let lastSegmented: { text: string; title: string | undefined; segmentation: Segmentation } | undefined;

/**
 * Segments an article: its lines with their kinds, and the story sentences (wink-nlp sentence boundaries, cut at line
 * breaks, stripped of leading datelines such as `(CNN) -- `). Sentences of non-story lines are left out.
 * A call with the same text and title as the call before returns the same segmentation without reading the text again:
 * a brief followed by the article's quotes, or the quote command's autocomplete on every keystroke, would otherwise run
 * wink-nlp over the article each time.
 */
export function segmentArticle(text: string, title?: string): Segmentation {
  if (lastSegmented !== undefined && lastSegmented.text === text && lastSegmented.title === title) {
    return lastSegmented.segmentation;
  }
  const segmentation = segment(text, title);
  lastSegmented = { text, title, segmentation };
  return segmentation;
}

function segment(text: string, title: string | undefined): Segmentation {
  const lines = splitLines(text, title);
  const { sentences: raw, tokens } = tokenize(text);
  const sentences: Sentence[] = [];
  let lineIndex = 0;
  let tokenIndex = 0;
  const addPiece = (start: number, end: number): void => {
    const trimmed = trimSpan(text, { start, end });
    if (trimmed.end <= trimmed.start) return;
    while (lineIndex < lines.length && (lines[lineIndex]?.end ?? 0) <= trimmed.start) lineIndex += 1;
    const line = lines[lineIndex];
    if (line === undefined || line.kind !== 'story') return;
    const first = sentences.length === 0 || (sentences.at(-1)?.line ?? -1) !== line.index;
    const cut = first || sentences.length < 3 ? trimSpan(text, trimFurniture(text, trimmed)) : trimmed;
    const body = text.slice(cut.start, cut.end);
    if (FURNITURE_SENTENCE.test(body) || !/[A-Za-z]/.test(body)) return;
    while (tokenIndex < tokens.length && (tokens[tokenIndex]?.start ?? 0) < cut.start) tokenIndex += 1;
    const own: Token[] = [];
    for (let j = tokenIndex; j < tokens.length && (tokens[j]?.start ?? Infinity) < cut.end; j += 1) {
      const token = tokens[j];
      if (token !== undefined && token.end > token.start) own.push(token);
    }
    sentences.push({ start: cut.start, end: cut.end, text: body, index: sentences.length, line: line.index, tokens: own });
  };
  // A sentence never crosses a line break. Sentences come in text order, so one search cursor serves them all.
  let newline = text.indexOf('\n');
  for (const span of joinContinuations(text, raw)) {
    let start = span.start;
    if (newline >= 0 && newline < start) newline = text.indexOf('\n', start);
    while (newline >= 0 && newline < span.end) {
      addPiece(start, newline);
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    addPiece(start, span.end);
  }
  return { lines, sentences };
}

// `lost 16 lbs. “and two belt loops”`, `5 kg. and`: an abbreviation's full stop followed by a lowercase word ends no
// sentence (a lowercase word with a capital inside, `eBay`, `iPhone`, may start one); nor does one open with a comma
// (`Sen. Ana Ruiz (D-Mo.), who ...`).
const ABBREVIATION_END = new RegExp(`${ABBREVIATED}\\.$`);
const CONTINUATION = /^[“"‘']?\p{Ll}+(?![\p{Lu}\d])/u;
// `told Harbourwatch.com, "..."`, `wrote on Substack.com.`: a domain's ending right after the full stop, with no space
// between, goes on with the name it ends.
const DOMAIN_END = /^(?:com|ca|org|net|gov|edu|co|uk|io|fm|tv|info|us)(?![\p{L}\d])/u;

/** Whether the sentence span `next` goes on from `last` on the same line rather than starting a sentence. */
function continues(text: string, last: Span, next: Span): boolean {
  if (text.slice(last.end, next.start).includes('\n')) return false;
  const opening = text.slice(next.start, next.start + 24);
  if (/^[,;]/.test(opening)) return true;
  if (next.start === last.end && text.charCodeAt(last.end - 1) === 46 && DOMAIN_END.test(opening)) return true;
  return text.charCodeAt(last.end - 1) === 46 && ABBREVIATION_END.test(text.slice(Math.max(last.start, last.end - 12), last.end)) && CONTINUATION.test(opening);
}

/** The sentence spans with every span that goes on from the one before (see `continues`) joined to it. */
function joinContinuations(text: string, raw: readonly Span[]): Span[] {
  const joined: Span[] = [];
  for (const span of raw) {
    const last = joined.at(-1);
    if (last !== undefined && continues(text, last, span)) joined[joined.length - 1] = { start: last.start, end: span.end };
    else joined.push(span);
  }
  return joined;
}

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && isSpace(text.charCodeAt(start))) start += 1;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end -= 1;
  return { start, end };
}

/** Story sentences of `text` as verbatim spans (see `segmentArticle`). */
export function splitSentences(text: string): readonly Sentence[] {
  return segmentArticle(text).sentences;
}

/** The last sentence starting at or before `offset + 1` (sentences are in article order). */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  return sentences[countStartingBefore(sentences, offset + 2) - 1];
}

