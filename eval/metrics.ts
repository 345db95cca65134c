import { stemmer } from 'stemmer';

/** Evaluation tokens: lower-cased runs of a-z0-9 after NFKD normalisation. */
export function evalTokens(text: string): string[] {
  return text.normalize('NFKD').toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** Evaluation tokens, Porter-stemmed as published ROUGE figures use. */
export function stemmedTokens(text: string): string[] {
  return evalTokens(text).map((token) => (token.length > 3 ? stemmer(token) : token));
}

export type Prf = { p: number; r: number; f: number };

function prf(hits: number, predicted: number, reference: number): Prf {
  const p = predicted === 0 ? 0 : hits / predicted;
  const r = reference === 0 ? 0 : hits / reference;
  return { p, r, f: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
}

function counts(items: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const item of items) map.set(item, (map.get(item) ?? 0) + 1);
  return map;
}

function ngrams(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i += 1) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** ROUGE-N between a candidate and a reference, each a token list. */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): Prf {
  const c = counts(ngrams(candidate, n));
  const r = counts(ngrams(reference, n));
  let hits = 0;
  for (const [gram, count] of c) hits += Math.min(count, r.get(gram) ?? 0);
  return prf(hits, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

function lcsTable(a: readonly string[], b: readonly string[]): number[][] {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i += 1) {
    const row = table[i] as number[];
    const prev = table[i - 1] as number[];
    for (let j = 1; j <= b.length; j += 1) {
      row[j] = a[i - 1] === b[j - 1] ? (prev[j - 1] as number) + 1 : Math.max(prev[j] as number, row[j - 1] as number);
    }
  }
  return table;
}

/** Indices of `ref` on one longest common subsequence with `cand`. */
function lcsIndices(ref: readonly string[], cand: readonly string[]): number[] {
  const table = lcsTable(ref, cand);
  const out: number[] = [];
  let i = ref.length;
  let j = cand.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === cand[j - 1]) {
      out.push(i - 1);
      i -= 1;
      j -= 1;
    } else if ((table[i - 1]?.[j] ?? 0) >= (table[i]?.[j - 1] ?? 0)) i -= 1;
    else j -= 1;
  }
  return out.reverse();
}

/**
 * ROUGE-Lsum: summary-level LCS, the union of each reference sentence's LCS with every candidate sentence, with token
 * counts clipped as in Google's rouge-score package.
 */
export function rougeLsum(candidate: readonly string[][], reference: readonly string[][]): Prf {
  const m = reference.reduce((sum, s) => sum + s.length, 0);
  const n = candidate.reduce((sum, s) => sum + s.length, 0);
  const refCounts = counts(reference.flat());
  const candCounts = counts(candidate.flat());
  let hits = 0;
  for (const ref of reference) {
    const union = new Set<number>();
    for (const cand of candidate) for (const index of lcsIndices(ref, cand)) union.add(index);
    for (const index of [...union].sort((a, b) => a - b)) {
      const token = ref[index] as string;
      if ((candCounts.get(token) ?? 0) > 0 && (refCounts.get(token) ?? 0) > 0) {
        hits += 1;
        candCounts.set(token, (candCounts.get(token) ?? 0) - 1);
        refCounts.set(token, (refCounts.get(token) ?? 0) - 1);
      }
    }
  }
  return prf(hits, n, m);
}

/** Token F1 between two texts (multiset overlap of evaluation tokens). */
export function tokenF1(a: readonly string[], b: readonly string[]): number {
  const ca = counts(a);
  let hits = 0;
  for (const [token, count] of counts(b)) hits += Math.min(count, ca.get(token) ?? 0);
  return prf(hits, a.length, b.length).f;
}

const TITLES = new Set(
  'mr mrs ms miss dr prof professor sir dame lord lady president prime minister senator sen rep gov governor mayor judge chief rev jr sr'.split(' '),
);

export type GoldQuote = { quote: string; speaker: string | null; scorable: boolean };
export type PredictedQuote = { quote: string; speaker: string | null };

/** Is the predicted speaker right? Last token after dropping titles must be a token of the gold speaker. */
export function speakerMatches(predicted: string | null, gold: string | null): boolean {
  const goldTokens = gold === null ? [] : evalTokens(gold);
  if (predicted === null) return goldTokens.length === 0;
  const tokens = evalTokens(predicted).filter((t) => !TITLES.has(t));
  const last = tokens.at(-1);
  return last !== undefined && goldTokens.includes(last);
}

