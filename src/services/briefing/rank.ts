import type { Sentence } from './segment.js';
import { RANKER } from './model/ranker.js';
import { leansBack } from './story-text.js';
import { capitalisedWordCount, wordCount } from './text-scan.js';

/** Words that carry no topic: left out of overlap and centrality. */
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they we i you his her their our my your him them us me who whom which what when where why how not no yes so ' +
    'than then there here also just about into over after before up down out more most some any all each both very can ' +
    'could would should will shall may might must do does did has have had said says say told one two new mr mrs ms'
  ).split(/\s+/),
);

/**
 * The topic words of `text`: lower-cased runs of ASCII letters and digits, each with an apostrophe and the letters after
 * it (`don't`), a possessive `'s` dropped, stop words and one-letter words left out, then stemmed.
 */
export function contentWords(text: string): string[] {
  const lower = text.toLowerCase();
  const words: string[] = [];
  // One pass over the character codes, with no array of regex matches: this runs for every sentence and quote.
  for (let i = 0; i < lower.length; ) {
    if (!isWordChar(lower.charCodeAt(i))) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < lower.length && isWordChar(lower.charCodeAt(i))) i += 1;
    let end = i;
    const apostrophe = lower.charCodeAt(i);
    if ((apostrophe === 39 || apostrophe === 0x2019) && isLowerLetter(lower.charCodeAt(i + 1))) {
      i += 2;
      while (i < lower.length && isLowerLetter(lower.charCodeAt(i))) i += 1;
      // A possessive (`harbour's`) counts as the bare word.
      if (i - end !== 2 || lower.charCodeAt(end + 1) !== 115) end = i;
    }
    if (end - start > 1) {
      const word = lower.slice(start, end);
      if (!STOPWORDS.has(word)) words.push(stem(word));
    }
  }
  return words;
}

