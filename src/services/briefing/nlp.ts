import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { isSpace } from './text-scan.js';
import type { Span } from './types.js';

/** A token of the text with its character span. */
export type Token = Span & { value: string };

/** Sentences (character spans) and tokens of a text, as wink-nlp splits and tags them. */
export type Tokenized = { sentences: Span[]; tokens: Token[] };

/** A source of `T` that creates a fresh one on first use and again after every `uses` uses. */
export function renewedEvery<T>(uses: number, create: () => T): () => T {
  let current: T | undefined;
  let used = 0;
  return () => {
    if (current === undefined || used >= uses) {
      current = create();
      used = 0;
    }
    used += 1;
    return current;
  };
}

/**
 * wink-nlp adds every word it has not seen to its instance's lexicon and never drops it (about 5 KB per article of fresh
 * news), so a bot that briefs every day would grow without end; the instance is replaced after this many documents.
 * A new instance costs a third of a first load, as the core model is decoded only once (below). Possessives, the one
 * common case where wink's tokens depend on what its lexicon has learnt, are split below; the rare others (an
 * abbreviation run into an ellipsis, `U.S....`) may tokenise differently after a renewal.
 */
const DOCUMENTS_PER_INSTANCE = 2_000;

// The model re-serialises its CER machines into the same variable on every load, so each new instance would double
// that string until it overflows; every instance gets the first load's machines.
const loadCerMachines = model.metaCER;
if (typeof loadCerMachines !== 'function') throw new TypeError('wink-eng-lite-web-model: metaCER is not a loader');
const cerMachines = (loadCerMachines as () => unknown)();

/** The core model as far as renewal needs it: named feature tables, some of which wink-nlp adds to. */
type CoreModel = { features: Record<string, object> };
/** A feature table wink-nlp adds unseen values to: the values in order, and each value's index. */
type FeatureTable = { list: unknown[]; hash: Record<string, number> };

function isCoreModel(value: unknown): value is CoreModel {
  return typeof value === 'object' && value !== null && 'features' in value && typeof value.features === 'object' && value.features !== null;
}

function isFeatureTable(table: object): table is FeatureTable {
  return 'list' in table && Array.isArray(table.list) && 'hash' in table && typeof table.hash === 'object' && table.hash !== null;
}

// A renewal decoded the whole core model again: a deep copy of 3 MB of JSON, a base64 lexicon and a hash of 90,000
// words. It is decoded once here and never handed to wink-nlp itself: each instance gets its own feature tables, the
// only part of the core model that wink-nlp changes (it adds the words it has not seen), and shares the rest, which
// it only reads. The kept copy drops its hashes, rebuilt for each instance from the lists as the model builds them.
const loadCore = model.core;
if (typeof loadCore !== 'function') throw new TypeError('wink-eng-lite-web-model: core is not a loader');
const decodedCore = (loadCore as () => unknown)();
if (!isCoreModel(decodedCore)) throw new TypeError('wink-eng-lite-web-model: the core model has no feature tables');
const tableNames = Object.keys(decodedCore.features).filter((name) => isFeatureTable(decodedCore.features[name] ?? {}));
for (const name of tableNames) delete (decodedCore.features[name] as { hash?: unknown }).hash;

/** The decoded core model with fresh feature tables. */
function freshCore(core: CoreModel): CoreModel {
  const features = { ...core.features };
  for (const name of tableNames) {
    const table = core.features[name] as { list: unknown[] };
    const list = [...table.list];
    const hash = Object.create(null) as Record<string, number>;
    for (let k = 0; k < list.length; k += 1) hash[String(list[k])] = k;
    features[name] = { ...table, list, hash };
  }
  return { ...core, features };
}

const reloadableModel = { ...model, core: () => freshCore(decodedCore), metaCER: () => cerMachines };

// Only sentence boundary detection: the full pipeline (POS, NER, negation, sentiment) costs more than twice the time
// and the engine uses none of it.
export function createWinkInstance(): ReturnType<typeof winkNLP> {
  return winkNLP(reloadableModel, ['sbd']);
}

const winkInstance = renewedEvery(DOCUMENTS_PER_INSTANCE, createWinkInstance);

// wink-nlp splits `Kallas's` into `Kallas` and `'s` until its lexicon has learnt the whole word from an earlier text,
// then keeps it whole: splitting here makes the tokens of a text the same whatever the process read before.
const POSSESSIVE = /^[^\s'’]+['’][sS]$/;

/** Whether `value` is a word with a possessive `'s` (see `POSSESSIVE`); the last two characters rule out most tokens. */
function isPossessive(value: string): boolean {
  const s = value.charCodeAt(value.length - 1);
  const apostrophe = value.charCodeAt(value.length - 2);
  return (s === 115 || s === 83) && (apostrophe === 39 || apostrophe === 0x2019) && POSSESSIVE.test(value);
}

/**
 * Splits `text` into sentences and tokens with wink-nlp. wink-nlp does not report character offsets, so each token is
 * found again in `text` from the end of the previous one; a token wink normalised beyond recognition keeps a zero-width
 * span at the cursor.
 */
export function tokenize(text: string): Tokenized {
  const nlp = winkInstance();
  const its = nlp.its;
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
    while (next < text.length && isSpace(text.charCodeAt(next))) next += 1;
    let at = value.length > 0 && text.startsWith(value, next) ? next : -1;
    // A line break token (`\n\n`) is the white space skipped above: it starts at the cursor.
    if (at < 0 && value.length > 0 && text.startsWith(value, cursor)) at = cursor;
    if (at < 0 && value.length > 0) {
      const offset = text.slice(cursor, cursor + value.length + 64).indexOf(value);
      at = offset < 0 ? -1 : cursor + offset;
    }
    const found = at >= 0;
    const start = found ? at : cursor;
    const end = found ? at + value.length : cursor;
    if (found && isPossessive(value)) {
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
