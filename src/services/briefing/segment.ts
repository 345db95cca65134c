import { tokenize, type Token } from './nlp.js';
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

export type Segmentation = { lines: Line[]; sentences: Sentence[] };

const CREDIT =
  /\((?:[^()]*(?:Getty|Reuters|AP Photo|AFP|EPA|Photo|Image|Images|Pictures|Shutterstock|Courtesy|Handout|File|Credit|Alamy|Press|Wire|\/)[^()]*)\)\s*$/;
const BYLINE = /^(?:By|BY|Written by|Reporting by)\s+(?:[.A-Z])/;
const DATELINE =
  /^(?:Published|PUBLISHED|Updated|UPDATED|Posted|Last updated|Last modified|First published)\b|^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4}\b/;
const LINK =
  /^(?:Read more|READ MORE|Related|RELATED|Click here|CLICK HERE|Scroll down|SCROLL DOWN|Watch|WATCH|Sign up|SIGN UP|Subscribe|SUBSCRIBE|Follow us|Follow @|Share this|Advertisement|ADVERTISEMENT|See also|Also read|MORE:|More on this|Listen|Video)\b/;
// A story line ends in sentence punctuation, possibly followed by closing quotes or brackets; headings do not.
const TERMINAL = /[.!?:;…,][\s"”’')\]]*$/;

/** Classifies one line of text; `title` (when given) marks a repeated headline. */
export function classifyLine(line: string, title?: string): LineKind {
  const text = line.trim();
  const words = text.split(/\s+/).filter(Boolean);
  if (title !== undefined && normalize(text) === normalize(title)) return 'headline';
  if (BYLINE.test(text) && words.length <= 14 && !/[“"]/.test(text)) return 'byline';
  if (DATELINE.test(text) && words.length <= 16) return 'dateline';
  if (LINK.test(text) && (words.length <= 25 || !TERMINAL.test(text))) return 'link';
  if (CREDIT.test(text)) return 'caption';
  if (isShouting(text)) return 'promo';
  if (!TERMINAL.test(text) && words.length <= 20) return 'heading';
  return 'story';
}

/** All-caps cross-promotion lines: most letters capitals, several words. */
function isShouting(text: string): boolean {
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length < 12) return false;
  const upper = letters.replace(/[^A-Z]/g, '').length;
  return upper / letters.length >= 0.8;
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
  const lines: Line[] = [];
  const pattern = /[^\n]+/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const raw = match[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length === 0) continue;
    const start = match.index + lead;
    lines.push({ start, end: start + trimmed.length, kind: classifyLine(trimmed, title), index: lines.length });
  }
  return lines;
}

/**
 * Segments an article: its lines with their kinds, and the story sentences (wink-nlp sentence boundaries, cut at line
 * breaks, stripped of leading datelines such as `(CNN) -- `). Sentences of non-story lines are left out.
 */
export function segmentArticle(text: string, title?: string): Segmentation {
  const lines = splitLines(text, title);
  const { sentences: raw, tokens } = tokenize(text);
  const sentences: Sentence[] = [];
  let lineIndex = 0;
  let tokenIndex = 0;
  const pieces: Span[] = [];
  for (const span of raw) {
    // A sentence never crosses a line break.
    let start = span.start;
    for (let i = span.start; i < span.end; i += 1) {
      if (text.charCodeAt(i) === 10) {
        pieces.push({ start, end: i });
        start = i + 1;
      }
    }
    pieces.push({ start, end: span.end });
  }
  for (const piece of pieces) {
    const trimmed = trimSpan(text, piece);
    if (trimmed.end <= trimmed.start) continue;
    while (lineIndex < lines.length && (lines[lineIndex]?.end ?? 0) <= trimmed.start) lineIndex += 1;
    const line = lines[lineIndex];
    if (line === undefined || line.kind !== 'story') continue;
    const first = sentences.length === 0 || (sentences.at(-1)?.line ?? -1) !== line.index;
    const cut = first || sentences.length < 3 ? trimSpan(text, trimFurniture(text, trimmed)) : trimmed;
    const body = text.slice(cut.start, cut.end);
    if (FURNITURE_SENTENCE.test(body) || !/[A-Za-z]/.test(body)) continue;
    while (tokenIndex < tokens.length && (tokens[tokenIndex]?.start ?? 0) < cut.start) tokenIndex += 1;
    const own: Token[] = [];
    let j = tokenIndex;
    while (j < tokens.length && (tokens[j]?.start ?? Infinity) < cut.end) {
      const token = tokens[j];
      if (token !== undefined && token.end > token.start) own.push(token);
      j += 1;
    }
    sentences.push({ ...cut, text: body, index: sentences.length, line: line.index, tokens: own });
  }
  return { lines, sentences };
}

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && /\s/.test(text.charAt(start))) start += 1;
  while (end > start && /\s/.test(text.charAt(end - 1))) end -= 1;
  return { start, end };
}

/** Story sentences of `text` as verbatim spans (see `segmentArticle`). */
export function splitSentences(text: string): Sentence[] {
  return segmentArticle(text).sentences;
}
