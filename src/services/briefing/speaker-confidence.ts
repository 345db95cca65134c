import { SPEAKER_MODEL } from './model/speaker-confidence.js';
import { CUES, type Credit } from './speaker-phrase.js';

/** The features the confidence model reads, in the order of its weights. */
export const SPEAKER_FEATURES = [
  'bias',
  ...CUES.map((cue) => `cue:${cue}`),
  'pronoun',
  'full-name',
  'surname-only',
  'named-body',
  'role-phrase',
  'partial',
  'known-person',
  'spoke-before',
  'with-role',
  'short-quote',
  'other-people',
  'many-people',
  'named-inside',
] as const;

/** A logistic model over `SPEAKER_FEATURES`, and the confidence below which a speaker is withheld. */
export type SpeakerModel = { features: readonly string[]; weights: readonly number[]; threshold: number };

/** What the confidence model knows about one quote besides its credit. */
export type QuoteFacts = {
  partial: boolean;
  spokeBefore: boolean;
  words: number;
  /** People other than the speaker named in the quote's paragraph, outside quote marks: rivals for the credit. */
  others: number;
  /** The quoted words name the speaker (`"Lind is wrong," ...`): who is talked about is seldom who talks. */
  namedInside: boolean;
};

/** The feature vector of a credited quote. */
export function speakerFeatures(credit: Credit, facts: QuoteFacts): number[] {
  const speaker = credit.speaker ?? '';
  const named = credit.person !== null;
  const on = new Set<string>([`cue:${credit.cue}`]);
  if (credit.pronoun && named) on.add('pronoun');
  else if (named && credit.person?.name.includes(' ') === true) on.add('full-name');
  else if (named) on.add('surname-only');
  else if (/^\p{Lu}/u.test(speaker)) on.add('named-body');
  else on.add('role-phrase');
  if (facts.partial) on.add('partial');
  if (credit.person?.isPerson === true) on.add('known-person');
  if (facts.spokeBefore) on.add('spoke-before');
  if (credit.role !== null) on.add('with-role');
  if (facts.words < 6) on.add('short-quote');
  if (facts.others >= 1) on.add('other-people');
  if (facts.others >= 3) on.add('many-people');
  if (facts.namedInside) on.add('named-inside');
  return SPEAKER_FEATURES.map((name) => (name === 'bias' || on.has(name) ? 1 : 0));
}

/** The model's probability that the credited speaker is right. */
export function confidenceOf(features: readonly number[], model: SpeakerModel = SPEAKER_MODEL): number {
  let z = 0;
  for (let k = 0; k < features.length; k += 1) z += (model.weights[k] ?? 0) * (features[k] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
