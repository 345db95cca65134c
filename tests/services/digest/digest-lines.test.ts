import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log.js';
import { briefDigestLines, safeDigestLines } from '../../../src/services/digest/digest-lines.js';
import { makeArticle } from './digest-test-kit.js';

const article = makeArticle({
  title: 'Harbour council approves the new ferry terminal',
  publishedAt: '2026-06-15T06:00:00.000Z',
  text: [
    'The harbour council approved the new ferry terminal on Monday after a two-year review of the plans.',
    '"This terminal will carry a million passengers a year within a decade," said Mayor Ana Lopez, who chaired the vote.',
    'Opponents said the cost of the terminal had doubled since the first estimate was published.',
    'Construction of the ferry terminal is due to begin in the spring and to take three years.',
  ].join('\n\n'),
});

describe('briefDigestLines', () => {
  it('gives a sentence of the article as summary and a verbatim quote with its speaker', () => {
    const lines = briefDigestLines(article);
    expect(lines.summary).not.toBeNull();
    expect(article.text).toContain(lines.summary);
    expect(lines.quote?.speaker).toBe('Ana Lopez');
    expect(article.text).toContain(lines.quote?.text);
  });
});

describe('safeDigestLines', () => {
  it('gives empty lines instead of throwing on an article the engine cannot read', () => {
    const broken = { ...article, text: undefined as unknown as string };
    expect(safeDigestLines(silentLogger)(broken)).toEqual({ summary: null, quote: null });
  });
});