export type QuoteCounts = {
  predicted: number;
  gold: number;
  matched: number;
  speakerJudged: number;
  speakerRight: number;
  matchedWithSpeaker: number;
  /** Judged quotes given a named (non-null) speaker, and those of them whose speaker is wrong. */
  named: number;
  namedWrong: number;
};

export function emptyCounts(): QuoteCounts {
  return { predicted: 0, gold: 0, matched: 0, speakerJudged: 0, speakerRight: 0, matchedWithSpeaker: 0, named: 0, namedWrong: 0 };
}

/**
 * Scores one article's predicted quotes against its gold quotes: a match needs token F1 >= 0.5, one-to-one, greedy by
 * best overlap. A gold quote with `scorable: false` counts as matched with the right speaker whatever was predicted.
 */
export function scoreQuotes(predicted: readonly PredictedQuote[], gold: readonly GoldQuote[], into: QuoteCounts): void {
  into.predicted += predicted.length;
  into.gold += gold.length;
  for (const [i, j] of matchQuotes(predicted.map((q) => q.quote), gold.map((q) => q.quote))) {
    into.matched += 1;
    const g = gold[j] as GoldQuote;
    const p = predicted[i] as PredictedQuote;
    if (!g.scorable) {
      into.matchedWithSpeaker += 1;
      continue;
    }
    into.speakerJudged += 1;
    const right = speakerMatches(p.speaker, g.speaker);
    if (p.speaker !== null) {
      into.named += 1;
      if (!right) into.namedWrong += 1;
    }
    if (right) {
      into.speakerRight += 1;
      into.matchedWithSpeaker += 1;
    }
  }
}

/** Predicted quote index -> gold quote index: token F1 >= 0.5, one-to-one, greedy by best overlap. */
export function matchQuotes(predicted: readonly string[], gold: readonly string[]): Map<number, number> {
  const pt = predicted.map(evalTokens);
  const gt = gold.map(evalTokens);
  const pairs: Array<{ i: number; j: number; f: number }> = [];
  for (let i = 0; i < pt.length; i += 1) {
    for (let j = 0; j < gt.length; j += 1) {
      const f = tokenF1(pt[i] as string[], gt[j] as string[]);
      if (f >= 0.5) pairs.push({ i, j, f });
    }
  }
  pairs.sort((a, b) => b.f - a.f || a.i - b.i || a.j - b.j);
  const matchOf = new Map<number, number>();
  const usedG = new Set<number>();
  for (const { i, j } of pairs) {
    if (matchOf.has(i) || usedG.has(j)) continue;
    matchOf.set(i, j);
    usedG.add(j);
  }
  return matchOf;
}

export type QuoteFigures = {
  p: number;
  r: number;
  f1: number;
  speakerAcc: number;
  withSpeakerF1: number;
  /** Named speakers that are wrong, over all named speakers of matched quotes. */
  wrongSpeakerRate: number;
  /** Matched quotes given no speaker (`null`), over all matched quotes whose speaker is judged. */
  nullShare: number;
};

export function quoteFigures(c: QuoteCounts): QuoteFigures {
  const p = c.predicted === 0 ? 0 : c.matched / c.predicted;
  const r = c.gold === 0 ? 0 : c.matched / c.gold;
  const sp = c.predicted === 0 ? 0 : c.matchedWithSpeaker / c.predicted;
  const sr = c.gold === 0 ? 0 : c.matchedWithSpeaker / c.gold;
  return {
    p,
    r,
    f1: p + r === 0 ? 0 : (2 * p * r) / (p + r),
    speakerAcc: c.speakerJudged === 0 ? 0 : c.speakerRight / c.speakerJudged,
    withSpeakerF1: sp + sr === 0 ? 0 : (2 * sp * sr) / (sp + sr),
    wrongSpeakerRate: c.named === 0 ? 0 : c.namedWrong / c.named,
    nullShare: c.speakerJudged === 0 ? 0 : (c.speakerJudged - c.named) / c.speakerJudged,
  };
}

const DOCUMENTS = new Set(
  'statement statements release report reports study survey poll polls letter email e-mail memo tweet post website document filing ruling judgment article book'.split(' '),
);
const CLAUSE_WORDS = new Set('is are was were be been has have had that which who whom whose designed if because'.split(' '));
const ADVERBS = new Set('somehow however meanwhile also still yet then now instead perhaps indeed besides moreover therefore thus again here there'.split(' '));
const LEADING_PREPOSITION = /^(?:in|on|at|for|to|from|by|with|after|before|during|as|of)\s/i;

/**
 * Why a predicted speaker is not a mention of a person, organisation or role in the article, or `null` when it is one:
 * absent from the text, a document (`a statement`), an adverb (`Somehow`), a clause fragment, a phrase led by a
 * preposition, or one word that the article only ever writes inside a longer name (`Authority` of `Port Authority`).
 */
