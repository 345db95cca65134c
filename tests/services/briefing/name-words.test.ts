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
  it('reads no group in the plural that opens a sentence as a name', () => {
    for (const word of ['Sources', 'Witnesses', 'Residents', 'Aides']) expect(isNameWord(word), word).toBe(false);
  });
  it('resolves a `she said` after `Sources said` to the woman named before, never to the group', () => {
    const text = 'Ana Ruiz runs the harbour board.\nSources said the pier would close in May. “We have no other choice left,” she said.';
    expect(extractQuotes({ title: '', text })[0]?.speaker).toBe('Ana Ruiz');
    const group = 'Sources say the board is “ready to close the pier for good” by May.';
    expect(extractQuotes({ title: '', text: group })[0]?.speaker).toBe('Sources');
  });
  it('still reads names that end like adverbs or look like verbs as names', () => {
    for (const word of ['Kelly', 'Emily', 'Connolly', 'Beverly', 'Lind', 'Lindqvist', 'Holmkvist', 'Bloomquist']) expect(isNameWord(word), word).toBe(true);
  });
});
