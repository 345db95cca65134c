import { contentWords } from '../briefing/rank.js';

/** A sparse term vector: term -> weight. */
export type TermVector = Map<string, number>;

/** How much each part of an article counts towards its story features. */
export type FeatureWeights = {
  /** A content word of the headline. */
  title: number;
  /** A content word of the body's lead (its first `leadChars` characters). */
  text: number;
  /** An adjacent pair of headline content words. */
  bigram: number;
  leadChars: number;
};

export const DEFAULT_FEATURE_WEIGHTS: FeatureWeights = { title: 1, text: 0.3, bigram: 0.25, leadChars: 600 };

/**
 * The story features of an article: stemmed content words of the headline (see `contentWords`), pairs of adjacent ones,
 * and the lead of the body at a lower weight. Words of the outlet's own name are left out, as outlets brand their
 * headlines ("... - Reuters") whatever the story.
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
  for (let i = 1; i < titleWords.length; i += 1) add(`${titleWords[i - 1]}_${titleWords[i]}`, weights.bigram);
  if (article.text !== undefined && article.text.length > 0) {
    const lead = article.text.slice(0, weights.leadChars);
    for (const word of contentWords(lead)) add(word, weights.text);
  }
  return vector;
}
