import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import type { Span } from './types.js';

/** A token of the text with its character span. */
export type Token = Span & { value: string };

/** Sentences (character spans) and tokens of a text, as wink-nlp splits and tags them. */
export type Tokenized = { sentences: Span[]; tokens: Token[] };

// Only sentence boundary detection: the full pipeline (POS, NER, negation, sentiment) costs more than twice the time
// and the engine uses none of it. The model is loaded once per process.
const nlp = winkNLP(model, ['sbd']);
const its = nlp.its;

// wink-nlp splits `Kallas's` into `Kallas` and `'s` until its lexicon has learnt the whole word from an earlier text,
// then keeps it whole: splitting here makes the tokens of a text the same whatever the process read before.
const POSSESSIVE = /^[^\s'’]+['’]s$/;

/**
 * Splits `text` into sentences and tokens with wink-nlp. wink-nlp does not report character offsets, so each token is
 * found again in `text` from the end of the previous one; a token wink normalised beyond recognition keeps a zero-width
 * span at the cursor.
 */
export function tokenize(text: string): Tokenized {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value);
  const tokens: Token[] = [];
  // Where each of wink's tokens starts in `tokens` (a possessive becomes two), for the sentence spans below.
  const firstPiece: number[] = [];
  let cursor = 0;
  for (let i = 0; i < values.length; i += 1) {
    firstPiece.push(tokens.length);
    const value = values[i] ?? '';
    // Tokens are usually separated by whitespace only; otherwise look a short way ahead (a token wink rewrote would
    // cost a scan of the rest of the text).
    let next = cursor;
    while (next < text.length && (text.charCodeAt(next) <= 32 || text.charCodeAt(next) === 160)) next += 1;
    let at = value.length > 0 && text.startsWith(value, next) ? next : -1;
    if (at < 0 && value.length > 0) {
      const offset = text.slice(cursor, cursor + value.length + 64).indexOf(value);
      at = offset < 0 ? -1 : cursor + offset;
    }
    const found = at >= 0;
    const start = found ? at : cursor;
    const end = found ? at + value.length : cursor;
    if (found && POSSESSIVE.test(value)) {
      tokens.push({ start, end: end - 2, value: value.slice(0, -2) }, { start: end - 2, end, value: value.slice(-2) });
    } else {
      tokens.push({ start, end, value });
    }
    cursor = end;
  }
  const sentences: Span[] = [];
  for (const [first, last] of doc.sentences().out(its.span) as unknown as Array<[number, number]>) {
    const a = tokens[firstPiece[first] ?? tokens.length];
    const b = tokens[(firstPiece[last + 1] ?? tokens.length) - 1];
    if (a !== undefined && b !== undefined && b.end > a.start) sentences.push({ start: a.start, end: b.end });
  }
  return { sentences, tokens };
}
