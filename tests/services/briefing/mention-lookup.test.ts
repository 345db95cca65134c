import { describe, expect, it } from 'vitest';
import { personByRole } from '../../../src/services/briefing/mention-lookup.js';
import { findPeople } from '../../../src/services/briefing/people.js';
import { segmentArticle } from '../../../src/services/briefing/segment.js';

describe('personByRole', () => {
  it('finds the one person given a role by title or appositive, and no one when two share it', () => {
    const text = 'Mayor Ana Ruiz spoke. Piet Varga, the harbour master, listened.';
    const mentions = extractMentions(text);
    expect(personByRole({ text, mentions, sentences: [] }, 'mayor', text.length)?.name).toBe('Ana Ruiz');
    expect(personByRole({ text, mentions, sentences: [] }, 'master', text.length)?.name).toBe('Piet Varga');
    const two = 'Senator Ana Ruiz met Senator Piet Varga.';
    expect(personByRole({ text: two, mentions: extractMentions(two), sentences: [] }, 'senator', two.length)).toBeNull();
  });
});

function extractMentions(text: string) {
  return findPeople(text, segmentArticle(text).sentences).mentions;
}
