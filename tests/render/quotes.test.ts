import { describe, expect, it } from 'vitest';
import { Article } from '../../src/data/schemas.js';
import { embedLength } from '../../src/render/embed.js';
import { EMBED_DESCRIPTION_LIMIT, EMBED_TOTAL_LIMIT } from '../../src/render/limits.js';
import { renderQuotesPage } from '../../src/render/quotes.js';
import type { Quote } from '../../src/services/briefing/types.js';

const article = Article.parse({
  id: 'abcdef012345',
  contentHash: 'a'.repeat(64),
  ingestedAt: '2026-11-25T10:00:00Z',
  url: 'https://tidewater.example/a',
  title: 'Night ferry returns to the island',
  authors: [],
  outlet: null,
  publishedAt: null,
  section: null,
  text: 'Body.',
});

const quote = (text: string, speaker: string): Quote => ({
  start: 0,
  end: text.length,
  text,
  parts: [{ start: 0, end: text.length, text }],
  speaker,
  speakerRole: null,
  canonical: speaker.toLowerCase(),
  confidence: 1,
  kind: 'direct',
  sentenceIndex: 0,
});

describe('renderQuotesPage', () => {
  const many = Array.from({ length: 60 }, (_, i) => quote(`Point ${i}: ${'harbour '.repeat(40)}`, `Speaker ${i % 3}`));

  it('shows one page in one message within every limit, with page buttons and the article link', () => {
    const first = renderQuotesPage(article, many, { page: 0 });
    expect(first?.followUps).toBeUndefined();
    expect(first?.embeds).toHaveLength(1);
    const pageCount = Number(/page 1 of (\d+)$/.exec(first?.embeds?.[0]?.footer?.text ?? '')?.[1]);
    expect(pageCount).toBeGreaterThan(2);
    for (let page = 0; page < pageCount; page += 1) {
      const reply = renderQuotesPage(article, many, { page });
      expect(embedLength(reply?.embeds?.[0] ?? {})).toBeLessThanOrEqual(EMBED_TOTAL_LIMIT);
      expect(reply?.embeds?.[0]?.description?.length).toBeLessThanOrEqual(EMBED_DESCRIPTION_LIMIT);
      expect(reply?.components?.[0]?.components.map((button) => ('label' in button ? button.label : ''))).toEqual(['Previous', 'Next', 'Open article']);
    }
    expect(renderQuotesPage(article, many, { page: pageCount })).toBeUndefined();
  });

  it('carries the speaker filter in its page buttons', () => {
    const reply = renderQuotesPage(article, many, { page: 1, speaker: { name: 'Speaker 1', index: 1 } });
    expect(reply?.components?.[0]?.components[1]).toMatchObject({ custom_id: 'quotes-page:abcdef012345:2:1' });
  });
});
