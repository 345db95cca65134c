import { describe, expect, it } from 'vitest';
import { contentWords, selectSentences, type RankedSentence } from '../../../src/services/briefing/rank.js';
import type { Sentence } from '../../../src/services/briefing/segment.js';

describe('contentWords', () => {
  it('keeps lower-cased words and numbers, drops stop words and one-letter words, and stems', () => {
    expect(contentWords('The Ferries of 2026 sailed slowly, a B-roll crew said.')).toEqual(['ferr', '2026', 'sail', 'slow', 'roll', 'crew']);
  });

  it('keeps an apostrophe with the letters after it and drops a possessive', () => {
    expect(contentWords("The harbour's crews don't sail; the pier’s lamps can’t wait, rock'n'roll")).toEqual([
      'harbour',
      'crew',
      "don't",
      'sail',
      'pier',
      'lamp',
      'can’t',
      'wait',
      "rock'n",
      'roll',
    ]);
  });

  it('leaves an apostrophe that no letter follows out of the word', () => {
    expect(contentWords("the crews' pay, rose 5'")).toEqual(['crew', 'pay', 'rose']);
  });
});

function ranked(index: number, score: number, words: Record<string, number>, options: { text?: string; leansBack?: boolean } = {}): RankedSentence {
  const text = options.text ?? 'x';
  const sentence: Sentence = { start: index, end: index + 1, text, index, line: 0, tokens: [] };
  return { sentence, score, vector: new Map(Object.entries(words)), leansBack: options.leansBack ?? false };
}

describe('selectSentences', () => {
  it('skips a candidate too similar to any sentence already chosen, and returns article order', () => {
    const pool = [
      ranked(0, 3, { ferry: 1, pier: 1 }),
      ranked(1, 2.9, { ferry: 1, pier: 1 }),
      ranked(2, 2, { storm: 1, coast: 1 }),
      ranked(3, 1.9, { storm: 1, coast: 1, road: 0.1 }),
      ranked(4, 1, { council: 1 }),
    ];
    expect(selectSentences(pool, 3).map((r) => r.sentence.index)).toEqual([0, 2, 4]);
  });

  it('adds sentences past the minimum only while the next pick fits the word budget', () => {
    const words = (n: number): string => Array.from({ length: n }, () => 'w').join(' ');
    const pool = [0, 1, 2, 3, 4].map((i) => ranked(i, 5 - i, { [`t${i}`]: 1 }, { text: words(i === 3 ? 30 : 10) }));
    const length = { min: 3, max: 6, words: 45 };
    // 30 + 30 words would pass the budget, so the fourth pick (30 words) stops the brief at three.
    expect(selectSentences(pool, length).map((r) => r.sentence.index)).toEqual([0, 1, 2]);
    expect(selectSentences(pool, { ...length, words: 60 }).map((r) => r.sentence.index)).toEqual([0, 1, 2, 3]);
    expect(selectSentences(pool, { ...length, words: 90 }).map((r) => r.sentence.index)).toEqual([0, 1, 2, 3, 4]);
    expect(selectSentences(pool, 4).map((r) => r.sentence.index)).toEqual([0, 1, 2, 3]);
  });

  it('does not open the brief with a sentence that leans back when one of the next two names the subject', () => {
    const pool = [
      ranked(0, 3, { ferry: 1 }, { leansBack: true }),
      ranked(1, 2, { pier: 1 }),
      ranked(2, 1, { storm: 1 }),
      ranked(3, 0.5, { road: 1 }),
    ];
    expect(selectSentences(pool, 3).map((r) => r.sentence.index)).toEqual([1, 2, 3]);
  });

  it('opens with a sentence that leans back when the sentences after it lean back too', () => {
    const pool = [
      ranked(0, 3, { ferry: 1 }, { leansBack: true }),
      ranked(1, 2, { pier: 1 }, { leansBack: true }),
      ranked(2, 1, { storm: 1 }, { leansBack: true }),
      ranked(3, 0.5, { road: 1 }),
    ];
    expect(selectSentences(pool, 3).map((r) => r.sentence.index)).toEqual([0, 1, 2]);
  });
});
