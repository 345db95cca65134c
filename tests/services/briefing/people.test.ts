import { describe, expect, it } from 'vitest';
import { isNameWord } from '../../../src/services/briefing/people.js';
import { extractQuotes } from '../../../src/services/briefing/quotes.js';

describe('isNameWord', () => {
  it('reads no sentence adverb or reader instruction as a name', () => {
    for (const word of ['Interestingly', 'Certainly', 'Additionally', 'See', 'Watch']) expect(isNameWord(word), word).toBe(false);
  });
  it('still reads names that end like adverbs or look like verbs as names', () => {
    for (const word of ['Kelly', 'Emily', 'Connolly', 'Beverly', 'Lind']) expect(isNameWord(word), word).toBe(true);
  });
});

describe('findPeople through extractQuotes', () => {
  it('does not take a reader instruction before a surname for a new full name', () => {
    const text = '"We sail at six," Jared Lind said.\n(See Lind\'s full timeline below.)\n"The boats fill up by noon," Lind said.';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Jared Lind', 'Jared Lind']);
  });
  it('reads a full name before a modal verb as a person a later pronoun can mean', () => {
    const text = 'Ana Ruiz tweeted a photo.\nPiet Varga may have said it best when he wrote: "The harbour is as close to ruin as it gets."';
    expect(extractQuotes({ title: '', text }).map((q) => q.speaker)).toEqual(['Piet Varga']);
  });
});
