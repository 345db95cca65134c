import { describe, expect, it } from 'vitest';
import { splitWords, startsTitleWords, typedWords } from '../../src/data/query-words.js';

/** The definition `startsTitleWords` stands in for: every typed word starts a word of the split title. */
const bySplitting = (title: string, typed: readonly string[]): boolean =>
  typed.every((prefix) => splitWords(title).some((word) => word.startsWith(prefix)));

describe('startsTitleWords', () => {
  it('matches typed words at the start of title words only', () => {
    const matches = startsTitleWords(typedWords('har rev'));
    expect(matches('Harbour authority reviews ferry timetable')).toBe(true);
    expect(matches('Harbour authority previews ferry timetable')).toBe(false);
    expect(matches('Reviews of the harbour')).toBe(true);
  });

  it('folds case and diacritics and splits on any non-letter, as splitWords does', () => {
    expect(startsTitleWords(typedWords('zur caf'))('Zürich: CAFÉ owners vote')).toBe(true);
    expect(startsTitleWords(typedWords('clean'))('Storm clean-up begins')).toBe(true);
    expect(startsTitleWords(typedWords('up'))('Storm clean-up begins')).toBe(true);
    expect(startsTitleWords(typedWords('2026'))('Budget/2026 approved')).toBe(true);
    expect(startsTitleWords(typedWords('026'))('Budget/2026 approved')).toBe(false);
  });

  it('agrees with splitting the title for every prefix of its words', () => {
    const titles = ['Mara-Lind meets İzmir délégués', 'The Öresund bridge: 3rd closure', 'a b c', 'Ærø ferry ¼ full'];
    for (const title of titles) {
      for (const word of splitWords(title)) {
        for (let end = 1; end <= word.length; end += 1) {
          for (const typed of [[word.slice(0, end)], ['the', word.slice(0, end)], [word.slice(1, end + 1)]]) {
            expect(startsTitleWords(typed)(title), `${title} / ${typed.join(' ')}`).toBe(bySplitting(title, typed));
          }
        }
      }
    }
  });
});
