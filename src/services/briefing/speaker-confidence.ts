import { SPEAKER_MODEL } from './model/speaker-confidence.js';
import type { Mention, Person } from './people.js';
import type { Part } from './quote-marks.js';
import { sentenceAt, type Segmentation } from './segment.js';
import { CUES, type Context, type Credit } from './speaker-phrase.js';
import { countStartingBefore, startsWithCapital } from './text-scan.js';

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
  'sentence-rival',
  'same-gender-rival',
  'speaker-far',
  'carried-past-rival',
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
  /** Another person is named in the quote's own sentence, outside quote marks. */
  sentenceRival: boolean;
  /** A pronoun speaker, with another person of that gender (or of none known) named since the speaker was: `he` could be either. */
  sameGenderRival: boolean;
  /** The speaker's nearest mention is far from the quote (or, for an organisation or role, there is none). */
  speakerFar: boolean;
};

/** The feature vector of a credited quote. */
export function speakerFeatures(credit: Credit, facts: QuoteFacts): number[] {
  const speaker = credit.speaker ?? '';
  const named = credit.person !== null;
  const on = new Set<string>([`cue:${credit.cue}`]);
  if (credit.pronoun && named) on.add('pronoun');
  else if (named && credit.person?.name.includes(' ') === true) on.add('full-name');
  else if (named) on.add('surname-only');
  else if (startsWithCapital(speaker)) on.add('named-body');
  else on.add('role-phrase');
  if (facts.partial) on.add('partial');
  if (credit.person?.isPerson === true) on.add('known-person');
  if (facts.spokeBefore) on.add('spoke-before');
  if (credit.role !== null) on.add('with-role');
  if (facts.words < 6) on.add('short-quote');
  if (facts.others >= 1) on.add('other-people');
  if (facts.others >= 3) on.add('many-people');
  if (facts.namedInside) on.add('named-inside');
  if (facts.sentenceRival) on.add('sentence-rival');
  if (facts.sameGenderRival) on.add('same-gender-rival');
  if (facts.speakerFar) on.add('speaker-far');
  // The last speaker carried on into a paragraph that names someone else, who may be the one speaking now.
  if ((credit.cue === 'continuation' || credit.cue === 'speaker-goes-on') && facts.others >= 1) on.add('carried-past-rival');
  return SPEAKER_FEATURES.map((name) => (name === 'bias' || on.has(name) ? 1 : 0));
}

/** The model's probability that the credited speaker is right. */
export function confidenceOf(features: readonly number[], model: SpeakerModel = SPEAKER_MODEL): number {
  const weights = weightsByFeature(model);
  let z = 0;
  for (let k = 0; k < features.length; k += 1) z += (weights[k] ?? 0) * (features[k] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

const aligned = new WeakMap<SpeakerModel, number[]>();

/**
 * The model's weights in `SPEAKER_FEATURES` order, matched by name: a feature the model was not fitted with weighs 0,
 * so adding a feature does not shift the weights of the others until the model is retrained.
 */
function weightsByFeature(model: SpeakerModel): number[] {
  const known = aligned.get(model);
  if (known !== undefined) return known;
  const weights = SPEAKER_FEATURES.map((name) => {
    const k = model.features.indexOf(name);
    return k < 0 ? 0 : (model.weights[k] ?? 0);
  });
  aligned.set(model, weights);
  return weights;
}

/** How far a speaker's nearest mention may be from the quote, in characters, before the credit reads as distant. */
const FAR = 300;
/** How far back the speaker's last mention and same-gender rivals are looked for. */
const LOOK_BACK = 2000;

/** Who else could have said the quote, from the mentions around it: the rival facts of `QuoteFacts`. */
export function rivalFacts(
  text: string,
  seg: Segmentation,
  group: readonly Part[],
  ctx: Context,
  credit: Credit,
): Pick<QuoteFacts, 'others' | 'namedInside' | 'sentenceRival' | 'sameGenderRival' | 'speakerFar'> {
  const first = group[0];
  const last = group.at(-1);
  const line = seg.lines[first?.line ?? -1];
  const quoteStart = first?.start ?? 0;
  const quoteEnd = last?.end ?? quoteStart;
  const sentenceStart = sentenceAt(seg.sentences, first?.open ?? quoteStart)?.start ?? quoteStart;
  const sentenceEnd = sentenceAt(seg.sentences, last?.close ?? quoteEnd)?.end ?? quoteEnd;
  const others = new Set<Person>();
  let sentenceRival = false;
  if (line !== undefined) {
    for (let i = countStartingBefore(ctx.mentions, line.start); i < ctx.mentions.length; i += 1) {
      const m = ctx.mentions[i] as Mention;
      if (m.start >= line.end) break;
      if (m.person === credit.person || !m.person.isPerson) continue;
      others.add(m.person);
      if (m.start >= sentenceStart && m.start < sentenceEnd) sentenceRival = true;
    }
  }
  const person = credit.person;
  let sameGenderRival = false;
  let nearest = Infinity;
  if (person !== null) {
    const from = countStartingBefore(ctx.mentions, quoteStart);
    for (let i = from - 1; i >= 0; i -= 1) {
      const m = ctx.mentions[i] as Mention;
      if (quoteStart - m.start > LOOK_BACK) break;
      if (m.person === person) {
        nearest = quoteStart - m.end;
        break;
      }
      const compatible = m.person.gender === null || person.gender === null || m.person.gender === person.gender;
      if (credit.pronoun && m.person.isPerson && compatible) sameGenderRival = true;
    }
    for (let i = from; i < ctx.mentions.length; i += 1) {
      const m = ctx.mentions[i] as Mention;
      if (m.start - quoteEnd >= nearest) break;
      if (m.person === person) {
        nearest = Math.min(nearest, Math.max(0, m.start - quoteEnd));
        break;
      }
    }
  }
  const surname = person?.surname ?? credit.speaker?.split(/\s+/).at(-1) ?? '';
  const namedInside = surname.length > 2 && group.some((p) => text.slice(p.start, p.end).includes(surname));
  return { others: others.size, namedInside, sentenceRival, sameGenderRival, speakerFar: person !== null && nearest > FAR };
}
