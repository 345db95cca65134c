import { describe, expect, it } from 'vitest';
import { creditedQuotes } from '../../../src/services/briefing/quotes.js';
import { segmentArticle } from '../../../src/services/briefing/segment.js';
import { SPEAKER_FEATURES, confidenceOf } from '../../../src/services/briefing/speaker-confidence.js';

/** The names of the features on for the article's first credited quote. */
function featuresOn(text: string): string[] {
  const features = creditedQuotes(text, segmentArticle(text, ''))[0]?.features ?? [];
  return SPEAKER_FEATURES.filter((_, k) => features[k] === 1);
}

describe('speakerFeatures', () => {
  it('marks a pronoun speaker with another man named since the speaker was', () => {
    const on = featuresOn('Mr. Piet Varga met Mr. Tomas Lind on the pier. He said: “The pier has stood for a hundred years.”');
    expect(on).toContain('same-gender-rival');
  });

  it('leaves a pronoun speaker unmarked when the only other person named is of the other gender', () => {
    const on = featuresOn('Mr. Piet Varga toured the pier. Mrs. Ana Ruiz joined him later. He said: “The pier has stood for a hundred years.”');
    expect(on).toContain('pronoun');
    expect(on).not.toContain('same-gender-rival');
  });

  it('marks another person named in the quote’s own sentence', () => {
    const on = featuresOn('Ana Ruiz said the vote would favour Tomas Lind and that it was “a fair result for the island.”');
    expect(on).toContain('sentence-rival');
    expect(featuresOn('“The vote was a fair result for the island,” said Ana Ruiz.')).not.toContain('sentence-rival');
  });

  it('marks a speaker whose nearest mention is far from the quote', () => {
    const filler = 'The ferry timetable changes in spring and the harbour board meets on the first Monday of every month. '.repeat(4);
    const on = featuresOn(`Mrs. Ana Ruiz spoke at the meeting. ${filler}“We will keep the ferries running all winter,” she said.`);
    const near = featuresOn('Mrs. Ana Ruiz spoke at the meeting. “We will keep the ferries running all winter,” she said.');
    expect(on).toContain('speaker-far');
    expect(near).not.toContain('speaker-far');
  });

  it('marks a speaker carried on into a paragraph that names someone else', () => {
    const text = '“The pier is safe,” said Ana Ruiz.\n“Tomas Lind has the figures wrong, and the report shows it plainly,” Lind heard at the hearing.';
    const quotes = creditedQuotes(text, segmentArticle(text, ''));
    const carried = quotes.find((q) => q.features !== null && q.features[SPEAKER_FEATURES.indexOf('cue:continuation')] === 1);
    if (carried !== undefined) expect(carried.features?.[SPEAKER_FEATURES.indexOf('carried-past-rival')]).toBe(1);
    const simple = '“The pier is safe,” said Ana Ruiz. Tomas Lind listened.\n“Repairs can wait until the spring.”';
    const goesOn = creditedQuotes(simple, segmentArticle(simple, '')).at(-1);
    expect(goesOn?.quote.speaker ?? null).not.toBeNull();
  });
});

describe('confidenceOf', () => {
  it('weighs features by name, so a feature the model lacks weighs nothing and shifts no other weight', () => {
    const features = SPEAKER_FEATURES.map((name) => (name === 'bias' || name === 'full-name' ? 1 : 0));
    const model = { features: ['full-name', 'bias'], weights: [2, -1], threshold: 0.5 };
    expect(confidenceOf(features, model)).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
  });
});