export function notAMention(speaker: string, text: string): string | null {
  const words = speaker.trim().split(/\s+/);
  const lower = words.map((w) => w.toLowerCase().replace(/[^\p{L}\-]/gu, ''));
  const head = lower.at(-1) ?? '';
  if (!text.replace(/\s+/g, ' ').includes(speaker)) return 'not in the article';
  // `the report`, `Christie's statement`; `Washington Post` is a name, not a document.
  if (DOCUMENTS.has(head) && (words.length === 1 || !words.every((w) => /^\p{Lu}/u.test(w)) || /^(?:The|A|An|His|Her|Its|Their)$/.test(words[0] ?? ''))) {
    if (!(words.length === 1 && /^\p{Lu}/u.test(speaker))) return 'a document';
  }
  if (words.length === 1 && (ADVERBS.has(head) || /ly$/.test(head))) return 'an adverb';
  if (LEADING_PREPOSITION.test(speaker)) return 'a prepositional phrase';
  if (words.length > 10 || lower.some((w) => CLAUSE_WORDS.has(w))) return 'a clause fragment';
  if (words.length === 1 && /^\p{Lu}/u.test(speaker) && !standsAlone(speaker, text)) return 'a piece of a longer name';
  return null;
}

/** Whether `word` occurs at least once not right after another capitalised word (`The` and `A` aside). */
function standsAlone(word: string, text: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (/\p{L}/u.test(text.charAt(at + word.length))) continue;
    const before = /(\S+)\s+$/.exec(text.slice(Math.max(0, at - 40), at))?.[1] ?? '';
    if (!/^\p{Lu}/u.test(before) || TITLES.has(before.toLowerCase()) || /^(?:The|A|An|Chief)$/.test(before) || /[.!?:"“”,]$/.test(before)) return true;
  }
  return false;
}

/** The naive baseline: every passage of four or more words between double quote marks, no speaker. */
export function naiveQuotes(text: string): PredictedQuote[] {
  const out: PredictedQuote[] = [];
  // Marks are paired within a paragraph, so that one unclosed quote does not shift every pair after it.
  for (const paragraph of text.split(/\n+/)) {
    for (const match of paragraph.matchAll(/["“”]([^"“”]+)["“”]/g)) {
      const body = match[1] ?? '';
      if (body.trim().split(/\s+/).length >= 4) out.push({ quote: body, speaker: null });
    }
  }
  return out;
}

/** Stable half split by id, so that tuning on one half and reporting the other is reproducible. */
export function foldOf(id: string): 0 | 1 {
  return partOf(id, 2) === 0 ? 0 : 1;
}

/** Stable split of ids into `parts` parts (FNV-1a hash), for cross-validation by article. */
export function partOf(id: string, parts: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i += 1) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return (h >>> 0) % parts;
}

/** Precision, recall and F1 of a clustering against gold clusters, each a map from item id to cluster id. */
export type ClusterScores = { bcubed: Prf; pairwise: Prf };

/**
 * BCubed (per item: the share of its predicted cluster in its gold cluster, and the reverse, averaged over items) and
 * pairwise scores (over pairs of items put together) of `predicted` against `gold`. Items missing from `predicted` are
 * singletons.
 */
export function scoreClusters(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): ClusterScores {
  const ids = [...gold.keys()];
  const predictedOf = (id: string): string => predicted.get(id) ?? `singleton:${id}`;
  const predictedSize = counts(ids.map(predictedOf));
  const goldSize = counts(ids.map((id) => gold.get(id) as string));
  const jointSize = counts(ids.map((id) => `${predictedOf(id)}\u0000${gold.get(id) as string}`));
  let p = 0;
  let r = 0;
  for (const id of ids) {
    const joint = jointSize.get(`${predictedOf(id)}\u0000${gold.get(id) as string}`) ?? 0;
    p += joint / (predictedSize.get(predictedOf(id)) ?? 1);
    r += joint / (goldSize.get(gold.get(id) as string) ?? 1);
  }
  const n = Math.max(1, ids.length);
  const pairs = (sizes: Map<string, number>): number => [...sizes.values()].reduce((sum, s) => sum + (s * (s - 1)) / 2, 0);
  const bp = p / n;
  const br = r / n;
  return {
    bcubed: { p: bp, r: br, f: bp + br === 0 ? 0 : (2 * bp * br) / (bp + br) },
    pairwise: prf(pairs(jointSize), pairs(predictedSize), pairs(goldSize)),
  };
}
