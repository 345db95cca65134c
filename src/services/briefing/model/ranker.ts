import type { RankerModel } from '../rank.js';

/**
 * Sentence ranker weights (one per feature of `FEATURE_NAMES`). These are hand-set: lead position, centrality and
 * penalties for fragments, run-ons, quote sentences, questions and reported speech, with the length, long-sentence,
 * speech-verb, short-sentence, leaning-back (an opening pronoun or connective) and run-together weights picked by
 * small grids on fold A of summaries-dev.jsonl (sentences clause-trimmed as in the brief) and checked on fold B (see
 * the closing note of issue 3). A ridge regression fitted by `eval/train-ranker.ts` scored lower in two-fold cross-validation, so it is
 * not used; `npx tsx eval/train-ranker.ts --write` would replace these with its fit.
 */
export const RANKER: RankerModel = {
  features: ['bias', 'lead_decay', 'inverse_position', 'is_first', 'relative_position', 'length', 'is_short', 'is_long', 'centrality', 'title_overlap', 'capitalised_ratio', 'has_number', 'is_quote', 'has_say_verb', 'is_question', 'first_person', 'leans_back', 'run_on'],
  weights: [0, 1, 0, 0, 0, -0.1, -0.2, -0.3, 0.6, 0.4, 0, 0, -0.25, -0.1, -0.25, 0, -0.2, -0.3],
};
