import type { Sentence } from './segment.js';

/** Words that carry no topic: left out of overlap and centrality. */
const STOPWORDS = new Set(
  (
    'a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they we i you his her their our my your him them us me who whom which what when where why how not no yes so ' +
    'than then there here also just about into over after before up down out more most some any all each both very can ' +
    'could would should will shall may might must do does did has have had said says say told one two new mr mrs ms'
  ).split(/\s+/),
);

export function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9]+(?:['’][a-z]+)?/g) ?? [])
    .map((w) => w.replace(/['’]s$/, ''))
    .filter((w) => w.length > 1 && !STOPWORDS.has(w))
    .map(stem);
}

/** A light suffix stripper: enough to match "talks"/"talk" and "warned"/"warns" for overlap. */
function stem(word: string): string {
  if (word.length <= 4) return word;
  return word.replace(/(?:ies|ing|ed|es|s|ly)$/, '');
}

type Vector = Map<string, number>;

function vectorOf(words: readonly string[], idf: Map<string, number>): Vector {
  const v: Vector = new Map();
  for (const w of words) v.set(w, (v.get(w) ?? 0) + (idf.get(w) ?? 1));
  return v;
}

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, x] of a) {
    na += x * x;
    const y = b.get(k);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Weights of the sentence score; fixed, chosen on fold A of the dev data (see eval/README.md). */
export const RANK_WEIGHTS = {
  position: 1.0,
  positionDecay: 0.35,
  centrality: 0.6,
  title: 0.4,
  quotePenalty: 0.25,
  shortPenalty: 0.5,
  longPenalty: 0.3,
  redundancy: 0.5,
};

export type RankedSentence = { sentence: Sentence; score: number; vector: Vector };

/**
 * Scores story sentences for a brief: a lead-position prior (news puts the story first), TF-IDF centrality against the
 * whole article, overlap with the headline, and penalties for fragments, run-ons and sentences that are mostly a quote.
 */
export function rankSentences(sentences: readonly Sentence[], title: string, weights = RANK_WEIGHTS): RankedSentence[] {
  const words = sentences.map((s) => contentWords(s.text));
  const df = new Map<string, number>();
  for (const ws of words) for (const w of new Set(ws)) df.set(w, (df.get(w) ?? 0) + 1);
  const n = sentences.length;
  const idf = new Map<string, number>();
  for (const [w, d] of df) idf.set(w, Math.log(1 + n / d));
  const vectors = words.map((ws) => vectorOf(ws, idf));
  const centroid: Vector = new Map();
  for (const v of vectors) for (const [k, x] of v) centroid.set(k, (centroid.get(k) ?? 0) + x);
  const titleVector = vectorOf(contentWords(title), idf);
  return sentences.map((sentence, i) => {
    const v = vectors[i] as Vector;
    const length = sentence.text.split(/\s+/).length;
    const quoted = (sentence.text.match(/[“”"]/g)?.length ?? 0) >= 2 && /^[“"‘']/.test(sentence.text);
    let score =
      weights.position * Math.exp(-weights.positionDecay * i) +
      weights.centrality * cosine(v, centroid) +
      (titleVector.size > 0 ? weights.title * cosine(v, titleVector) : 0);
    if (quoted) score -= weights.quotePenalty;
    if (length < 8) score -= weights.shortPenalty;
    if (length > 45) score -= weights.longPenalty;
    if (/\?$/.test(sentence.text)) score -= weights.shortPenalty / 2;
    return { sentence, score, vector: v };
  });
}

/** Picks `count` sentences by maximal marginal relevance, returned in article order. */
export function selectSentences(ranked: readonly RankedSentence[], count: number, weights = RANK_WEIGHTS): RankedSentence[] {
  const chosen: RankedSentence[] = [];
  const pool = [...ranked];
  while (chosen.length < count && pool.length > 0) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < pool.length; i += 1) {
      const candidate = pool[i] as RankedSentence;
      const overlap = chosen.reduce((max, c) => Math.max(max, cosine(candidate.vector, c.vector)), 0);
      if (overlap > 0.6) continue; // two bullets never say the same thing
      const score = candidate.score - weights.redundancy * overlap;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    if (best < 0) break;
    chosen.push(pool[best] as RankedSentence);
    pool.splice(best, 1);
  }
  return chosen.sort((a, b) => a.sentence.index - b.sentence.index);
}
