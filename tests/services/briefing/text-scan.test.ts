import { describe, expect, it } from 'vitest';
import { capitalisedWordCount, hasAtMostWords, isSpace, startsWithCapital, wordCount } from '../../../src/services/briefing/text-scan.js';

describe('text scanning', () => {
  it('counts runs of non-space as words, as split on \\s would', () => {
    const text = '  Ferry\u00a0crews\tmet \u2003on the\nquay  ';
    expect(wordCount(text)).toBe(text.split(/\s+/).filter(Boolean).length);
    expect(wordCount(text)).toBe(6);
  });

  it('stops counting past a limit', () => {
    expect(wordCount('one two three four five', 2)).toBe(3);
    expect(hasAtMostWords('one two three', 3)).toBe(true);
    expect(hasAtMostWords('one two three four', 3)).toBe(false);
  });

  it('agrees with \\s on every character code', () => {
    for (let c = 0; c < 0x10000; c += 1) expect(isSpace(c), `U+${c.toString(16)}`).toBe(/\s/.test(String.fromCharCode(c)));
  });

  it('counts the words that start with an ASCII capital', () => {
    expect(capitalisedWordCount(' Ferry\u00a0Crews met \u00c9mile on the\nQuay  "Harbour" ')).toBe(3);
  });

  it('tells a text that starts with a capital letter in any script', () => {
    expect(['Ferry', 'Émile', 'Ωmega', 'NATO'].every(startsWithCapital)).toBe(true);
    expect(['ferry', 'émile', '1st', ' Ferry', '"Ferry', ''].some(startsWithCapital)).toBe(false);
  });
});
