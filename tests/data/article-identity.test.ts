import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../../src/data/article-identity.js';

/** The original, straightforward definition of the content hash: the fast one must agree with it everywhere. */
function referenceHash(title: string, text: string): string {
  const normalized = `${title}\n${text}`.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  return createHash('sha256').update(normalized).digest('hex');
}

describe('contentHash', () => {
  it('agrees with the reference definition on awkward whitespace and Unicode', () => {
    const samples: Array<[string, string]> = [
      ['Budget vote', 'The vote was delayed.'],
      ['  Budget  vote ', '\tThe vote\n\nwas   delayed.\r\n'],
      ['Budget\u00a0vote', 'The\u2003vote \u3000was\u2028delayed.\u202f'],
      ['Ｆｕｌｌ width', 'ﬁne ligature, Café, cafe\u0301'],
      ['', ''],
      [' ', ' \n '],
      ['x', 'a \n b\t\tc \u00a0 d\ve\ff'],
    ];
    for (const [title, text] of samples) expect(contentHash(title, text), JSON.stringify([title, text])).toBe(referenceHash(title, text));
  });

  it('agrees with the reference on random mixes of words and whitespace', () => {
    let state = 42;
    const random = () => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state / 4_294_967_296;
    };
    const pieces = ['word', 'Wörd', ' ', '  ', '\n', '\t', '\u00a0', '\u2009', '\r\n', 'ＡＢ', '.'];
    for (let round = 0; round < 200; round += 1) {
      const text = Array.from({ length: 30 }, () => pieces[Math.floor(random() * pieces.length)] ?? '').join('');
      expect(contentHash('T', text)).toBe(referenceHash('T', text));
    }
  });

  it('is equal for the same story with different whitespace and case, and differs for other words', () => {
    expect(contentHash('Budget Vote', 'The vote  was\n\ndelayed.')).toBe(contentHash('budget vote', ' the vote was delayed. '));
    expect(contentHash('Budget vote', 'The vote was delayed.')).not.toBe(contentHash('Budget vote', 'The vote was held.'));
  });
});
