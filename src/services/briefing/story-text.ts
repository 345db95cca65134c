import type { Line, Sentence } from './segment.js';
import type { Span } from './types.js';

/**
 * Which sentences can stand alone as a bullet. A bullet is story text: the reporter's words, readable without the
 * sentence before it. A piece of a quotation is not (the speaker's words would read as the narrator's), and neither is
 * a sentence that opens by pointing back (`She`, `But`, `However`) when nothing before it in the brief names what it
 * points to.
 */

// An opening pronoun or connective leans on a sentence the reader of the brief may not have seen.
const LEANS_BACK =
  /^["“‘']?(?:He|She|It|They|His|Her|Its|Their|This|That|These|Those|But|And|However|So|Yet|Also|Meanwhile|Still|Instead)\b/;

/** Whether `text` opens with a pronoun or connective that refers to what came before it. */
export function leansBack(text: string): boolean {
  return LEANS_BACK.test(text);
}

/**
 * A quotation left open at the end of its line runs to the line end (a paragraph whose quote goes on in the next one)
 * only over this many sentences; past that the mark is taken as stray, as in a text whose paragraphs were run together.
 */
const MAX_OPEN_SENTENCES = 4;
/** A stray opening mark still marks its own sentence and the next as quotation. */
const STRAY_REACH = 2;

/**
 * A sentence that opens with a quotation that fills more than this share of it is someone's words with their credit
 * after them, not the reporter's (a reporter's sentence that quotes a phrase, `Obesity, she said, "is ..."`, stays).
 */
const MAX_QUOTED_SHARE = 0.5;
const QUOTE_LED = /^["“‘']/;

const OPENS_AFTER = /[\s([{—–-]/;
// A single mark closes a quotation after the quotation's last punctuation (`,'` `.'`), or after a word when
// punctuation follows (`'Never'.`) or, with a single quotation open, a space (`a 'quiet' week`); elsewhere after a
// word it is an apostrophe (`parents' house`, `livin' it`).
const SINGLE_CLOSES_AFTER = /[.,!?…;:]/;
const LETTER = /\p{L}/u;

/** A quotation mark: double (`“ ” "`) or single (`‘ ’ '`), and whether it opens or closes. */
type Mark = { at: number; double: boolean; opens: boolean };

/**
 * The quotation marks of `text` between `from` and `to`, read as opening or closing. Curly double marks say which way
 * they face; a straight double mark opens after white space or a bracket and before a word, closes after a word, and
 * otherwise toggles. A single mark opens after white space and before a letter, and closes after the quotation's
 * punctuation or its last word; an apostrophe is neither. A double mark that would close with nothing open, right
 * after a sentence's end and before the next sentence (`... he said." We ...`), opens: it is the opening mark of a
 * paragraph, run onto the end of the one before when a text's paragraphs were joined.
 */
function quotationMarks(text: string, from: number, to: number): Mark[] {
  const marks: Mark[] = [];
  let doubleOpen = false;
  let singleOpen = false;
  for (let i = from; i < to; i += 1) {
    const c = text.charAt(i);
    if (c !== '“' && c !== '”' && c !== '"' && c !== '‘' && c !== '’' && c !== "'") continue;
    const before = i === from ? ' ' : text.charAt(i - 1);
    const after = i + 1 >= to ? ' ' : text.charAt(i + 1);
    if (c === '“' || c === '”' || c === '"') {
      let opens = c === '“';
      if (c === '"') {
        const canOpen = OPENS_AFTER.test(before) && !/\s/.test(after);
        const canClose = !/\s/.test(before) && !OPENS_AFTER.test(before);
        opens = canOpen === canClose ? !doubleOpen : canOpen;
        if (!opens && !doubleOpen && /[.!?]/.test(before) && /^\s+[A-Z“"‘']/.test(text.slice(i + 1, i + 3))) opens = true;
      }
      doubleOpen = opens;
      marks.push({ at: i, double: true, opens });
    } else if (c === '‘' || (c === "'" && OPENS_AFTER.test(before) && LETTER.test(after))) {
      singleOpen = true;
      marks.push({ at: i, double: false, opens: true });
    } else if (
      SINGLE_CLOSES_AFTER.test(before) ||
      (LETTER.test(before) && (SINGLE_CLOSES_AFTER.test(after) || (singleOpen && /\s/.test(after))))
    ) {
      singleOpen = false;
      marks.push({ at: i, double: false, opens: false });
    }
  }
  return marks;
}

/**
 * The quotations of one line, each from its opening mark to just after its closing mark of the same kind (or, when it
 * is not closed, to the next opening mark of its kind or the line end). A closing mark with nothing of its kind open
 * is ignored.
 */
function quotationsOf(text: string, line: Span): (Span & { closed: boolean })[] {
  const out: (Span & { closed: boolean })[] = [];
  const open = { double: -1, single: -1 };
  for (const mark of quotationMarks(text, line.start, line.end)) {
    const kind = mark.double ? 'double' : 'single';
    if (mark.opens) {
      // A quotation that opens again before it closes runs on over paragraphs (`'A. 'B. 'C.'`), each paragraph opening
      // with a mark: the part before the new mark is a quotation left open.
      if (open[kind] >= 0) out.push({ start: open[kind], end: mark.at, closed: false });
      open[kind] = mark.at;
    } else if (open[kind] >= 0) {
      out.push({ start: open[kind], end: mark.at + 1, closed: true });
      open[kind] = -1;
    }
  }
  for (const start of [open.double, open.single]) if (start >= 0) out.push({ start, end: line.end, closed: false });
  return out;
}

/**
 * Whether the double quotation marks of `text` fail to pair up, or it opens with a closing mark split off from the
 * sentence before (`' Then ...`): it shows a mark whose partner is in another sentence. An unpaired single mark may
 * be an apostrophe (`the workers', he said`), so single quotations count only as `quotationsOf` pairs them.
 */
function hasUnpairedMark(text: string): boolean {
  if (/^["'’”]\s/.test(text)) return true;
  let straight = 0;
  let curly = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 0x22) straight += 1;
    else if (c === 0x201c) curly += 1;
    else if (c === 0x201d) curly -= 1;
  }
  return straight % 2 === 1 || curly !== 0;
}

/**
 * Indices of the sentences that are pieces of a quotation: a sentence that starts inside a quotation an earlier
 * sentence opened, that opens a quotation it does not close, that shows a mark whose partner is in another sentence,
 * or that opens with a quotation filling most of it (`"We will rebuild," she said.`). Quotations never cross a line
 * break.
 */
export function quoteFragments(text: string, lines: readonly Line[], sentences: readonly Sentence[]): Set<number> {
  const fragments = new Set<number>();
  const byLine = new Map<number, Sentence[]>();
  for (const s of sentences) {
    const own = byLine.get(s.line);
    if (own === undefined) byLine.set(s.line, [s]);
    else own.push(s);
  }
  for (const [index, own] of byLine) {
    const line = lines[index];
    if (line === undefined) continue;
    const quoted = new Map<number, number>();
    for (const q of quotationsOf(text, line)) {
      const spanned = own.filter((s) => s.end > q.start && s.start < q.end);
      const end = !q.closed && spanned.length > MAX_OPEN_SENTENCES ? (spanned[STRAY_REACH - 1]?.end ?? q.end) : q.end;
      for (const s of spanned) {
        if (s.start >= end) continue;
        if (s.start > q.start || s.end < end) fragments.add(s.index);
        quoted.set(s.index, (quoted.get(s.index) ?? 0) + Math.min(s.end, end) - Math.max(s.start, q.start));
      }
    }
    for (const s of own) {
      if (hasUnpairedMark(s.text)) fragments.add(s.index);
      if (QUOTE_LED.test(s.text) && (quoted.get(s.index) ?? 0) > MAX_QUOTED_SHARE * (s.end - s.start)) fragments.add(s.index);
    }
  }
  return fragments;
}