function isLowerLetter(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

// Longest first, as the one suffix stripped is the longest that fits.
const SUFFIXES = ['ies', 'ing', 'ed', 'es', 'ly', 's'];

/** A light suffix stripper: enough to match "talks"/"talk" and "warned"/"warns" for overlap. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  for (const suffix of SUFFIXES) if (word.endsWith(suffix)) return word.slice(0, -suffix.length);
  return word;
}

type Vector = Map<string, number>;

function vectorOf(words: readonly string[], idf: Map<string, number>): Vector {
  const v: Vector = new Map();
  for (const w of words) v.set(w, (v.get(w) ?? 0) + (idf.get(w) ?? 1));
  return v;
}

// Vectors are walked with forEach: a for-of over a Map's entries left an array per entry for the garbage collector.
function cosine(a: Vector, b: Vector, nb = squaredNorm(b)): number {
  let dot = 0;
  let na = 0;
  a.forEach((x, k) => {
    na += x * x;
    const y = b.get(k);
    if (y !== undefined) dot += x * y;
  });
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

function squaredNorm(v: Vector): number {
  let sum = 0;
  for (const y of v.values()) sum += y * y;
  return sum;
}

/** Maximal marginal relevance: how much similarity to a chosen bullet lowers a candidate's score. */
export const REDUNDANCY = { weight: 0.5, maxSimilarity: 0.6 };

/**
 * A scored sentence. `leansBack`: it opens with a pronoun or connective (see `story-text.ts`), so it opens the brief
 * only when no sentence close after it names the subject.
 */
export type RankedSentence = { sentence: Sentence; score: number; vector: Vector; leansBack: boolean };

/** Names of the sentence features, in the order `sentenceFeatures` returns them (the learned ranker's inputs). */
export const FEATURE_NAMES = [
  'bias',
  'lead_decay',
  'inverse_position',
  'is_first',
  'relative_position',
  'length',
  'is_short',
  'is_long',
  'centrality',
  'title_overlap',
  'capitalised_ratio',
  'has_number',
  'is_quote',
  'has_say_verb',
  'is_question',
  'first_person',
  'leans_back',
  'run_on',
] as const;

/** Where the `leans_back` feature stands in a feature vector: selection reads it rather than testing the text again. */
const LEANS_BACK = FEATURE_NAMES.indexOf('leans_back');

// A lower-case word followed by a capitalised function word with no punctuation between: two sentences (or a caption
// and a sentence) that the source ran together.
const RUN_ON = /[a-z] (?:The|A|An|He|She|It|They|His|Her|In|On)\s[a-z]/;
const SAYS = /\b(?:said|says|told|according to|added|stated|announced|claimed|warned)\b/i;

/** Feature vectors of story sentences (see `FEATURE_NAMES`), with the TF-IDF vectors used for redundancy. */
export function sentenceFeatures(sentences: readonly Sentence[], title: string): { features: number[][]; vectors: Vector[] } {
  const words = sentences.map((s) => contentWords(s.text));
  const df = new Map<string, number>();
  const inSentence = new Set<string>();
  for (const ws of words) {
    inSentence.clear();
    for (const w of ws) {
      if (inSentence.has(w)) continue;
      inSentence.add(w);
      df.set(w, (df.get(w) ?? 0) + 1);
    }
  }
  const n = sentences.length;
  const idf = new Map<string, number>();
  df.forEach((d, w) => idf.set(w, Math.log(1 + n / d)));
  const vectors = words.map((ws) => vectorOf(ws, idf));
  const centroid: Vector = new Map();
  for (const v of vectors) v.forEach((x, k) => centroid.set(k, (centroid.get(k) ?? 0) + x));
  const titleVector = vectorOf(contentWords(title), idf);
  const centroidNorm = squaredNorm(centroid);
  const titleNorm = squaredNorm(titleVector);
  const features = sentences.map((sentence, i) => {
    const length = wordCount(sentence.text);
    const capitalised = capitalisedWordCount(sentence.text) / Math.max(1, length);
    const quoted = /^[“"‘']/.test(sentence.text) && (sentence.text.match(/[“”"]/g)?.length ?? 0) >= 2;
    return [
      1,
      Math.exp(-0.35 * i),
      1 / (i + 1),
      i === 0 ? 1 : 0,
      n <= 1 ? 0 : i / (n - 1),
      Math.min(length, 60) / 30,
      length < 8 ? 1 : 0,
      length > 40 ? 1 : 0,
      cosine(vectors[i] as Vector, centroid, centroidNorm),
      titleVector.size > 0 ? cosine(vectors[i] as Vector, titleVector, titleNorm) : 0,
      capitalised,
      /\d/.test(sentence.text) ? 1 : 0,
      quoted ? 1 : 0,
      SAYS.test(sentence.text) ? 1 : 0,
      /\?["”’']?$/.test(sentence.text) ? 1 : 0,
      /\b(?:I|we|my|our|me|us)\b/.test(sentence.text) ? 1 : 0,
      leansBack(sentence.text) ? 1 : 0,
      RUN_ON.test(sentence.text) ? 1 : 0,
    ];
  });
  return { features, vectors };
}

/** Model weights: one per feature, in `FEATURE_NAMES` order. */
export type RankerModel = { features: readonly string[]; weights: readonly number[] };

/**
 * Scores story sentences for a brief with the learned linear ranker (`model/ranker.ts`, trained by
 * `eval/train-ranker.ts` on the dev summaries): lead position, length, centrality, headline overlap, names, numbers,
 * quotes, speech verbs, an opening pronoun or connective and run-together sentences.
 */
export function rankSentences(sentences: readonly Sentence[], title: string, model: RankerModel = RANKER): RankedSentence[] {
  const { features, vectors } = sentenceFeatures(sentences, title);
  return sentences.map((sentence, i) => {
    const x = features[i] as number[];
    let score = 0;
    for (let k = 0; k < x.length; k += 1) score += (model.weights[k] ?? 0) * (x[k] ?? 0);
    return { sentence, score, vector: vectors[i] as Vector, leansBack: x[LEANS_BACK] === 1 };
  });
}

