import { describe, expect, it } from 'vitest';
import { isNameWord } from '../../../src/services/briefing/name-words.js';
import { extractQuotes } from '../../../src/services/briefing/quotes.js';

describe('isNameWord', () => {
  it('reads no sentence adverb or reader instruction as a name', () => {
    for (const word of ['Interestingly', 'Certainly', 'Additionally', 'See', 'Watch']) expect(isNameWord(word), word).toBe(false);
  });
  it('reads no subordinator or auxiliary opening a clause as a name', () => {
    for (const word of ['Although', 'Though', 'Had', 'Were', 'Unless', 'Whether']) expect(isNameWord(word), word).toBe(false);
  });
  it('credits a quote after `Although X ..., she said:` to X without the subordinator', () => {
    const text = 'Although Ana Ruiz backed the plan, she said: “The ferries will keep running through winter.”';
    expect(extractQuotes({ title: '', text })[0]?.speaker).toBe('Ana Ruiz');
  });
  it('still reads names that end like adverbs or look like verbs as names', () => {
    for (const word of ['Kelly', 'Emily', 'Connolly', 'Beverly', 'Lind', 'Lindqvist', 'Holmkvist', 'Bloomquist']) expect(isNameWord(word), word).toBe(true);
  });
});
