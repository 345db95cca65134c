import { describe, expect, it } from 'vitest';
import { createWinkInstance, renewedEvery, tokenize } from '../../../src/services/briefing/nlp.js';

const values = (text: string): string[] => tokenize(text).tokens.map((token) => token.value);

describe('tokenize', () => {
  it('gives tokens and sentences as spans of the text', () => {
    const text = 'The council met on Tuesday.  Mr. Hale left early.';
    const { sentences, tokens } = tokenize(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['The council met on Tuesday.', 'Mr. Hale left early.']);
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.value);
  });

  it('splits a possessive the same way whatever it read before', () => {
    const text = 'Ingersoll’s ferry plan was approved.';
    const first = values(text);
    // A possessive before a comma teaches wink-nlp's lexicon the whole word, which it then keeps together.
    tokenize('The board backed Ingersoll’s, not the council’s, proposal.');
    expect(values(text)).toEqual(first);
    expect(first.slice(0, 2)).toEqual(['Ingersoll', '’s']);
  });

  it('splits a possessive with either apostrophe and either case of s, and leaves other tokens whole', () => {
    tokenize("Teaching the lexicon: MARSH'S, Hale's, Ward’S, rock'n'roll's, O'Neill, it's, 's.");
    const text = "MARSH'S boat, Hale's net, Ward’S oar, O'Neill and rock'n'roll's fans.";
    const tokens = values(text);
    for (const piece of ["'S", "'s", '’S']) expect(tokens).toContain(piece);
    expect(tokens).toContain("O'Neill");
    expect(tokens).not.toContain("Hale's");
  });

  it('keeps sentence spans whole around a split possessive', () => {
    const text = 'It was Hale’s. Then Ward’s turn came.';
    const { sentences } = tokenize(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['It was Hale’s.', 'Then Ward’s turn came.']);
  });
});

describe('createWinkInstance', () => {
  it('gives a new instance none of the words an earlier instance learnt', () => {
    const learning = createWinkInstance();
    const words = (nlp: ReturnType<typeof createWinkInstance>): string[] => nlp.readDoc('Ingersoll’s ferry').tokens().out();
    const fresh = words(learning);
    learning.readDoc('The board backed Ingersoll’s, not the council’s, proposal.');
    expect(words(learning)).toEqual(['Ingersoll’s', 'ferry']);
    expect(fresh).toEqual(['Ingersoll', '’s', 'ferry']);
    expect(words(createWinkInstance())).toEqual(fresh);
  });
});

describe('renewedEvery', () => {
  it('creates on first use and again after each run of uses', () => {
    let created = 0;
    const next = renewedEvery(3, () => {
      created += 1;
      return created;
    });
    expect(Array.from({ length: 7 }, () => next())).toEqual([1, 1, 1, 2, 2, 2, 3]);
  });
});

describe('createWinkInstance', () => {
  it('can be called again and again (the model alone overflows a string on the 21st load)', () => {
    for (let i = 0; i < 24; i += 1) expect(createWinkInstance().readDoc('One. Two.').sentences().length()).toBe(2);
  }, 30_000);
});