/**
 * How many sentences to pick: at least `min`, at most `max`, and past `min` only while the next pick keeps the total
 * within `words` words.
 */
export type BriefLength = { min: number; max: number; words: number };

/**
 * Picks sentences by maximal marginal relevance, as many as `length` allows (a number: exactly that many, when there
 * are enough), returned in article order. A sentence that leans back is picked only once a sentence before it in the
 * article is chosen, so the first bullet names its subject; when nothing else is left, it is picked all the same.
 */
export function selectSentences(
  ranked: readonly RankedSentence[],
  length: number | BriefLength,
  redundancy = REDUNDANCY,
): RankedSentence[] {
  const { min, max, words: budget } = typeof length === 'number' ? { min: length, max: length, words: Infinity } : length;
  const chosen: RankedSentence[] = [];
  const pool = [...ranked];
  // Each candidate's greatest similarity to a chosen sentence, brought up to date once per pick rather than recomputed
  // against every chosen sentence in every round.
  const overlaps = pool.map(() => 0);
  const deferred = deferredSentences(ranked);
  let words = 0;
  let firstIndex = Infinity;
  while (chosen.length < max && pool.length > 0) {
    const last = chosen.at(-1);
    if (last !== undefined) {
      for (let i = 0; i < pool.length; i += 1) {
        overlaps[i] = Math.max(overlaps[i] ?? 0, cosine((pool[i] as RankedSentence).vector, last.vector));
      }
    }
    const best = bestCandidate(pool, overlaps, redundancy, firstIndex, deferred) ?? bestCandidate(pool, overlaps, redundancy, firstIndex);
    if (best === undefined) break;
    const picked = pool[best] as RankedSentence;
    const pickedWords = wordCount(picked.sentence.text);
    if (chosen.length >= min && words + pickedWords > budget) break;
    chosen.push(picked);
    words += pickedWords;
    firstIndex = Math.min(firstIndex, picked.sentence.index);
    pool.splice(best, 1);
    overlaps.splice(best, 1);
  }
  return chosen.sort((a, b) => a.sentence.index - b.sentence.index);
}

/** How far after a sentence that leans back the sentence that names its subject is looked for. */
const NAMING_LOOKAHEAD = 2;

/**
 * The sentences that lean back and are followed, within `NAMING_LOOKAHEAD` sentences, by one that does not: that one
 * can open the brief instead. A sentence that leans back with no such successor (an article that opens `They ... They
 * ... It ...`) is not deferred, as the brief would otherwise open far from the lead.
 */
function deferredSentences(ranked: readonly RankedSentence[]): Set<RankedSentence> {
  const naming = new Set(ranked.filter((r) => !r.leansBack).map((r) => r.sentence.index));
  const deferred = new Set<RankedSentence>();
  for (const r of ranked) {
    if (!r.leansBack) continue;
    for (let k = 1; k <= NAMING_LOOKAHEAD; k += 1) if (naming.has(r.sentence.index + k)) deferred.add(r);
  }
  return deferred;
}

/**
 * The pool position of the best candidate by maximal marginal relevance, or `undefined`. A `deferred` sentence
 * qualifies only after a chosen sentence that comes before it (`firstIndex`).
 */
function bestCandidate(
  pool: readonly RankedSentence[],
  overlaps: readonly number[],
  redundancy: typeof REDUNDANCY,
  firstIndex: number,
  deferred: ReadonlySet<RankedSentence> = new Set(),
): number | undefined {
  let best: number | undefined;
  let bestScore = -Infinity;
  for (let i = 0; i < pool.length; i += 1) {
    const candidate = pool[i] as RankedSentence;
    const overlap = overlaps[i] ?? 0;
    if (overlap > redundancy.maxSimilarity) continue; // two bullets never say the same thing
    if (candidate.sentence.index < firstIndex && deferred.has(candidate)) continue;
    const score = candidate.score - redundancy.weight * overlap;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}
