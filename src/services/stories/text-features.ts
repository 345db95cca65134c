import { contentWords } from '../briefing/rank.js';

/** A sparse term vector: term -> weight. */
export type TermVector = Map<string, number>;

/** How much each part of an article counts towards its story features. */
export type FeatureWeights = {
  /** A content word of the headline. */
  title: number;
  /** A content word of the body's lead (its first `leadChars` characters). */
  text: number;
  /** Extra weight of a word written capitalised inside a sentence (a name) or a number. */
  entity: number;
  /** An adjacent pair of headline content words. */
  bigram: number;
  leadChars: number;
};

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { title: 1, text: 0.3, entity: 0.5, bigram: 0.5, leadChars: 600 };

const CAPITALISED = /[A-Z][A-Za-z0-9'’.-]*|\d[\d,.]*/g;

/**
 * The story features of an article: stemmed content words of the headline (see `contentWords`), pairs of adjacent ones,
 * and the lead of the body at a lower weight; names and numbers count extra. Words of the outlet's own name are left
 * out, as outlets brand their headlines ("... - Reuters") whatever the story.
 */
export function storyFeatures(
  article: { title: string; text?: string | undefined; outlet?: string | null | undefined },
  weights: FeatureWeights = DEFAULT_FEATURE_WEIGHTS,
): TermVector {
  const vector: TermVector = new Map();
  const outletWords = new Set(article.outlet ? contentWords(article.outlet) : []);
  const add = (term: string, weight: number): void => {
    if (weight > 0 && !outletWords.has(term)) vector.set(term, (vector.get(term) ?? 0) + weight);
  };
  const titleWords = contentWords(article.title);
  for (const word of titleWords) add(word, weights.title);
  for (const word of entityWords(article.title)) add(word, weights.entity);
  for (let i = 1; i < titleWords.length; i += 1) add(`${titleWords[i - 1]}_${titleWords[i]}`, weights.bigram);
  if (article.text !== undefined && article.text.length > 0) {
    const lead = article.text.slice(0, weights.leadChars);
    for (const word of contentWords(lead)) add(word, weights.text);
    for (const word of entityWords(lead)) add(word, weights.text * weights.entity);
  }
  return vector;
}

/**
 * Content words written as names or numbers. A headline in title case capitalises every word, so a title whose words
 * are mostly capitalised yields only its numbers and all-caps acronyms.
 */
export function entityWords(text: string): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const capitalised = words.filter((w) => /^[A-Z]/.test(w)).length;
  const titleCase = words.length >= 4 && capitalised / words.length > 0.6;
  const out: string[] = [];
  for (const match of text.matchAll(CAPITALISED)) {
    const token = match[0];
    const isNumber = /^\d/.test(token);
    const isAcronym = token.length > 1 && token === token.toUpperCase() && /[A-Z]/.test(token);
    const isSentenceStart = match.index === 0 || /[.!?:]\s*$/.test(text.slice(Math.max(0, match.index - 3), match.index));
    if (isNumber || isAcronym || (!titleCase && !isSentenceStart)) out.push(...contentWords(token));
  }
  return out;
}
