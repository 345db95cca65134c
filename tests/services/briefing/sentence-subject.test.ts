import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/services/briefing/quotes.js';

function speakerOf(text: string): string | null | undefined {
  return extractQuotes({ title: '', text })[0]?.speaker;
}

describe('mainSubject', () => {
  it('passes over a comparison that opens the sentence (`Like X, Y ...`)', () => {
    const text = 'Tomas Lind backed the plan.\nLike Lind, Ana Ruiz rejected the idea, arguing that there is “room for both ferries”.';
    expect(speakerOf(text)).toBe('Ana Ruiz');
  });
});

describe('subjectAtStart', () => {
  it('reads no heading words before a name as the role of another name', () => {
    const text = 'Ana Ruiz spoke about her book, “Harbour History for Beginners,” on Monday.\nAna Ruiz On How Harbour History Makes Her Feel “Proud.”';
    expect(speakerOf(text)).toBe('Ana Ruiz');
  });
});

describe('subjectBefore', () => {
  it('leaves an adverb before the verb out of the speaker', () => {
    const text = 'Ana Ruiz leads the port.\nThe director further warned that the pier was “close to failing”.';
    expect(speakerOf(text)).toBe('The director');
  });
});
